"""Celery tasks of the reviews app: thin wrappers taking ids, safe to run twice.

Each calls one plain function of the module that owns the work, and holds only what is Celery's:
names, retries, time limits. Invitations in `reviews.invitations`, moderation e-mail in
`reviews.notifications`, PDFs in `reviews.rendition`. Those modules queue these tasks by name
(`reviews.queue`) and never import this one, so the import goes one way: tasks -> work. Each
sweep (beat, see CELERY_BEAT_SCHEDULE) queues again what a broker outage or a killed worker
lost; the owning module says what is due.
"""

import logging

from celery import shared_task

from reviews import invitations, notifications, reminders, rendition, warming
from reviews.models import ModerationEvent, PdfRendition, PdfStatus
from reviews.queue import enqueue

log = logging.getLogger(__name__)


# --- invitations ---------------------------------------------------------------------------


@shared_task(
    name=invitations.SEND_TASK,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_invitation_email(*, invitation_id: int) -> bool:
    return invitations.deliver_invitation(invitation_id)


@shared_task(name="reviews.sweep_invitations")
def sweep_invitations() -> int:
    """Queue again the invitations that never left (broker down, worker killed)."""
    return sum(
        enqueue(invitations.SEND_TASK, invitation_id=pk) for pk in invitations.due_invitations()
    )


# --- moderation e-mail ---------------------------------------------------------------------


@shared_task(
    name=notifications.SEND_TASK,
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


@shared_task(name="reviews.sweep_notifications")
def sweep_notifications() -> int:
    """Queue again the e-mails that stayed pending (broker down) or whose sender died."""
    return sum(
        enqueue(notifications.SEND_TASK, event_id=pk) for pk in notifications.due_notifications()
    )


@shared_task(name=reminders.TASK)
def send_deadline_reminders() -> int:
    """Record and queue the deadline reminders due today; each is sent once (reviews.reminders)."""
    return reminders.send_due_reminders()


# --- PDF rendering -------------------------------------------------------------------------


@shared_task(
    name=rendition.RENDER_TASK,
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


@shared_task(name="reviews.sweep_pdfs")
def sweep_pdfs() -> int:
    """Re-queue every PDF that is pending and lost, claimed by a dead worker, or out of date."""
    return sum(enqueue(rendition.RENDER_TASK, review_id=pk) for pk in rendition.pdfs_to_render())


# --- public pages --------------------------------------------------------------------------


@shared_task(name=warming.WARM_TASK, acks_late=True, soft_time_limit=600, time_limit=660)
def warm_public_pages(*, document_id: int | None = None, objectives=()) -> int:
    """Render the public pages a change affected into the cache (reviews.warming)."""
    return warming.warm(document_id, objectives)


@shared_task(name="reviews.sweep_public_pages", soft_time_limit=600, time_limit=660)
def sweep_public_pages() -> int:
    """Warm the index again (its pages never expire between changes), and the scopes of recent
    changes whose warming was lost."""
    return sum(warming.warm(pk, objectives) for pk, objectives in warming.pending_changes())
