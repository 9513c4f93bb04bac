"""Celery tasks of the stakeholders app: thin wrappers taking ids, safe to run twice.

Each calls one plain function of the module that owns the work (see reviews.tasks for the
pattern): registrants' e-mail in `stakeholders.notices`, the expiry of unconfirmed
registrations in `stakeholders.registration`. Beat's schedule (CELERY_BEAT_SCHEDULE) names
the periodic ones.
"""

import logging

from celery import shared_task

from reviews.queue import enqueue
from stakeholders import accreditation, accreditation_notices, notices, registration, retention
from stakeholders.models import AccreditationLog, Event, RegistrationLog

log = logging.getLogger(__name__)


# --- registrants' e-mail -------------------------------------------------------------------


@shared_task(
    name=notices.SEND_TASK,
    bind=True,
    acks_late=True,
    # Bounded, so that a claim older than outbox.SENDING_STALE has no living sender.
    soft_time_limit=120,
    time_limit=150,
    max_retries=notices.MAX_ATTEMPTS - 1,
)
def send_notice(self, *, log_id: int) -> bool:
    try:
        return notices.deliver_notice(log_id)
    except Exception as error:
        status = (
            RegistrationLog.objects.filter(pk=log_id)
            .values_list("notify_status", flat=True)
            .first()
        )
        if status != RegistrationLog.Notify.PENDING:
            return False  # failed for good (written on the entry), or someone else has it
        raise self.retry(exc=error, countdown=min(300, 10 * 2**self.request.retries)) from error


@shared_task(name="stakeholders.sweep_notices")
def sweep_notices() -> int:
    """Queue again the e-mails that stayed pending (broker down) or whose sender died."""
    return sum(enqueue(notices.SEND_TASK, log_id=pk) for pk in notices.due_notices())


# --- registrations -------------------------------------------------------------------------


@shared_task(name="stakeholders.expire_unverified")
def expire_unverified() -> int:
    """Unconfirmed registrations older than 72 hours become expired."""
    return registration.expire_unverified()


@shared_task(name="stakeholders.erase_personal_data")
def erase_personal_data() -> int:
    """Registrants' personal data are erased REGISTRATION_RETENTION_DAYS after their event."""
    return retention.erase_personal_data().registrations


# --- special accreditation -----------------------------------------------------------------


@shared_task(
    name=accreditation_notices.SEND_TASK,
    bind=True,
    acks_late=True,
    soft_time_limit=120,
    time_limit=150,
    max_retries=accreditation_notices.MAX_ATTEMPTS - 1,
)
def send_accreditation_notice(self, *, log_id: int) -> bool:
    try:
        return accreditation_notices.deliver_notice(log_id)
    except Exception as error:
        status = (
            AccreditationLog.objects.filter(pk=log_id)
            .values_list("notify_status", flat=True)
            .first()
        )
        if status != "pending":
            return False  # failed for good (written on the row), or someone else has it
        raise self.retry(exc=error, countdown=min(300, 10 * 2**self.request.retries)) from error


@shared_task(name="stakeholders.sweep_accreditation_notices")
def sweep_accreditation_notices() -> int:
    """Queue again the accreditation e-mails that stayed pending or whose sender died."""
    return sum(
        enqueue(accreditation_notices.SEND_TASK, log_id=pk)
        for pk in accreditation_notices.due_notices()
    )


@shared_task(name="stakeholders.close_accreditation_reviews")
def close_accreditation_reviews() -> int:
    """Settle the applications of every event whose non-objection period has passed."""
    settled = 0
    for event_id in accreditation.events_to_close():
        event = Event.objects.filter(pk=event_id).first()
        if event is None:
            log.info("event %s gone before its review closed", event_id)
            continue
        closed = accreditation.close_review(event)
        settled += closed.accredited + closed.not_accredited
    return settled
