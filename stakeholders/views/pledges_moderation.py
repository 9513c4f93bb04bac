"""The secretariat's side of pledges: moderating one (the whole pledge, its history, the
decisions: publish, request changes, unpublish, …) and inviting a person to pledge for an
accredited organisation.

Thin views on the doors every kind shares (`reviews.views.decisions.answer_decision` over
`reviews.workflow.ACTIONS`): a decision on a version that moved on is refused and shown again
with what changed. The queue is reviews' (every kind); the page here is where its rows lead.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reviews.content import snapshot
from reviews.permissions import can_moderate_reviews
from reviews.views.decisions import answer_decision, changes_since, decision_forms
from stakeholders.forms.invitations import PledgerInvitationForm
from stakeholders.models import Pledge
from stakeholders.pledges.invitations import InvitationRefused, invite_pledger
from stakeholders.pledges.moderation import moderation_url
from stakeholders.pledges.published import history, progress_label
from stakeholders.pledges.template import PLEDGE_SECTIONS


def _require_secretariat(request):
    if not can_moderate_reviews(request.user):
        raise PermissionDenied


def _pledge_or_404(pk) -> Pledge:
    return get_object_or_404(
        Pledge.objects.select_related("cycle", "member_state", "organization", "assigned_to"),
        pk=pk,
    )


def _page(request, pledge, *, decision=None, stale=None, status=200):
    content = snapshot(pledge)
    context = {
        "document": pledge,
        "content": content,
        "progress_label": progress_label(content["progress"]),
        "sections": [(s, content["sections"].get(str(s.number), "")) for s in PLEDGE_SECTIONS],
        "objectives": pledge.objectives.order_by("number"),
        "principles": pledge.principles.all(),
        "regions": pledge.regions.all(),
        "countries": pledge.countries.all(),
        "history": history(pledge),
        "events": pledge.events.select_related("actor").order_by("created_at", "id"),
        "decisions": decision_forms(request.user, pledge, decision),
        "stale": stale and changes_since(pledge, stale),
    }
    return render(request, "stakeholders/pledges/moderate.html", context, status=status)


@login_required
@require_GET
def moderate_pledge(request, pk):
    _require_secretariat(request)
    return _page(request, _pledge_or_404(pk))


@login_required
@require_http_methods(["GET", "POST"])
def act_pledge(request, pk, action):
    """The decision's door, looked up in `ACTIONS` (an unknown action is 404)."""
    _require_secretariat(request)
    pledge = _pledge_or_404(pk)
    return answer_decision(request, pledge, action, page=_page, done_url=moderation_url(pledge))


@login_required
def invite(request):
    """Invite a person to pledge for an accredited organisation (a one-time link)."""
    _require_secretariat(request)
    form = PledgerInvitationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitation = invite_pledger(
                    data["organization"], email=data["email"], language=data["language"],
                    full_name=data["full_name"], by=request.user,
                )  # fmt: skip
            except InvitationRefused:
                form.add_error(
                    "organization",
                    _("This organisation is not accredited to the IMRF of the cycle open for "
                      "pledges: it cannot pledge."),
                )  # fmt: skip
            else:
                if invitation is None:
                    messages.info(request, _("%(email)s is a pledger of it already.")
                                  % {"email": data["email"]})  # fmt: skip
                else:
                    messages.success(request, _("An invitation is on its way to %(email)s.")
                                     % {"email": invitation.email})  # fmt: skip
                return redirect("stakeholders:invite_pledger")
    return render(request, "stakeholders/pledges/invite.html", {"form": form}, status=status)


moderated = "secretariat/pledges/<int:pk>/"
urlpatterns = [
    path("secretariat/pledges/pledgers/", invite, name="invite_pledger"),
    path(moderated, moderate_pledge, name="moderate_pledge"),
    path(f"{moderated}action/<slug:action>/", act_pledge, name="act_pledge"),
]
