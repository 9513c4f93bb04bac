"""The secretariat's decisions on registrations (stakeholders.decisions) and the e-mail each
sends (stakeholders.messages through stakeholders.notices)."""

import pytest
from django.core import mail
from django.urls import reverse

from stakeholders.decisions import DecisionRefused, StaleDecision, decide_registration
from stakeholders.messages import check_placeholders, compose
from stakeholders.models import DecisionMessage, Registration, RegistrationLog
from tests.personas import focal_point_of, secretariat_member
from tests.stakeholders.factories import RegistrationFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _decide(capture, registration, action, by, **kwargs):
    """Decide, and run what the decision queued on commit (the e-mail task, eager here)."""
    with capture(execute=True):
        return decide_registration(registration.pk, action, by=by, **kwargs)


def test_approve_emails_the_person_once_in_their_language(django_capture_on_commit_callbacks):
    staff = secretariat_member()
    person = RegistrationFactory(language="fr", full_name="Amina Diallo")

    _decide(django_capture_on_commit_callbacks, person, "approve", staff, version=person.version)

    person.refresh_from_db()
    assert person.status == Status.APPROVED
    assert person.version == 2
    assert [m.to for m in mail.outbox] == [[person.email]]
    # The built-in wording, translated into French when the catalogue has it; the e-mail is
    # composed under the person's language whatever the secretariat's.
    assert mail.outbox[0].subject == compose(DecisionMessage.Decision.APPROVED, person)[0]
    entry = RegistrationLog.objects.get(registration=person)
    assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
        "approve", "pending", "approved", staff,
    )  # fmt: skip
    assert entry.notify_status == RegistrationLog.Notify.SENT


def test_custom_french_rejection_message_is_sent_to_a_french_registrant(
    django_capture_on_commit_callbacks,
):
    staff = secretariat_member()
    person = RegistrationFactory(language="fr", full_name="Amina Diallo")
    DecisionMessage.objects.create(
        event=None, decision="rejected", language="fr",
        subject="Votre inscription à {event}",
        body="Chère {name}, nous ne pouvons pas retenir votre inscription : {reason}",
    )  # fmt: skip
    DecisionMessage.objects.create(
        event=None, decision="rejected", language="en", subject="EN {event}", body="EN {reason}"
    )

    _decide(
        django_capture_on_commit_callbacks, person, "reject", staff,
        version=person.version, reason="quota atteint",
    )  # fmt: skip

    [message] = mail.outbox
    assert message.subject == f"Votre inscription à {person.event.title}"
    assert message.body.startswith(
        "Chère Amina Diallo, nous ne pouvons pas retenir votre inscription : quota atteint"
    )


def test_event_message_wins_over_the_default(django_capture_on_commit_callbacks):
    staff = secretariat_member()
    person = RegistrationFactory(language="es")
    DecisionMessage.objects.create(decision="approved", language="es", subject="Default", body="d")
    DecisionMessage.objects.create(
        event=person.event, decision="approved", language="es", subject="Evento {name}", body="e"
    )

    _decide(django_capture_on_commit_callbacks, person, "approve", staff)

    assert [m.subject for m in mail.outbox] == [f"Evento {person.full_name}"]


def test_reject_keeps_the_row_and_needs_a_reason():
    staff = secretariat_member()
    person = RegistrationFactory()

    with pytest.raises(DecisionRefused, match="reason"):
        decide_registration(person.pk, "reject", by=staff, reason="  ")
    decide_registration(person.pk, "reject", by=staff, reason="Not a relevant stakeholder")

    person.refresh_from_db()
    assert (person.status, person.decision_reason) == (
        Status.REJECTED,
        "Not a relevant stakeholder",
    )
    assert Registration.objects.filter(pk=person.pk).count() == 1


def test_stale_decision_is_refused_naming_what_changed():
    first, second = secretariat_member(full_name="Fatima First"), secretariat_member()
    person = RegistrationFactory()
    seen = person.version
    decide_registration(person.pk, "waitlist", by=first, version=seen)

    with pytest.raises(StaleDecision) as refused:
        decide_registration(person.pk, "approve", by=second, version=seen)

    assert "Put on the waiting list" in str(refused.value)
    assert "Fatima First" in str(refused.value)
    person.refresh_from_db()
    assert person.status == Status.WAITLISTED
    assert RegistrationLog.objects.filter(registration=person).count() == 1


