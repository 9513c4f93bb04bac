"""redis-server stopped for real during a stakeholder's registration and a secretariat's
invitation: the action succeeds, and its e-mail follows through the real worker once Redis is
back and beat's sweep has run (here called in the test, as beat would queue it).

Publication's e-mail and PDF are covered the same way in tests/test_notification_worker.py and
tests/test_pdf_worker.py.
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reviews.models import Invitation
from reviews.permissions import SECRETARIAT_GROUP
from reviews.tasks import sweep_invitations
from stakeholders.models import Registration, RegistrationLog
from stakeholders.tasks import sweep_notices
from tests.factories import UserFactory
from tests.stakeholders.factories import EventFactory
from tests.stakeholders.registering import form_data, link_in
from tests.waiting import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_redis_down_during_registration_the_verification_email_follows(
    reference_data, celery_worker, redis_outage, client, settings, audit_trail_unlocked
):
    settings.REGISTRATION_RATE_LIMIT = "10000/h"
    event = EventFactory(slug="imrf-2026")
    url = reverse("stakeholders:register", args=[event.slug])
    mail.outbox.clear()

    with redis_outage():
        started = time.monotonic()
        response = client.post(url, form_data(), REMOTE_ADDR="10.0.0.1")
        assert time.monotonic() - started < 10  # bounded: the request does not hang
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:register_sent", args=[event.slug])
    registration = Registration.objects.get(event=event)
    assert registration.status == Registration.Status.UNVERIFIED
    entry = RegistrationLog.objects.get(registration=registration, action="registered")
    assert entry.notify_status == RegistrationLog.Notify.PENDING  # never reached the broker
    time.sleep(1)
    assert mail.outbox == []

    # Two minutes later, beat's sweep queues it again and the worker sends it. (Aging the entry
    # stands for the time passing: hence the unlocked audit trail.)
    RegistrationLog.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert wait_for(lambda: sweep_notices() >= 1, seconds=20)

    def sent():
        entry.refresh_from_db()
        return entry.notify_status == RegistrationLog.Notify.SENT

    assert wait_for(sent, seconds=90)
    time.sleep(1)  # a second message queued by the sweep above must send nothing more
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert link_in(mail.outbox[0], "verify")  # the verification e-mail, with its link


def test_redis_down_during_an_invitation_the_email_follows_through_the_worker(
    reference_data, celery_worker, redis_outage, client
):
    secretariat = UserFactory(is_staff=True)
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    client.force_login(secretariat)
    data = {"email": "late@gov.example", "member_state": "MEX", "role": "focal_point",
            "language": "en"}  # fmt: skip
    mail.outbox.clear()

    with redis_outage():
        started = time.monotonic()
        response = client.post("/en/secretariat/invitations/", data)
        assert time.monotonic() - started < 10
    assert response.status_code == 302  # the invitation is made: neither failed nor hung
    invitation = Invitation.objects.get(email="late@gov.example")
    time.sleep(1)
    assert Invitation.objects.get(pk=invitation.pk).sent_at is None and mail.outbox == []

    # Five minutes later, beat's sweep queues it again and the worker (not this test) sends it.
    Invitation.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert wait_for(lambda: sweep_invitations() >= 1, seconds=20)
    assert wait_for(lambda: Invitation.objects.get(pk=invitation.pk).sent_at, seconds=90)
    time.sleep(1)
    assert [m.to for m in mail.outbox] == [["late@gov.example"]]
    assert "Mexico" in mail.outbox[0].subject  # in the invitee's language: English here
    assert "/en/accounts/invitation/" in mail.outbox[0].body
