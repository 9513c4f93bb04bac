"""The public pages of events: the list, and one event with its agenda, background documents,
regional review meeting and report, and participants. An unpublished event is a 404 to the
public; the secretariat sees it, with a note that it is not published."""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from reviews.permissions import can_moderate_reviews
from reviews.uploads import EXTENSIONS
from stakeholders import events as services
from stakeholders.models import BackgroundDocument, Event

# Stored names end in the extension of the checked content (stakeholders.forms.events).
TYPES = {extension: content_type for content_type, extension in EXTENSIONS.items()}


def _visible_event(request, slug) -> Event:
    event = get_object_or_404(Event.objects.select_related("cycle"), slug=slug)
    if not event.is_published and not can_moderate_reviews(request.user):
        raise Http404
    return event


@require_GET
def event_list(request):
    context = {"events": services.published_events(), "now": timezone.now()}
    return render(request, "stakeholders/events/list.html", context)


@require_GET
def event_detail(request, slug):
    event = _visible_event(request, slug)
    return render(request, "stakeholders/events/detail.html", services.public_page(event))


@require_GET
def event_document(request, slug, pk):
    """A background document's file, once the document is out (its publication date)."""
    event = _visible_event(request, slug)
    document = get_object_or_404(BackgroundDocument, pk=pk, event=event)
    out = document.published_on and document.published_on <= timezone.localdate()
    if not document.file or not (out or can_moderate_reviews(request.user)):
        raise Http404
    extension = PurePosixPath(document.file.name).suffix.lower()
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{event.slug}-{document.pk}{extension}",
        content_type=TYPES.get(extension, "application/octet-stream"),
    )


urlpatterns = [
    path("events/", event_list, name="events"),
    path("events/<slug:slug>/", event_detail, name="event"),
    path("events/<slug:slug>/documents/<int:pk>/", event_document, name="event_document"),
]
