"""Making someone a pledger of an organisation, on reviews' invitations.

One grant is registered with `reviews.invitations` (signed one-time links valid seven days, the
e-mail in the invitee's language, the sweep when the broker was down): "pledger", key the
organisation's id. Accepting creates the person's account if they have none, and makes them
a pledger of the organisation (`PledgerMembership`): they start its pledges from their
workspace. The secretariat invites only for an organisation accredited to the IMRF of the
open cycle (`InvitationRefused` otherwise).
"""

from django.utils.translation import gettext as _

from reviews.invitations import Grant, invite_to, register_grant
from stakeholders.models import Organization, PledgerMembership
from stakeholders.pledges.pledgers import organization_may_pledge, pledging_cycle

PLEDGER = "pledger"


class InvitationRefused(Exception):
    """The organisation may not pledge now (not accredited, or no IMRF cycle open)."""


def _describe(key: str) -> str:
    return _("a pledger of %(organization)s in the GCM pledging initiative") % {
        "organization": Organization.objects.get(pk=key)
    }


def _accept(user, key: str) -> None:
    PledgerMembership.objects.get_or_create(user=user, organization_id=int(key))


def register() -> None:
    register_grant(Grant(PLEDGER, _describe, _accept))


def invite_pledger(organization, *, email, language, by, full_name=""):
    """Invite `email` to pledge for `organization`; None when they are a pledger already."""
    if not organization_may_pledge(organization, pledging_cycle()):
        raise InvitationRefused("the organisation is not accredited to the IMRF of the cycle")
    if organization.pledgers.filter(user__email__iexact=email).exists():
        return None
    return invite_to(
        PLEDGER, organization.pk, email=email, language=language, full_name=full_name, by=by
    )
