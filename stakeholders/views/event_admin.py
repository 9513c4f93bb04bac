"""The secretariat's event pages: the list, creating and editing an event with its agenda and
background documents, and an event's page (registrations by status, places left, travel
support against the budget, late round-table background notes). Secretariat only: the same
check as the moderation pages (`reviews.permissions.can_moderate_reviews`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reviews.permissions import can_moderate_reviews
from stakeholders import events as services
from stakeholders import meetings
from stakeholders.forms.events import AgendaFormSet, DocumentFormSet, EventForm
from stakeholders.models import Event


def require_secretariat(request):
    if not can_moderate_reviews(request.user):
        raise PermissionDenied


@login_required
@require_GET
def event_admin_list(request):
    require_secretariat(request)
    events = Event.objects.select_related("cycle").order_by("-starts_on", "slug")
    return render(request, "stakeholders/events/admin_list.html", {"events": events})


def _meeting_initial(request) -> dict:
    """A new event of a regional meeting starts from the meeting (?meeting=<key>)."""
    meeting = meetings.meeting_by_key(request.GET.get("meeting", "")[:100])
    if meeting is None:
        return {}
    return {
        "kind": Event.Kind.REGIONAL, "meeting": meeting["key"], "cycle": meeting["cycle_id"],
        "title": meeting["title"], "starts_on": meeting["starts_on"],
        "ends_on": meeting["ends_on"], "venue": meeting["venue"], "mode": meeting["mode"],
    }  # fmt: skip


def _edit(request, event: Event | None):
    instance = event or Event()
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = EventForm(
        data, instance=instance, initial=_meeting_initial(request) if not event else None
    )
    agenda = AgendaFormSet(data, instance=instance, prefix="agenda")
    documents = DocumentFormSet(data, files, instance=instance, prefix="documents")
    status = 200
    if data is not None:
        if form.is_valid() & agenda.is_valid() & documents.is_valid():  # all show their errors
            saved = services.save_event(form, agenda, documents)
            messages.success(request, _("The event is saved."))
            return redirect("stakeholders:event_admin", slug=saved.slug)
        status = 400
    context = {
        "form": form,
        "agenda": agenda,
        "documents": documents,
        "event": event,
        "meetings": meetings.all_meetings() if not event else [],
    }
    return render(request, "stakeholders/events/edit.html", context, status=status)


@login_required
def event_create(request):
    require_secretariat(request)
    return _edit(request, None)


@login_required
def event_edit(request, slug):
    require_secretariat(request)
    return _edit(request, get_object_or_404(Event, slug=slug))


@login_required
@require_GET
def event_admin(request, slug):
    require_secretariat(request)
    event = get_object_or_404(Event.objects.select_related("cycle"), slug=slug)
    context = {
        "event": event,
        "summary": services.event_summary(event),
        "flags": services.roundtable_flags(event),
        "meeting": meetings.meeting_for(event),
        "documents": event.documents.all(),
    }
    return render(request, "stakeholders/events/admin_detail.html", context)


urlpatterns = [
    path("secretariat/events/", event_admin_list, name="event_admin_list"),
    path("secretariat/events/new/", event_create, name="event_create"),
    path("secretariat/events/<slug:slug>/", event_admin, name="event_admin"),
    path("secretariat/events/<slug:slug>/edit/", event_edit, name="event_edit"),
]
