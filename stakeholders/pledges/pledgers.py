"""Who pledges: one predicate per question, shared by the kind, the views and the workspace.

- A Member State pledges through its focal points (`reviews.FocalPointMembership`, role focal
  point): each of them drafts every pledge of the State; its authorizing officials read them.
- An organisation pledges through the people the secretariat invited as its pledgers
  (`PledgerMembership`, `stakeholders.pledges.invitations`), and only while it is accredited
  to the IMRF of the pledge's cycle (`stakeholders.accreditation.is_accredited`: ECOSOC
  consultative status, earlier accreditation to the GCM process, or special accreditation).

No sign-off: a State's pledge goes to the secretariat when its focal points submit it. The
national review's rule (`reviews.permissions.state_needs_sign_off`) would be reusable, but its
sign-off page (the official's name, title and date, the Note Verbale) is the national review's
own (`reviews.views.workspace.sign_off`, addressed by cycle and State): a pledge that waited for
sign-off would have no page to be signed on.
"""

from reviews.models import FocalPointMembership, ReviewCycle
from reviews.permissions import is_focal_point_of, speaks_for
from stakeholders.accreditation import is_accredited
from stakeholders.models import Event, Organization, PledgerMembership


def pledging_cycle() -> ReviewCycle | None:
    """The cycle new pledges are made in: the latest IMRF cycle open for drafting."""
    return (
        ReviewCycle.objects.filter(kind=ReviewCycle.Kind.IMRF, is_open=True)
        .order_by("-year", "-pk")
        .first()
    )


def imrf_of(cycle) -> Event | None:
    """The IMRF edition of a cycle, whose accreditation an organisation needs to pledge."""
    if cycle is None:
        return None
    return Event.objects.filter(kind=Event.Kind.IMRF, cycle=cycle).order_by("-starts_on").first()


def is_pledger_of(user, organization_id) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return PledgerMembership.objects.filter(user=user, organization_id=organization_id).exists()


def organization_may_pledge(organization, cycle) -> bool:
    return cycle is not None and is_accredited(organization, imrf_of(cycle))


def is_pledge_author(user, pledge) -> bool:
    """Drafts, submits, withdraws, revises: the State's focal points, the organisation's
    pledgers."""
    if pledge.member_state_id:
        return is_focal_point_of(user, pledge.member_state_id)
    return is_pledger_of(user, pledge.organization_id)


def is_pledge_reader(user, pledge) -> bool:
    """Reads the working copy: the authors, and a State's authorizing officials."""
    if pledge.member_state_id:
        return speaks_for(user, pledge.member_state_id)
    return is_pledger_of(user, pledge.organization_id)


def states_pledging(user) -> list[str]:
    """The States this person may start pledges for (as a focal point)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        FocalPointMembership.objects.filter(
            user=user, role=FocalPointMembership.Role.FOCAL_POINT
        ).values_list("member_state_id", flat=True)
    )


def organizations_pledging(user) -> list[Organization]:
    """The organisations this person is a pledger of."""
    if not user.is_authenticated or not user.is_active:
        return []
    return list(Organization.objects.filter(pledgers__user=user).order_by("name_key", "pk"))
