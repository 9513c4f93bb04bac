"""The secretariat's moderation of stakeholders' written inputs: the whole input, its history,
the decisions (publish, request changes with a comment, unpublish, …) and inviting another
author.

Thin views on the doors every kind shares (`reviews.views.decisions.take_decision` over
`reviews.workflow.ACTIONS`): each decision form carries the version it was read on, and a
decision on a version that moved on is refused (`StaleDecision`) and shown again with what
changed. The queue is reviews' (every kind); the page here is where its rows lead.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reviews.permissions import can_moderate_reviews
from reviews.views.decisions import answer_decision, changes_since, decision_forms
from stakeholders.forms.invitations import AuthorInvitationForm
from stakeholders.invitations import invite_input_author
from stakeholders.models import StakeholderInput
from stakeholders.moderation import moderation_url


def _require_secretariat(request):
    if not can_moderate_reviews(request.user):
        raise PermissionDenied


def _input_or_404(pk) -> StakeholderInput:
    return get_object_or_404(
        StakeholderInput.objects.select_related("cycle", "event", "category", "assigned_to"),
        pk=pk,
    )


def _page(request, stakeholder_input, *, decision=None, stale=None, invite=None, status=200):
    context = {
        "document": stakeholder_input,
        "text": stakeholder_input.section_1,
        "section": stakeholder_input.kind_spec.template[0],
        "objectives": stakeholder_input.objectives.order_by("number"),
        "authors": stakeholder_input.authors.order_by("email"),
        "attachments": stakeholder_input.attachments.order_by("kind", "uploaded_at", "pk"),
        "events": stakeholder_input.events.select_related("actor").order_by("created_at", "id"),
        "decisions": decision_forms(request.user, stakeholder_input, decision),
        "stale": stale and changes_since(stakeholder_input, stale),
        "invite": invite or AuthorInvitationForm(initial={"language": request.LANGUAGE_CODE}),
    }
    return render(request, "stakeholders/inputs/moderate.html", context, status=status)


@login_required
def moderate_input(request, pk):
    _require_secretariat(request)
    return _page(request, _input_or_404(pk))


@login_required
@require_http_methods(["GET", "POST"])
def act_input(request, pk, action):
    """The decision's door, looked up in `ACTIONS` (an unknown action is 404); a refused form
    comes back on the page with what was typed."""
    _require_secretariat(request)
    stakeholder_input = _input_or_404(pk)
    return answer_decision(
        request,
        stakeholder_input,
        action,
        page=_page,
        done_url=moderation_url(stakeholder_input),
    )


@login_required
@require_POST
def invite_author(request, pk):
    """Invite one more author (the same one-time link as the registrant's)."""
    _require_secretariat(request)
    stakeholder_input = _input_or_404(pk)
    form = AuthorInvitationForm(request.POST)
    if not form.is_valid():
        return _page(request, stakeholder_input, invite=form, status=400)
    invitation = invite_input_author(
        stakeholder_input,
        email=form.cleaned_data["email"],
        language=form.cleaned_data["language"],
        full_name=form.cleaned_data["full_name"],
        by=request.user,
    )
    if invitation is None:
        messages.info(
            request,
            _("%(email)s is an author already, or holds an invitation that still works.")
            % {"email": form.cleaned_data["email"]},
        )
    else:
        messages.success(
            request, _("An invitation is on its way to %(email)s.") % {"email": invitation.email}
        )
    return redirect(moderation_url(stakeholder_input))


moderated = "secretariat/inputs/<int:pk>/"
urlpatterns = [
    path(moderated, moderate_input, name="moderate_input"),
    path(f"{moderated}action/<slug:action>/", act_input, name="act_input"),
    path(f"{moderated}authors/", invite_author, name="invite_input_author"),
]
