"""Redis is down while the secretariat publishes: the focal point's e-mail still goes out."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reviews.models import ModerationEvent
from reviews.tasks import sweep_notifications
from reviews.workflow import publish_document
from tests.test_pdf_worker import pdf_ready, submitted_review
from tests.waiting import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
Notify = ModerationEvent.Notify


def notify_status(action):
    return ModerationEvent.objects.get(action=action).notify_status


def test_redis_down_during_publish_the_focal_point_is_mailed_after_the_sweep(
    reference_data, celery_worker, redis_outage, settings, tmp_path, audit_trail_unlocked
):
    settings.MEDIA_ROOT = tmp_path
    review, secretariat = submitted_review()
    (author,) = [m.user for m in review.focal_points().select_related("user")]
    assert wait_for(lambda: notify_status("submit") == Notify.SENT)  # the worker is up
    # Idle before the outage: the thread worker of the tests stops for good when Redis goes
    # away while it holds an unacknowledged message (kombu restoring it on a closed channel).
    assert wait_for(lambda: pdf_ready(review))
    mail.outbox.clear()

    with redis_outage():
        published = publish_document(review, by=secretariat)
    assert published.status == "published"
    assert notify_status("publish") == Notify.PENDING  # the message never reached the broker
    time.sleep(1)
    assert mail.outbox == []

    # Two minutes later, beat's sweep queues it again and the worker sends it.
    ModerationEvent.objects.filter(action="publish").update(
        created_at=timezone.now() - timedelta(minutes=3)
    )
    assert wait_for(lambda: sweep_notifications() >= 1, seconds=20)
    assert wait_for(lambda: notify_status("publish") == Notify.SENT, seconds=90)
    time.sleep(1)  # a second message queued by the sweep above must send nothing more
    published_mail = [m for m in mail.outbox if m.to == [author.email]]
    assert [m.subject for m in published_mail] == [
        "Published: the voluntary GCM review of Mexico (International Migration Review Forum 2026)"
    ]
    assert len(mail.outbox) == 1
