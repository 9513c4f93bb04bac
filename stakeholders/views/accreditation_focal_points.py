"""Member States' page of the organisations recommended for special accreditation to an IMRF:
the list (name, type, country, website, purpose, relevance, objectives) and, while the period is
open, an "Object" form per organisation; read-only once it closed.

Any focal point or authorizing official of any State sees it (others 403, anonymous visitors
log in); the event is 404 until the list was sent to Member States. A person sees their own
States' objections, never another State's (`accreditation_selectors.review_list`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reviews.models import MemberState
from stakeholders import accreditation
from stakeholders.accreditation_selectors import review_list
from stakeholders.decisions import DecisionRefused
from stakeholders.forms.accreditation_review import ObjectionForm
from stakeholders.models import AccreditationApplication, Event

T = "stakeholders/accreditation/focal_points/"


def _member_states(request):
    """The States the person speaks for; 403 for anyone who speaks for none."""
    states = MemberState.objects.filter(focal_point_memberships__user=request.user).distinct()
    if not states.exists():
        raise PermissionDenied
    return states.order_by("name")


def _event(slug) -> Event:
    return get_object_or_404(Event, slug=slug, kind=Event.Kind.IMRF, review_opened_at__isnull=False)


def _page(request, event, states, *, failed=None, status=200):
    """`failed`: (application pk, bound form) of a refused objection, shown at its row."""
    rows = review_list(event, states)
    is_open = accreditation.review_is_open(event)
    for row in rows:
        if failed and failed[0] == row.pk:
            row.form = failed[1]
        elif is_open:
            row.form = ObjectionForm(member_states=states, prefix=f"a{row.pk}")
    context = {"event": event, "rows": rows, "is_open": is_open, "states": states}
    return render(request, T + "list.html", context, status=status)


@login_required
@require_GET
def review_page(request, slug):
    states = _member_states(request)
    return _page(request, _event(slug), states)


@login_required
@require_POST
def object_to(request, slug, pk):
    states = _member_states(request)
    event = _event(slug)
    application = get_object_or_404(AccreditationApplication, pk=pk, event=event)
    form = ObjectionForm(request.POST, member_states=states, prefix=f"a{pk}")
    if not form.is_valid():
        return _page(request, event, states, failed=(pk, form), status=400)
    try:
        _objection, created = accreditation.object(
            application,
            member_state=form.cleaned_data["member_state"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except DecisionRefused as refused:
        form.add_error(None, str(refused))
        return _page(request, event, states, failed=(pk, form), status=400)
    messages.success(
        request,
        _("Your objection is recorded.") if created else _("Your objection is updated."),
    )
    return redirect("stakeholders:accreditation_focal_points", slug=event.slug)


urlpatterns = [
    path(
        "workspace/accreditation/<slug:slug>/",
        review_page,
        name="accreditation_focal_points",
    ),
    path(
        "workspace/accreditation/<slug:slug>/<int:pk>/object/",
        object_to,
        name="accreditation_object",
    ),
]
