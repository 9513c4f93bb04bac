"""The PDF path with a real worker on real Redis, including a broker outage during publish."""

import time

import pytest

from reviews.editing import save_part, start_review
from reviews.models import PdfRendition, PdfStatus, ReviewCycle, VoluntaryReview
from reviews.workflow import publish_document, submit_document
from tests.factories import FocalPointFactory, UserFactory
from tests.waiting import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def submitted_review():
    from django.contrib.auth.models import Group

    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id="MEX").user
    secretariat = UserFactory()
    secretariat.groups.add(Group.objects.get(name="Secretariat"))
    review = start_review("MEX", cycle, by=author)
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": "Texto del examen."},
                           by=author, base_version=review.version, kind="save")  # fmt: skip
    return submit_document(review, by=author), secretariat


def pdf_ready(review):
    return VoluntaryReview.objects.get(pk=review.pk).rendition.status == PdfStatus.READY


def pdf_hash(review):
    return VoluntaryReview.objects.get(pk=review.pk).rendition.hash


def test_publish_then_the_worker_renders_the_pdf(reference_data, celery_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review, secretariat = submitted_review()
    assert wait_for(lambda: pdf_ready(review))  # rendered at submission already
    first = pdf_hash(review)
    publish_document(review, by=secretariat)
    assert wait_for(lambda: pdf_ready(review) and pdf_hash(review) != first)
    review.refresh_from_db()
    assert (tmp_path / review.rendition.file.name).read_bytes().startswith(b"%PDF-")


def test_redis_down_during_publish_heals_after_the_sweep(
    reference_data, celery_worker, redis_outage, settings, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone

    from reviews.tasks import sweep_pdfs

    settings.MEDIA_ROOT = tmp_path
    review, secretariat = submitted_review()
    assert wait_for(lambda: pdf_ready(review))
    submitted_pdf = pdf_hash(review)
    with redis_outage():
        started = time.monotonic()
        published = publish_document(review, by=secretariat)
        assert time.monotonic() - started < 10  # bounded: the request does not hang
    assert published.status == "published"
    review.refresh_from_db()
    assert review.rendition.status == PdfStatus.PENDING  # the message never reached the broker
    time.sleep(1)
    assert VoluntaryReview.objects.get(pk=review.pk).rendition.status == PdfStatus.PENDING
    # Ten minutes later, beat's sweep re-queues it and the worker renders it.
    PdfRendition.objects.filter(document_id=review.pk).update(
        requested_at=timezone.now() - timedelta(minutes=11)
    )
    assert wait_for(lambda: sweep_pdfs() >= 1, seconds=20)
    # The worker reconnects to Redis on its own (kombu's retry backoff) and takes the job.
    t0 = time.monotonic()
    ok = wait_for(lambda: pdf_ready(review), seconds=90)
    print("healed after", round(time.monotonic() - t0, 1), "s")
    assert ok
    # The PDF the worker wrote is the published one, not the submission's left in place.
    review.refresh_from_db()
    assert review.rendition.hash != submitted_pdf
    assert (tmp_path / review.rendition.file.name).read_bytes().startswith(b"%PDF-")
