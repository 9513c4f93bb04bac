"""Celery tasks of the reviews app: thin wrappers taking ids, safe to run twice.

The work itself lives beside its state: invitations below, moderation e-mail in
`reviews.notifications`, PDFs in `reviews.rendition`. Each has a `queue_*` helper that marks
the work wanted and queues it after commit, and a sweep (beat, see CELERY_BEAT_SCHEDULE) that
queues again what a broker outage or a killed worker lost.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from reviews import notifications, rendition
from reviews.models import (
    Invitation,
    ModerationEvent,
    PdfRendition,
    PdfStatus,
    ReviewStatus,
    VoluntaryReview,
)
from reviews.notifications import send_templated_email
from reviews.queue import enqueue, enqueue_on_commit
from reviews.rendition import render_review_pdf_now  # noqa: F401 (callers import it from here)

log = logging.getLogger(__name__)


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


# --- moderation e-mail ---------------------------------------------------------------------


@shared_task(
    name="reviews.send_review_notification",
    bind=True,
    acks_late=True,
    # Bounded, so that a claim older than notifications.SENDING_STALE has no living sender.
    soft_time_limit=120,
    time_limit=150,
    max_retries=notifications.MAX_NOTIFY_ATTEMPTS - 1,
)
def send_review_notification(self, *, event_id: int) -> int:
    try:
        return notifications.deliver_review_notification(event_id)
    except Exception as error:
        status = (
            ModerationEvent.objects.filter(pk=event_id)
            .values_list("notify_status", flat=True)
            .first()
        )
        if status != ModerationEvent.Notify.PENDING:
            return 0  # failed for good (written on the event), or someone else has it
        raise self.retry(exc=error, countdown=min(300, 10 * 2**self.request.retries)) from error


def queue_notification(event_id: int) -> None:
    """Mark the event's e-mail pending and queue it after commit (the sweep catches a loss)."""
    notifications.mark_pending(event_id)
    enqueue_on_commit(send_review_notification, event_id=event_id)


@shared_task(name="reviews.sweep_notifications")
def sweep_notifications() -> int:
    """Queue again the e-mails that stayed pending (broker down) or whose sender died."""
    return sum(
        enqueue(send_review_notification, event_id=pk) for pk in notifications.due_notifications()
    )


# --- PDF rendering -------------------------------------------------------------------------


@shared_task(
    name="reviews.render_pdf",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=rendition.RENDER_TIME_LIMIT - 60,
    # The pool kills a render here, which is what lets a claim's lease be short.
    time_limit=rendition.RENDER_TIME_LIMIT,
    max_retries=rendition.MAX_PDF_ATTEMPTS - 1,
)
def render_review_pdf(self, *, review_id: int) -> str:
    try:
        return rendition.render_review_pdf_now(review_id, task_id=self.request.id)
    except Exception as error:
        failed = PdfRendition.objects.filter(document_id=review_id, status=PdfStatus.FAILED)
        if failed.exists():
            log.error("PDF of review %s failed for good: %s", review_id, error)
            return "failed"
        raise self.retry(exc=error, countdown=min(600, 10 * 2**self.request.retries)) from error


def queue_pdf(review_id: int) -> None:
    """Mark the PDF as wanted and queue it after commit (the sweep catches a lost message)."""
    rendition.request_pdf(review_id)
    enqueue_on_commit(render_review_pdf, review_id=review_id)


@shared_task(name="reviews.sweep_pdfs")
def sweep_pdfs() -> int:
    """Re-queue every PDF that is pending and lost, claimed by a dead worker, or out of date."""
    from django.db.models import Q

    now = timezone.now()
    candidates = VoluntaryReview.objects.filter(
        Q(published_revision__isnull=False) | Q(status=ReviewStatus.SUBMITTED)
    ).select_related("member_state", "cycle", "published_revision", "pdf")
    return sum(
        enqueue(render_review_pdf, review_id=review.pk)
        for review in candidates
        if rendition.needs_rendering(review, now)
    )
