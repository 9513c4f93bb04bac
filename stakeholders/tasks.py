"""Celery tasks of the stakeholders app: thin wrappers taking ids, safe to run twice.

Each calls one plain function of the module that owns the work (see reviews.tasks for the
pattern): registrants' e-mail in `stakeholders.notices`, the expiry of unconfirmed
registrations in `stakeholders.registration`. Beat's schedule (CELERY_BEAT_SCHEDULE) names
the periodic ones.
"""

import logging

from celery import shared_task

from reviews.queue import enqueue
from stakeholders import notices, registration, retention
from stakeholders.models import RegistrationLog

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
