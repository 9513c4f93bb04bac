"""The secretariat's decisions on registrations: the one door for approve, reject, waitlist,
reset, promote and travel support (the person's own steps are `stakeholders.registration`'s).

```
pending|waitlisted|rejected --approve--> approved      (refused when the event is full)
pending|waitlisted|approved --reject---> rejected      (the row stays: the same address
                                                        cannot register again)
pending|approved|rejected ---waitlist--> waitlisted    (queued by the time they joined)
waitlisted|approved|rejected --reset---> pending       (the person is told)
waitlisted --promote (a place frees)--> approved       (in the order they joined the list)
approved: travel requested --grant (days, amount)--> granted  (refused beyond the budget)
any decided with travel requested --refuse (reason)--> refused
```

Each door, in order: locks the event row, then the registration (always in this order, so two
doors never wait on each other: `stakeholders.registration`'s cancel does the same); refuses a
decision taken on a page older than the registration (`StaleDecision`, naming what changed);
refuses what the state does not allow (`DecisionRefused`, with the reason to show); saves with
`update_fields` and bumps `version`; writes the audit row, marks its e-mail pending and queues
it on commit (`stakeholders.trail.record`). A decision that finds the registration already
where it was asked to go changes nothing and says so.

Capacity holds under concurrency because every approval counts the approved registrations
while holding the event's row lock: a second approval waits for the first to commit, then
counts it. When a place frees (an approved person leaves: rejected, reset, waitlisted or
cancelled), `promote_waitlisted` fills it from the waiting list in the same transaction. The
travel budget is enforced the same way.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stakeholders.models import Event, Registration
from stakeholders.trail import action_label, record

Status = Registration.Status
Travel = Registration.Travel

# Verified registrations, the only ones the secretariat decides on. Not awaiting_accreditation:
# such a registration waits on its organisation's special accreditation and moves on only when
# that is decided (stakeholders.registration.accreditation_settled).
DECIDABLE = frozenset({Status.PENDING, Status.WAITLISTED, Status.APPROVED, Status.REJECTED})

# Annex 4 speaks of three or four days of subsistence; the form allows some latitude.
MIN_SUBSISTENCE_DAYS, MAX_SUBSISTENCE_DAYS = 0, 10

# action -> (status reached, statuses it may start from)
TRANSITIONS = {
    "approve": (Status.APPROVED, {Status.PENDING, Status.WAITLISTED, Status.REJECTED}),
    "reject": (Status.REJECTED, {Status.PENDING, Status.WAITLISTED, Status.APPROVED}),
    "waitlist": (Status.WAITLISTED, {Status.PENDING, Status.APPROVED, Status.REJECTED}),
    "reset": (Status.PENDING, {Status.WAITLISTED, Status.APPROVED, Status.REJECTED}),
}
ACTION_CHOICES = [
    ("approve", gettext_lazy("Approve")),
    ("waitlist", gettext_lazy("Put on the waiting list")),
    ("reject", gettext_lazy("Reject")),
    ("reset", gettext_lazy("Withdraw the decision (back to waiting)")),
]


class DecisionRefused(Exception):
    """The decision cannot be taken; the message says why, for the secretariat."""

    def __init__(self, message, *, code="refused"):
        super().__init__(message)
        self.code = code


class StaleDecision(DecisionRefused):
    """The registration changed since the page the decision was taken on."""

    def __init__(self, message):
        super().__init__(message, code="stale")


@dataclass
class Outcome:
    registration: Registration
    changed: bool
    message: str = ""
    promoted: list = field(default_factory=list)


def _lock(registration_id: int, event_id: int | None = None) -> tuple[Event, Registration]:
    """Lock the event row, then the registration's (the order every door keeps)."""
    if event_id is None:
        event_id = Registration.objects.values_list("event_id", flat=True).get(pk=registration_id)
    event = Event.objects.select_for_update().get(pk=event_id)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration_id)
    )
    return event, registration


def _check_version(registration, version):
    """Refuse a decision taken on a page that shows an older registration, naming the change."""
    if version is None or int(version) == registration.version:
        return
    last = registration.log.select_related("actor").order_by("-created_at", "-pk").first()
    if last is None:
        raise StaleDecision(
            _("This registration changed since you opened it: it is now “%(status)s”.")
            % {"status": registration.get_status_display()}
        )
    raise StaleDecision(
        _(
            "This registration changed since you opened it: “%(action)s” by %(who)s on "
            "%(when)s; it is now “%(status)s”. Nothing was changed: look again and decide."
        )
        % {
            "action": action_label(last.action),
            "who": (last.actor.get_full_name() or last.actor.email)
            if last.actor
            else _("the person or the portal"),
            "when": date_format(timezone.localtime(last.created_at), "DATETIME_FORMAT"),
            "status": registration.get_status_display(),
        }
    )


