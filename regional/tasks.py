"""Celery tasks of the regional app: thin wrappers, safe to run twice (see reviews.tasks).

`regional.send_report_reminders` runs daily from beat (CELERY_BEAT_SCHEDULE); the work and its
idempotence are `regional.reminders`'.
"""

from celery import shared_task

from regional import reminders


@shared_task(name=reminders.TASK, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_report_reminders() -> int:
    return reminders.send_due_reminders()