def test_reset_returns_to_pending_and_notifies(django_capture_on_commit_callbacks):
    staff = secretariat_member()
    person = RegistrationFactory(status=Status.REJECTED, language="ar")

    _decide(django_capture_on_commit_callbacks, person, "reset", staff)

    person.refresh_from_db()
    assert person.status == Status.PENDING
    assert len(mail.outbox) == 1
    assert RegistrationLog.objects.get(registration=person).action == "reset"


@pytest.mark.parametrize("status", [Status.UNVERIFIED, Status.CANCELLED, Status.EXPIRED])
def test_only_confirmed_registrations_are_decided(status):
    person = RegistrationFactory(status=status)
    with pytest.raises(DecisionRefused):
        decide_registration(person.pk, "approve", by=secretariat_member())
    person.refresh_from_db()
    assert person.status == status


def test_same_decision_twice_changes_nothing():
    staff = secretariat_member()
    person = RegistrationFactory()
    decide_registration(person.pk, "approve", by=staff)
    outcome = decide_registration(person.pk, "approve", by=staff)
    assert outcome.changed is False
    assert RegistrationLog.objects.filter(registration=person).count() == 1


def test_placeholders_checked():
    assert check_placeholders("Dear {name}, {event}: {reason}", "rejected") == []
    assert check_placeholders("{days}", "rejected") != []
    assert check_placeholders("{name.__class__}", "rejected") != []
    assert check_placeholders("{name", "rejected") != []
    assert check_placeholders("{days} {amount}", "travel") == []


# --- the registration's page --------------------------------------------------------------


def test_page_shows_the_trail_with_translated_labels(client):
    staff = secretariat_member()
    person = RegistrationFactory(full_name="Amina Diallo")
    decide_registration(person.pk, "waitlist", by=staff)
    client.force_login(staff)

    response = client.get(reverse("stakeholders:registration_detail", args=[person.pk]))

    assert response.status_code == 200
    trail = response.content.decode().split('id="trail"')[1]
    assert "Put on the waiting list" in trail
    assert "waitlist</strong>" not in trail


@pytest.mark.parametrize("who", ["focal_point", "anonymous"])
def test_page_refused_to_others(client, who):
    person = RegistrationFactory()
    if who == "focal_point":
        client.force_login(focal_point_of("MEX"))
    response = client.get(reverse("stakeholders:registration_detail", args=[person.pk]))
    assert response.status_code == (403 if who == "focal_point" else 302)


def test_decide_view_stale_answers_409_and_keeps_the_reason(client):
    staff = secretariat_member()
    person = RegistrationFactory()
    seen = person.version
    decide_registration(person.pk, "approve", by=secretariat_member(full_name="Other Staff"))
    client.force_login(staff)

    response = client.post(
        reverse("stakeholders:registration_decide", args=[person.pk]),
        {"action": "reject", "reason": "Typed reason kept", "version": seen},
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "Other Staff" in body
    assert "Typed reason kept" in body
    person.refresh_from_db()
    assert person.status == Status.APPROVED


def test_decide_view_reject_without_reason_is_a_field_error(client):
    staff = secretariat_member()
    person = RegistrationFactory()
    client.force_login(staff)

    response = client.post(
        reverse("stakeholders:registration_decide", args=[person.pk]),
        {"action": "reject", "reason": "", "version": person.version},
    )

    assert response.status_code == 400
    assert (
        "Give the reason for the rejection: it is sent to the person." in response.content.decode()
    )
    person.refresh_from_db()
    assert person.status == Status.PENDING


def test_decide_view_approves(client, django_capture_on_commit_callbacks):
    staff = secretariat_member()
    person = RegistrationFactory()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stakeholders:registration_decide", args=[person.pk]),
            {"action": "approve", "reason": "", "version": person.version},
        )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == Status.APPROVED
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("bad", ["\x00", "9" * 30, "abc"])
def test_decide_view_bad_version_is_400(client, bad):
    staff = secretariat_member()
    person = RegistrationFactory()
    client.force_login(staff)
    response = client.post(
        reverse("stakeholders:registration_decide", args=[person.pk]),
        {"action": "approve", "version": bad},
    )
    assert response.status_code == 400