def approved_count(event) -> int:
    return Registration.objects.filter(event=event, status=Status.APPROVED).count()


def places_left(event) -> int | None:
    """Places still free (None: the event has no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - approved_count(event), 0)


def decide_registration(registration_id, action, *, by, version=None, reason="") -> Outcome:
    """Approve, reject, waitlist or reset one registration (see the module's diagram).

    `version`: the registration's version on the page the decision was taken on (None: do
    not check). Rejecting needs a reason. Every change e-mails the person in their language;
    a place freed by an approved person leaving is filled from the waiting list.
    """
    if action not in TRANSITIONS:
        raise DecisionRefused(_("Unknown decision."))
    reason = (reason or "").strip()
    if action == "reject" and not reason:
        raise DecisionRefused(_("Give the reason for the rejection."), code="reason")
    to_status, from_statuses = TRANSITIONS[action]
    with transaction.atomic():
        event, registration = _lock(registration_id)
        _check_version(registration, version)
        if registration.status == to_status:
            return Outcome(
                registration,
                changed=False,
                message=_("Nothing to do: the registration is already “%(status)s”.")
                % {"status": registration.get_status_display()},
            )
        if registration.status not in DECIDABLE or registration.status not in from_statuses:
            raise DecisionRefused(
                _("A registration that is “%(status)s” cannot be decided on.")
                % {"status": registration.get_status_display()},
                code="status",
            )
        if action == "approve":
            left = places_left(event)
            if left == 0:
                raise DecisionRefused(
                    _(
                        "The event is full (%(capacity)s places approved): put the person on "
                        "the waiting list instead."
                    )
                    % {"capacity": event.capacity},
                    code="full",
                )
        was = registration.status
        now = timezone.now()
        registration.status = to_status
        registration.decision_reason = reason
        registration.decided_at = None if to_status == Status.PENDING else now
        registration.waitlisted_at = now if to_status == Status.WAITLISTED else None
        updated = ["status", "decision_reason", "decided_at", "waitlisted_at", "version"]
        if was == Status.APPROVED and registration.travel == Travel.GRANTED:
            # Travel support is for participants: the grant goes back to the budget.
            registration.travel = Travel.REQUESTED
            registration.subsistence_days = None
            registration.travel_amount = None
            updated += ["travel", "subsistence_days", "travel_amount"]
        registration.version += 1
        registration.save(update_fields=updated)
        record(
            registration, action, by=by, reason=reason,
            from_status=was, to_status=to_status, notify=True,
        )  # fmt: skip
        promoted = promote_waitlisted(event) if was == Status.APPROVED else []
    return Outcome(registration, changed=True, promoted=promoted)


def promote_waitlisted(event, *, by=None) -> list[Registration]:
    """Approve waitlisted people, in the order they joined the list, while places are free.

    Call after a place frees (an approved person cancelled, was reset, waitlisted or rejected),
    inside or outside a transaction: it takes the event's row lock itself. An event without a
    limit promotes nobody: there, the waiting list is the secretariat's own choice. Each person
    promoted is told ("promote").
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        left = places_left(event)
        if not left:
            return []
        waiting = list(
            Registration.objects.select_for_update()
            .filter(event=event, status=Status.WAITLISTED)
            .order_by(F("waitlisted_at").asc(nulls_last=True), "pk")[:left]
        )
        now = timezone.now()
        for registration in waiting:
            registration.status = Status.APPROVED
            registration.decided_at = now
            registration.waitlisted_at = None
            registration.version += 1
            registration.save(update_fields=["status", "decided_at", "waitlisted_at", "version"])
            record(
                registration, "promote", by=by, from_status=Status.WAITLISTED,
                to_status=Status.APPROVED, notify=True,
            )  # fmt: skip
    return waiting


@dataclass
class BulkOutcome:
    done: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    # (registration id, name or "", message)
    refused: list = field(default_factory=list)


def decide_many(choices, action, *, by, reason="") -> BulkOutcome:
    """One decision for several registrations, each through `decide_registration` in its own
    transaction (one refusal stops nothing else). `choices`: (id, version seen) pairs."""
    outcome = BulkOutcome()
    names = dict(
        Registration.objects.filter(pk__in=[pk for pk, _v in choices]).values_list(
            "pk", "full_name"
        )
    )
    for pk, version in choices:
        if pk not in names:
            outcome.refused.append((pk, "", _("This registration does not exist.")))
            continue
        try:
            result = decide_registration(pk, action, by=by, version=version, reason=reason)
        except DecisionRefused as refused:
            outcome.refused.append((pk, names[pk], str(refused)))
            continue
        (outcome.done if result.changed else outcome.unchanged).append(pk)
    return outcome


