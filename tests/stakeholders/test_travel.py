"""Travel support, decided apart from the registration, within the event's budget."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from stakeholders.decisions import (
    DecisionRefused,
    decide_registration,
    grant_travel,
    refuse_travel,
    travel_budget_summary,
)
from stakeholders.models import Registration, RegistrationLog
from tests.personas import secretariat_member
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status, Travel = Registration.Status, Registration.Travel


def _asking(event, **fields):
    return RegistrationFactory(
        event=event, status=Status.APPROVED, travel=Travel.REQUESTED,
        travel_justification="No funding from my organisation", **fields,
    )  # fmt: skip


def test_grant_within_the_budget_is_recorded_and_mailed(django_capture_on_commit_callbacks):
    staff = secretariat_member()
    event = EventFactory(travel_budget=Decimal("3000"), daily_subsistence_rate=Decimal("300"))
    person = _asking(event, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        grant_travel(person.pk, by=staff, days=4, amount=Decimal("1500"), version=person.version)

    person.refresh_from_db()
    assert (person.travel, person.subsistence_days, person.travel_amount) == (
        Travel.GRANTED, 4, Decimal("1500.00"),
    )  # fmt: skip
    assert travel_budget_summary(event)["committed"] == Decimal("2700.00")
    [message] = mail.outbox
    assert "4 days" in message.body
    assert "USD 1500.00" in message.body
    assert RegistrationLog.objects.get(registration=person).action == "travel_grant"


def test_grant_beyond_the_budget_is_refused():
    staff = secretariat_member()
    event = EventFactory(travel_budget=Decimal("3000"), daily_subsistence_rate=Decimal("300"))
    first, second = _asking(event), _asking(event)
    grant_travel(first.pk, by=staff, days=3, amount=Decimal("1000"))  # 1900

    with pytest.raises(DecisionRefused) as refused:
        grant_travel(second.pk, by=staff, days=3, amount=Decimal("300"))  # 1200 > 1100 left

    assert refused.value.code == "budget"
    assert "USD 1100.00 left" in str(refused.value)
    second.refresh_from_db()
    assert second.travel == Travel.REQUESTED
    # Exactly what is left still fits.
    grant_travel(second.pk, by=staff, days=3, amount=Decimal("200"))
    assert travel_budget_summary(event)["left"] == Decimal("0")


def test_only_approved_people_who_asked_can_be_granted():
    staff = secretariat_member()
    event = EventFactory()
    pending = RegistrationFactory(event=event, travel=Travel.REQUESTED)
    not_asked = RegistrationFactory(event=event, status=Status.APPROVED)
    with pytest.raises(DecisionRefused, match="Only approved"):
        grant_travel(pending.pk, by=staff, days=3, amount=Decimal("0"))
    with pytest.raises(DecisionRefused, match="did not ask"):
        grant_travel(not_asked.pk, by=staff, days=3, amount=Decimal("0"))


def test_refuse_needs_a_reason_and_works_for_a_pending_person():
    staff = secretariat_member()
    person = RegistrationFactory(travel=Travel.REQUESTED)
    with pytest.raises(DecisionRefused, match="reason"):
        refuse_travel(person.pk, by=staff, reason=" ")
    refuse_travel(person.pk, by=staff, reason="Budget exhausted")
    person.refresh_from_db()
    assert person.travel == Travel.REFUSED


def test_leaving_the_approved_returns_the_grant_to_the_budget():
    staff = secretariat_member()
    event = EventFactory(travel_budget=Decimal("3000"), daily_subsistence_rate=Decimal("300"))
    person = _asking(event)
    grant_travel(person.pk, by=staff, days=3, amount=Decimal("100"))

    decide_registration(person.pk, "reset", by=staff)

    person.refresh_from_db()
    assert (person.travel, person.subsistence_days) == (Travel.REQUESTED, None)
    assert travel_budget_summary(event)["committed"] == Decimal("0")


def test_page_shows_priority_and_running_total(client):
    staff = secretariat_member()
    event = EventFactory(travel_budget=Decimal("5000"), daily_subsistence_rate=Decimal("250"))
    grant_travel(_asking(event).pk, by=staff, days=4, amount=Decimal("1000"), version=None)
    person = _asking(event, travel_priority=True)
    client.force_login(staff)

    response = client.get(reverse("stakeholders:registration_detail", args=[person.pk]))

    body = response.content.decode()
    assert 'id="travel-priority"' in body
    assert "Granted so far for this event: USD 2,000.00 of a budget of USD 5,000.00" in body


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"decision": "grant", "days": "11", "amount": "10"}, "less than or equal to 10"),
        ({"decision": "grant", "days": "3", "amount": "-1"}, "greater than or equal to 0"),
        (
            {"decision": "grant", "days": "3", "amount": "1e400"},
            "Ensure that there are no more than 10 digits in total.",
        ),
        ({"decision": "refuse", "reason": ""}, "Give the reason: it is sent to the person."),
    ],
)
def test_travel_form_errors_are_at_the_field(client, data, field_message):
    staff = secretariat_member()
    person = _asking(EventFactory())
    client.force_login(staff)

    response = client.post(
        reverse("stakeholders:registration_travel", args=[person.pk]),
        {**data, "version": person.version},
    )

    assert response.status_code == 400
    assert field_message in response.content.decode()
    person.refresh_from_db()
    assert person.travel == Travel.REQUESTED


def test_travel_view_over_budget_is_refused_with_the_message(client):
    staff = secretariat_member()
    person = _asking(
        EventFactory(travel_budget=Decimal("100"), daily_subsistence_rate=Decimal("50"))
    )
    client.force_login(staff)

    response = client.post(
        reverse("stakeholders:registration_travel", args=[person.pk]),
        {"decision": "grant", "days": "3", "amount": "0", "version": person.version},
    )

    assert response.status_code == 400
    assert (
        "Over the budget: USD 150.00 asked, USD 100.00 left of USD 100.00."
        in response.content.decode()
    )
