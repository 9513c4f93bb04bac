"""Starting a stakeholder's written input: the one door that creates the draft.

An organisation may write one input per review cycle (the `Document` constraint: one per kind,
cycle and body, the body being the organisation's name as a slug). Its representative starts it
from their registration's management page: the registration must be for an event with a review
cycle open for drafting, and its address confirmed (pending, approved or waitlisted; never
unverified, expired, rejected or cancelled, nor erased). The draft takes the organisation, its
website and category from the registration; the registrant is invited as its first author, by
e-mail (they have no account yet: accepting the invitation creates it). Saving, submitting and
the rest are the shared machinery's (`reviews.editing`, `reviews.workflow`).
"""

from django.db import IntegrityError, transaction

from reviews.editing import record_revision
from reviews.models import ReviewRevision
from stakeholders.invitations import invite_input_author
from stakeholders.models import Registration, StakeholderInput
from stakeholders.models.inputs import organization_key

# The address was confirmed and the registration stands (a decision may be pending).
VERIFIED = frozenset(
    {Registration.Status.PENDING, Registration.Status.APPROVED, Registration.Status.WAITLISTED}
)


class InputRefused(Exception):
    """This registration cannot start a written input (its status, its event or cycle)."""


def can_start_input(registration) -> bool:
    event = registration.event
    return (
        registration.status in VERIFIED
        and registration.erased_at is None
        and bool(registration.organization.strip())
        and event.cycle_id is not None
        and event.cycle.is_open
    )


def input_of(registration) -> StakeholderInput | None:
    """The written input of the registrant's organisation for the event's cycle, if started."""
    if registration.event.cycle_id is None:
        return None
    return StakeholderInput.objects.filter(
        cycle_id=registration.event.cycle_id,
        authored_by=organization_key(registration.organization),
    ).first()


def start_input(registration, *, language) -> StakeholderInput:
    """The organisation's input for the event's cycle: created blank (in `language`), or the
    one that exists (a colleague from the same organisation started it); either way the
    registrant is invited as an author unless they are one or hold an invitation that still
    works. `InputRefused` for a registration `can_start_input` refuses.

    Effects, in order: the draft and its first revision (one transaction); the invitation, its
    e-mail queued on commit (`reviews.invitations`).
    """
    if not can_start_input(registration):
        raise InputRefused("this registration cannot start a written input")
    found = input_of(registration)
    if found is None:
        draft = StakeholderInput(
            event=registration.event,
            organization=registration.organization.strip(),
            organization_website=registration.organization_website,
            category=registration.category,
            language=language,
        )
        try:
            with transaction.atomic():
                draft.save()
                record_revision(draft, by=None, kind=ReviewRevision.Kind.SYSTEM)
            found = draft
        except IntegrityError:  # a colleague started it in the same moment
            found = input_of(registration)
    invite_input_author(
        found,
        email=registration.email,
        language=language,
        full_name=registration.full_name,
    )
    return found
