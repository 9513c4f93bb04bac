"""Places: no approval beyond an event's capacity, even racing; the waiting list fills freed
places in order (stakeholders.decisions)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from stakeholders.decisions import DecisionRefused, decide_registration, promote_waitlisted
from stakeholders.models import Registration, RegistrationLog
from tests.personas import secretariat_member
from tests.stakeholders.factories import EventFactory, RegistrationFactory

Status = Registration.Status


@pytest.mark.django_db
def test_approval_beyond_capacity_is_refused_suggesting_the_waiting_list():
    staff = secretariat_member()
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=Status.APPROVED)
    person = RegistrationFactory(event=event)

    with pytest.raises(DecisionRefused) as refused:
        decide_registration(person.pk, "approve", by=staff)

    assert refused.value.code == "full"
    assert "waiting list" in str(refused.value)
    person.refresh_from_db()
    assert person.status == Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "reason"),
    [("reject", "Duplicate of another delegation"), ("reset", ""), ("waitlist", "")],
)
def test_a_freed_place_goes_to_the_first_waitlisted(
    action, reason, django_capture_on_commit_callbacks
):
    staff = secretariat_member()
    event = EventFactory(capacity=2)
    leaving = RegistrationFactory(event=event, status=Status.APPROVED)
    RegistrationFactory(event=event, status=Status.APPROVED)
    now = timezone.now()
    # Created in the opposite order of joining the list: the list's order is waitlisted_at.
    second = RegistrationFactory(
        event=event, status=Status.WAITLISTED, waitlisted_at=now - timedelta(hours=1)
    )
    first = RegistrationFactory(
        event=event, status=Status.WAITLISTED, waitlisted_at=now - timedelta(hours=2)
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcome = decide_registration(leaving.pk, action, by=staff, reason=reason)

    assert [p.pk for p in outcome.promoted] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.APPROVED, Status.WAITLISTED)
    assert RegistrationLog.objects.get(registration=first).action == "promote"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leaving.email, first.email])
    assert Registration.objects.filter(event=event, status=Status.APPROVED).count() == 2


@pytest.mark.django_db
def test_promote_after_a_cancellation_fills_places_in_order():
    """What the person's own cancel (stakeholders.registration) calls once their place is free."""
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event, status=Status.APPROVED)
    now = timezone.now()
    waiting = [
        RegistrationFactory(
            event=event, status=Status.WAITLISTED, waitlisted_at=now - timedelta(minutes=m)
        )
        for m in (1, 3, 2)
    ]

    promoted = promote_waitlisted(event)

    assert [p.pk for p in promoted] == [waiting[1].pk, waiting[2].pk]
    assert Registration.objects.get(pk=waiting[0].pk).status == Status.WAITLISTED


@pytest.mark.django_db
def test_no_promotion_without_a_limit():
    event = EventFactory(capacity=None)
    person = RegistrationFactory(
        event=event, status=Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    assert promote_waitlisted(event) == []
    person.refresh_from_db()
    assert person.status == Status.WAITLISTED


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_racing_approvals_for_three_last_places(reference_data):
    staff = secretariat_member()
    event = EventFactory(capacity=5)
    for _n in range(2):
        RegistrationFactory(event=event, status=Status.APPROVED)
    racing = [RegistrationFactory(event=event) for _n in range(10)]
    start = threading.Barrier(len(racing))
    results = {}

    def approve(pk):
        try:
            start.wait()
            decide_registration(pk, "approve", by=staff)
            results[pk] = "approved"
        except DecisionRefused as refused:
            results[pk] = refused.code
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(r.pk,)) for r in racing]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results.values()) == ["approved"] * 3 + ["full"] * 7
    assert Registration.objects.filter(event=event, status=Status.APPROVED).count() == 5
    assert RegistrationLog.objects.filter(registration__event=event, action="approve").count() == 3
