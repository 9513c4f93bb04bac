"""Celery tasks of the reviews app: thin wrappers taking ids, safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reviews.models import Invitation
from reviews.publication import invalidate_public_pages
from reviews.queue import enqueue, enqueue_on_commit

log = logging.getLogger(__name__)


def send_templated_email(template: str, context: dict, *, to: str, language: str) -> None:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` in `language`, and send."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def deliver_invitation(invitation_id: int) -> bool:
    """Send the invitation e-mail once.

    The row is claimed (`sent_at` set where it was empty) in its own short transaction before
    talking to SMTP, so two workers never both send; a failure un-claims it for a retry.
    """
    from reviews.invitations import invitation_url

    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True
    ).update(sent_at=timezone.now())
    if claimed != 1:
        log.info("invitation %s gone, sent or accepted: nothing to send", invitation_id)
        return False
    invitation = Invitation.objects.select_related("member_state").get(pk=invitation_id)
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    try:
        send_templated_email(
            "reviews/email/invitation",
            context,
            to=invitation.email,
            language=invitation.language,
        )
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


@shared_task(
    name="reviews.send_invitation_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_invitation_email(*, invitation_id: int) -> bool:
    return deliver_invitation(invitation_id)


@shared_task(name="reviews.sweep_invitations")
def sweep_invitations() -> int:
    """Queue again the invitations that never left (broker down, worker killed)."""
    cutoff = timezone.now() - timedelta(minutes=2)
    pending = Invitation.objects.filter(
        sent_at__isnull=True,
        accepted_at__isnull=True,
        created_at__lt=cutoff,
        created_at__gt=timezone.now() - timedelta(days=7),
    ).values_list("pk", flat=True)
    queued = 0
    for pk in pending:
        queued += enqueue(send_invitation_email, invitation_id=pk)
    return queued


def review_notification_recipients(event) -> list[tuple[str, str]]:
    """(address, language) pairs for one moderation event."""
    from django.contrib.auth import get_user_model

    from reviews.permissions import SECRETARIAT_GROUP
    from reviews.workflow import NOTIFY_FOCAL_POINTS, NOTIFY_SECRETARIAT

    if event.action in NOTIFY_SECRETARIAT:
        staff = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
        recipients = [(u.email, u.preferred_language) for u in staff]
        return [(settings.SECRETARIAT_EMAIL, "en"), *recipients]
    if event.action in NOTIFY_FOCAL_POINTS:
        people = event.review.focal_points().select_related("user").filter(user__is_active=True)
        return sorted({(m.user.email, m.user.preferred_language) for m in people})
    return []


def deliver_review_notification(event_id: int) -> int:
    """E-mail one moderation event to its recipients, each in their language; once."""
    from reviews.models import ModerationEvent

    claimed = ModerationEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if claimed != 1:
        log.info("moderation event %s gone or notified already", event_id)
        return 0
    event = ModerationEvent.objects.select_related(
        "review__member_state", "review__cycle", "actor"
    ).get(pk=event_id)
    sent = 0
    context = {"event": event, "review": event.review, "site_url": settings.SITE_URL}
    try:
        for address, language in review_notification_recipients(event):
            send_templated_email("reviews/email/event", context, to=address, language=language)
            sent += 1
    except Exception:
        # Un-claim so a retry sends again; recipients already served may get it twice, which
        # beats nobody getting it.
        ModerationEvent.objects.filter(pk=event_id).update(notified_at=None)
        raise
    return sent


@shared_task(
    name="reviews.send_review_notification",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_review_notification(*, event_id: int) -> int:
    return deliver_review_notification(event_id)


# --- PDF rendering -------------------------------------------------------------------------

MAX_PDF_ATTEMPTS = 5
STALE_RENDERING = timedelta(minutes=10)


def render_review_pdf_now(review_id: int) -> str:
    """Render the review's PDF unless a PDF of the same content exists; returns what happened.

    Claimed in one short transaction (pending/failed/stale → rendering), rendered outside any
    transaction, stored under a content-addressed name, recorded in another short one.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from reviews.models import PdfStatus, VoluntaryReview
    from reviews.pdf import content_hash, pdf_revision, render_pdf

    review = (
        VoluntaryReview.objects.filter(pk=review_id)
        .select_related("member_state", "cycle", "published_revision")
        .first()
    )
    if review is None:
        log.info("review %s is gone: no PDF to render", review_id)
        return "gone"
    revision = pdf_revision(review)
    if revision is None:
        return "nothing-to-render"
    digest = content_hash(review, revision)
    name = f"pdfs/{review.member_state_id}-{review.cycle.slug}-{digest[:16]}.pdf"
    if review.pdf_hash == digest and review.pdf_status == PdfStatus.READY and review.pdf_file:
        return "up-to-date"
    stale = timezone.now() - STALE_RENDERING
    claimed = (
        VoluntaryReview.objects.filter(pk=review_id)
        .exclude(pdf_status=PdfStatus.RENDERING, pdf_requested_at__gt=stale)
        .update(pdf_status=PdfStatus.RENDERING, pdf_requested_at=timezone.now())
    )
    if claimed != 1:
        return "already-rendering"
    try:
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(render_pdf(review, revision)))
    except Exception as error:
        attempts = review.pdf_attempts + 1
        VoluntaryReview.objects.filter(pk=review_id).update(
            pdf_status=PdfStatus.FAILED if attempts >= MAX_PDF_ATTEMPTS else PdfStatus.PENDING,
            pdf_error=f"{type(error).__name__}: {error}"[:2000],
            pdf_attempts=attempts,
        )
        raise
    VoluntaryReview.objects.filter(pk=review_id).update(
        pdf_status=PdfStatus.READY,
        pdf_file=name,
        pdf_hash=digest,
        pdf_error="",
        pdf_attempts=0,
        pdf_rendered_at=timezone.now(),
    )
    if review.published_revision_id:
        invalidate_public_pages()  # the public pages now link to the PDF
    return "rendered"


