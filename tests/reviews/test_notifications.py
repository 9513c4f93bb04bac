"""Each notifying moderation event has a delivery state: claimed once, retried, swept, capped."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from reviews.models import ModerationEvent
from reviews.notifications import MAX_NOTIFY_ATTEMPTS, deliver_review_notification
from reviews.tasks import sweep_notifications
from reviews.workflow import (
    publish_document,
    sign_off_document,
    submit_document,
    withdraw_document,
)
from tests import factories

pytestmark = pytest.mark.django_db
Notify = ModerationEvent.Notify
MOD = "/en/secretariat/reviews/imrf-2026/MEX/"


class DisconnectedBackend(BaseEmailBackend):
    """An SMTP server that hangs up: what a transient mail outage looks like to Django."""

    def send_messages(self, messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def state(event):
    event.refresh_from_db()
    return (event.notify_status, event.notify_attempts, event.notify_error)


@pytest.fixture
def published_unsent(complete_draft, focal_point, secretariat_user,
                     django_capture_on_commit_callbacks):  # fmt: skip
    """Submitted and published while the broker was down: nothing was queued."""
    with django_capture_on_commit_callbacks(execute=False):
        submit_document(complete_draft, by=focal_point)
        publish_document(complete_draft, by=secretariat_user)
    return ModerationEvent.objects.get(action="publish")


def test_a_notifying_transition_leaves_its_event_pending_and_others_none(
    complete_draft, focal_point, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_document(complete_draft, by=focal_point)
    submitted = ModerationEvent.objects.get(action="submit")
    assert state(submitted) == (Notify.PENDING, 0, "")
    assert submitted.notified_at is None
    for callback in callbacks:
        callback()
    assert state(submitted) == (Notify.SENT, 0, "")
    assert submitted.notified_at is not None
    assert mail.outbox[0].to == ["secretariat@localhost"]

    withdrawn = withdraw_document(complete_draft, by=focal_point)
    assert withdrawn.status == "withdrawn"
    assert state(ModerationEvent.objects.get(action="withdraw")) == (Notify.NONE, 0, "")


def test_a_notification_is_claimed_and_sent_once(published_unsent, focal_point):
    assert deliver_review_notification(published_unsent.pk) == 1
    assert deliver_review_notification(published_unsent.pk) == 0  # a second message: nothing
    assert [m.to for m in mail.outbox] == [[focal_point.email]]
    assert state(published_unsent) == (Notify.SENT, 0, "")
    assert deliver_review_notification(999_999) == 0


def test_a_failed_send_goes_back_to_pending_then_fails_for_good_at_the_cap(
    published_unsent, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.DisconnectedBackend"
    error = "SMTPServerDisconnected: Connection unexpectedly closed"
    with pytest.raises(SMTPServerDisconnected):
        deliver_review_notification(published_unsent.pk)
    assert state(published_unsent) == (Notify.PENDING, 1, error)
    for _ in range(MAX_NOTIFY_ATTEMPTS - 1):
        with pytest.raises(SMTPServerDisconnected):
            deliver_review_notification(published_unsent.pk)
    assert state(published_unsent) == (Notify.FAILED, MAX_NOTIFY_ATTEMPTS, error)
    assert deliver_review_notification(published_unsent.pk) == 0  # failed: never claimed again
    assert MAX_NOTIFY_ATTEMPTS == 5


def test_the_sweep_requeues_what_stayed_pending_or_sending_too_long(
    published_unsent, focal_point, secretariat_user, audit_trail_unlocked
):
    submitted = ModerationEvent.objects.get(action="submit")
    assert sweep_notifications() == 0  # just made: their own messages may still arrive
    assert mail.outbox == []

    three_minutes_ago = timezone.now() - timedelta(minutes=3)
    ModerationEvent.objects.filter(pk=published_unsent.pk).update(created_at=three_minutes_ago)
    # The submission's e-mail was being sent by a worker that died long ago, or a minute ago.
    ModerationEvent.objects.filter(pk=submitted.pk).update(
        created_at=three_minutes_ago,
        notify_status=Notify.SENDING,
        notified_at=timezone.now() - timedelta(minutes=1),
    )
    assert sweep_notifications() == 1  # eager here: the re-queued task sent it at once
    assert [m.to for m in mail.outbox] == [[focal_point.email]]
    assert state(published_unsent) == (Notify.SENT, 0, "")
    assert state(submitted)[0] == Notify.SENDING  # a live claim is left alone

    ModerationEvent.objects.filter(pk=submitted.pk).update(
        notified_at=timezone.now() - timedelta(minutes=10)
    )
    assert sweep_notifications() == 1
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted(
        ["secretariat@localhost", secretariat_user.email]
    )
    assert state(submitted) == (Notify.SENT, 1, "")  # the interrupted try counts as one


def test_the_secretariat_sees_a_notification_that_failed(
    client, published_unsent, secretariat_user
):
    ModerationEvent.objects.filter(pk=published_unsent.pk).update(
        notify_status=Notify.FAILED, notify_attempts=5, notify_error="SMTPAuthenticationError: 535"
    )
    client.force_login(secretariat_user)
    page = client.get(MOD).content.decode()
    assert "E-mail not sent: SMTPAuthenticationError: 535" in page
    audit = client.get("/en/secretariat/audit/").content.decode()
    assert audit.count("E-mail not sent: SMTPAuthenticationError: 535") == 1


def test_a_submission_waiting_for_sign_off_mails_the_official_not_the_secretariat(
    complete_draft, focal_point, django_capture_on_commit_callbacks
):
    official = factories.FocalPointFactory(
        member_state_id="MEX", role="authorizing_official", user__email="official@example.org"
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        submit_document(complete_draft, by=focal_point)
    assert [m.to for m in mail.outbox] == [["official@example.org"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_document(complete_draft, by=official, name="A. Official", title="Minister",
                          signed_on=timezone.localdate())  # fmt: skip
    assert mail.outbox[0].to == [settings.SECRETARIAT_EMAIL]
    assert "official@example.org" not in [m.to[0] for m in mail.outbox]