# --- travel support -----------------------------------------------------------------------


def travel_committed(event, *, excluding=None) -> Decimal:
    """What the event's granted travel support costs: days × the daily rate + travel."""
    granted = Registration.objects.filter(event=event, travel=Travel.GRANTED)
    if excluding is not None:
        granted = granted.exclude(pk=excluding)
    sums = granted.aggregate(days=Sum("subsistence_days"), amount=Sum("travel_amount"))
    days = sums["days"] or 0
    return days * event.daily_subsistence_rate + (sums["amount"] or Decimal("0"))


def travel_budget_summary(event) -> dict:
    """For the secretariat's pages: the budget, what is granted, what is left, how many."""
    committed = travel_committed(event)
    return {
        "budget": event.travel_budget,
        "committed": committed,
        "left": event.travel_budget - committed,
        "granted": Registration.objects.filter(event=event, travel=Travel.GRANTED).count(),
        "requested": Registration.objects.filter(
            event=event, travel=Travel.REQUESTED, status__in=DECIDABLE
        ).count(),
    }


def grant_travel(registration_id, *, by, days, amount, version=None) -> Outcome:
    """Grant travel support to an approved person who asked for it: `days` of subsistence at
    the event's daily rate plus `amount` (USD) of travel; refused beyond the event's budget."""
    if not MIN_SUBSISTENCE_DAYS <= days <= MAX_SUBSISTENCE_DAYS:
        raise DecisionRefused(
            _("Days of subsistence: between %(low)s and %(high)s.")
            % {"low": MIN_SUBSISTENCE_DAYS, "high": MAX_SUBSISTENCE_DAYS}
        )
    amount = Decimal(amount)
    if amount < 0:
        raise DecisionRefused(_("The travel amount cannot be negative."))
    with transaction.atomic():
        event, registration = _lock(registration_id)
        _check_version(registration, version)
        if registration.travel == Travel.NONE:
            raise DecisionRefused(_("This person did not ask for travel support."), code="status")
        if registration.status != Status.APPROVED:
            raise DecisionRefused(
                _("Only approved participants can be granted travel support."), code="status"
            )
        cost = days * event.daily_subsistence_rate + amount
        committed = travel_committed(event, excluding=registration.pk)
        if committed + cost > event.travel_budget:
            raise DecisionRefused(
                _("Over the budget: USD %(cost)s asked, USD %(left)s left of USD %(budget)s.")
                % {
                    "cost": cost,
                    "left": max(event.travel_budget - committed, Decimal("0")),
                    "budget": event.travel_budget,
                },
                code="budget",
            )
        registration.travel = Travel.GRANTED
        registration.subsistence_days = days
        registration.travel_amount = amount
        registration.version += 1
        registration.save(update_fields=["travel", "subsistence_days", "travel_amount", "version"])
        record(
            registration, "travel_grant", by=by,
            reason=_("%(days)s days of subsistence, USD %(amount)s of travel")
            % {"days": days, "amount": amount},
            notify=True,
        )  # fmt: skip
    return Outcome(registration, changed=True)


def refuse_travel(registration_id, *, by, reason, version=None) -> Outcome:
    """Refuse (or withdraw) travel support, with the reason the person is told."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionRefused(_("Give the reason for refusing travel support."), code="reason")
    with transaction.atomic():
        _event, registration = _lock(registration_id)
        _check_version(registration, version)
        if registration.travel == Travel.NONE:
            raise DecisionRefused(_("This person did not ask for travel support."), code="status")
        if registration.status not in DECIDABLE:
            raise DecisionRefused(
                _("A registration that is “%(status)s” cannot be decided on.")
                % {"status": registration.get_status_display()},
                code="status",
            )
        if registration.travel == Travel.REFUSED:
            return Outcome(
                registration, changed=False, message=_("Nothing to do: already refused.")
            )
        registration.travel = Travel.REFUSED
        registration.subsistence_days = None
        registration.travel_amount = None
        registration.version += 1
        registration.save(update_fields=["travel", "subsistence_days", "travel_amount", "version"])
        record(
            registration, "travel_refuse", by=by, reason=reason, notify=True,
        )  # fmt: skip
    return Outcome(registration, changed=True)