@shared_task(
    name="reviews.render_pdf",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=180,
    max_retries=MAX_PDF_ATTEMPTS - 1,
)
def render_review_pdf(self, *, review_id: int) -> str:
    try:
        return render_review_pdf_now(review_id)
    except Exception as error:
        from reviews.models import PdfStatus, VoluntaryReview

        failed = VoluntaryReview.objects.filter(pk=review_id, pdf_status=PdfStatus.FAILED)
        if failed.exists():
            log.error("PDF of review %s failed for good: %s", review_id, error)
            return "failed"
        raise self.retry(exc=error, countdown=min(600, 10 * 2**self.request.retries)) from error


def queue_pdf(review_id: int) -> None:
    """Mark the PDF as wanted and queue it after commit (the sweep catches a lost message)."""
    from reviews.models import PdfStatus, VoluntaryReview

    VoluntaryReview.objects.filter(pk=review_id).exclude(pdf_status=PdfStatus.RENDERING).update(
        pdf_status=PdfStatus.PENDING, pdf_requested_at=timezone.now(), pdf_attempts=0
    )
    enqueue_on_commit(render_review_pdf, review_id=review_id)


@shared_task(name="reviews.sweep_pdfs")
def sweep_pdfs() -> int:
    """Re-queue every PDF that is pending, stuck rendering, or out of date for 10 minutes."""
    from django.db.models import Q

    from reviews.models import PdfStatus, ReviewStatus, VoluntaryReview
    from reviews.pdf import content_hash, pdf_revision

    cutoff = timezone.now() - STALE_RENDERING
    candidates = VoluntaryReview.objects.filter(
        Q(published_revision__isnull=False) | Q(status=ReviewStatus.SUBMITTED)
    ).select_related("member_state", "cycle", "published_revision")
    queued = 0
    for review in candidates:
        lost = review.pdf_status == PdfStatus.PENDING and (
            review.pdf_requested_at is None or review.pdf_requested_at < cutoff
        )
        stuck = review.pdf_status == PdfStatus.RENDERING and review.pdf_requested_at < cutoff
        revision = pdf_revision(review)
        outdated = (
            review.pdf_status in {PdfStatus.READY, PdfStatus.NONE}
            and revision is not None
            and content_hash(review, revision) != review.pdf_hash
        )
        if lost or stuck or outdated:
            queued += enqueue(render_review_pdf, review_id=review.pk)
    return queued
