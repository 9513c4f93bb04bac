"""Inviting the authors of a stakeholder's written input, on reviews' invitations.

One grant is registered with `reviews.invitations` (the same signed, one-time links valid seven
days, the e-mail in the invitee's language, the sweep when the broker was down):
"stakeholder_input_author", key the input's id: accepting creates the person's account (with
the password they choose) if they have none, and adds them to the input's authors. The
registrant is invited when the input is started (`stakeholders.drafting.start_input`); the
secretariat may invite more authors.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.invitations import INVITATION_MAX_AGE, Grant, invite_to, register_grant
from reviews.models import Invitation
from stakeholders.models import StakeholderInput

INPUT_AUTHOR = "stakeholder_input_author"


def _describe_author(key: str) -> str:
    stakeholder_input = StakeholderInput.objects.select_related("cycle").get(pk=key)
    return _("an author of the written input of %(organization)s to %(cycle)s") % {
        "organization": stakeholder_input.organization,
        "cycle": stakeholder_input.cycle.title,
    }


def _accept_author(user, key: str) -> None:
    StakeholderInput.objects.get(pk=key).authors.add(user)


def register() -> None:
    register_grant(Grant(INPUT_AUTHOR, _describe_author, _accept_author))


def open_invitation_for(stakeholder_input, email: str) -> Invitation | None:
    """An invitation to write the input sent to `email` that can still be accepted."""
    return Invitation.objects.filter(
        grant=INPUT_AUTHOR,
        grant_key=str(stakeholder_input.pk),
        email__iexact=email,
        accepted_at__isnull=True,
        created_at__gt=timezone.now() - INVITATION_MAX_AGE,
    ).first()


def invite_input_author(stakeholder_input, *, email, language, by=None, full_name=""):
    """Invite `email` to write the input, unless its owner is an author already or holds an
    invitation that still works (starting twice sends no second e-mail). Returns the new
    invitation, or None."""
    if stakeholder_input.authors.filter(email__iexact=email).exists():
        return None
    if open_invitation_for(stakeholder_input, email) is not None:
        return None
    return invite_to(
        INPUT_AUTHOR,
        stakeholder_input.pk,
        email=email,
        language=language,
        full_name=full_name,
        by=by,
    )
