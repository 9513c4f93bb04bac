"""Starting a pledge: the one door that creates the draft.

A State's focal point starts a pledge of the State, an organisation's pledger one of the
organisation while it is accredited to the IMRF of the cycle (`pledgers`); a pledger may make
several pledges (each has its own reference). The pledge belongs to the IMRF cycle open for
drafting (`pledgers.pledging_cycle`). Saving, submitting, moderating and revising are the
shared machinery's (`reviews.editing`, `reviews.workflow`).
"""

from django.db import transaction

from reviews.editing import record_revision
from reviews.models import ReviewRevision
from reviews.permissions import is_focal_point_of
from stakeholders.models import Pledge
from stakeholders.pledges.pledgers import is_pledger_of, organization_may_pledge, pledging_cycle


class PledgeRefused(Exception):
    """This person cannot start this pledge now (their role, the organisation's accreditation,
    no IMRF cycle open)."""


def _create(pledge: Pledge, by) -> Pledge:
    with transaction.atomic():
        pledge.save()
        pledge.authors.add(by)  # who started it, on record; the kind says who edits
        record_revision(pledge, by=by, kind=ReviewRevision.Kind.SYSTEM)
    return pledge


def start_state_pledge(member_state_id: str, *, by, language: str) -> Pledge:
    """A new blank pledge of the State (in `language`). `PledgeRefused` unless `by` is one of
    its focal points and an IMRF cycle is open. Effects: the draft and its first revision."""
    cycle = pledging_cycle()
    if cycle is None or not is_focal_point_of(by, member_state_id):
        raise PledgeRefused("no pledge can be started for this State now")
    pledge = Pledge(
        pledger=Pledge.Pledger.STATE, member_state_id=member_state_id, cycle=cycle,
        language=language,
    )  # fmt: skip
    return _create(pledge, by)


def start_organization_pledge(organization, *, by, language: str) -> Pledge:
    """A new blank pledge of the organisation (in `language`). `PledgeRefused` unless `by` is
    one of its pledgers, an IMRF cycle is open and the organisation is accredited to that
    IMRF. Effects: the draft and its first revision."""
    cycle = pledging_cycle()
    if not is_pledger_of(by, organization.pk) or not organization_may_pledge(organization, cycle):
        raise PledgeRefused("this organisation cannot pledge now")
    pledge = Pledge(
        pledger=Pledge.Pledger.ORGANIZATION, organization=organization, cycle=cycle,
        language=language,
    )  # fmt: skip
    return _create(pledge, by)
