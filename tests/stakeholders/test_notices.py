"""Registrants' e-mail through the outbox (stakeholders.notices, stakeholders.tasks)."""

import pytest

from stakeholders import notices, tasks
from stakeholders.models import RegistrationLog
from stakeholders.trail import record
from tests.stakeholders.factories import RegistrationFactory

pytestmark = pytest.mark.django_db
Notify = RegistrationLog.Notify


def test_the_e_mail_is_in_the_persons_language_with_the_link(mailoutbox, settings):
    settings.SITE_URL = "https://portal.example.org"
    row = RegistrationFactory(language="fr")
    entry = record(row, "management_link", notify=True)
    assert notices.deliver_notice(entry.pk) is True
    entry.refresh_from_db()
    assert entry.notify_status == Notify.SENT
    assert mailoutbox[0].to == [row.email]
    assert f"https://portal.example.org/fr/events/manage/{row.pk}." in mailoutbox[0].body
    # Delivered once: a second run finds nothing to do.
    assert notices.deliver_notice(entry.pk) is False
    assert len(mailoutbox) == 1


def test_a_composer_writes_the_actions_without_templates(mailoutbox, monkeypatch):
    monkeypatch.setattr(notices, "_COMPOSERS", {})
    notices.register_composer("test_only", lambda e: ("Subject " + e.action, "Body"))
    entry = record(RegistrationFactory(), "test_only", notify=True)
    notices.deliver_notice(entry.pk)
    assert (mailoutbox[0].subject, mailoutbox[0].body) == ("Subject test_only", "Body")


def test_a_failure_is_kept_for_the_retry(monkeypatch):
    entry = record(RegistrationFactory(), "verified", notify=True)

    def refuse(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(notices, "send_templated_email", refuse)
    with pytest.raises(OSError):
        notices.deliver_notice(entry.pk)
    entry.refresh_from_db()
    assert (entry.notify_status, entry.notify_attempts) == (Notify.PENDING, 1)
    assert entry.notify_error == "OSError: SMTP down"


def test_the_task_takes_an_id_that_is_gone():
    assert tasks.send_notice.apply(kwargs={"log_id": 987654}).get() is False


def test_the_sweep_finds_what_stayed_pending(mailoutbox, audit_trail_unlocked):
    entry = record(RegistrationFactory(), "verified", notify=True)
    RegistrationLog.objects.filter(pk=entry.pk).update(created_at="2020-01-01T00:00:00Z")
    assert notices.due_notices() == [entry.pk]
    assert tasks.sweep_notices.apply().get() == 1
    assert len(mailoutbox) == 1


def test_a_message_queued_before_the_erasure_is_dropped_not_sent(mailoutbox):
    registration = RegistrationFactory()
    entry = record(registration, "verified", notify=True)
    # Erased (by the person or the retention task) while the message waited for a worker.
    registration.email, registration.email_key, registration.full_name = "", "", ""
    registration.erased_at = registration.created_at
    registration.save()
    assert notices.deliver_notice(entry.pk) is False
    entry.refresh_from_db()
    assert (entry.notify_status, entry.notify_error) == (
        Notify.NONE,
        "personal data erased before sending",
    )
    assert mailoutbox == []
    assert notices.due_notices() == []
