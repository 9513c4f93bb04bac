"""Reminders of a national review's submission deadline: 14 and 3 days before, and on the day.

A review is due on its cycle's closing day (`ReviewCycle.submission_closes`). Beat runs
`reviews.send_deadline_reminders` hourly; it calls `send_due_reminders()`, which, for every
review of an open cycle still with its State (draft, changes requested, awaiting sign-off,
never published), records the reminder that falls due:
- 14 days: from 14 days before the deadline until 4 days before;
- 3 days: from 3 days before until the day before;
- on the day: on the deadline, or up to `CATCH_UP` days after (beat or the mail server may
  have been down on the day; the message then says it is overdue).
A reminder missed in its window is not sent late: the next one says more.

Sent once, without a table of its own: a reminder is a `ModerationEvent` of the review
(action "deadline_reminder_<days>", no status change), created under a lock of the review's row
only when none exists, so two runs never both create it. Its e-mail goes through the outbox of
moderation events (`reviews.notifications`): claimed once, retried, swept if a broker outage
lost it, to the State's focal points and officials, each in their preferred language. The event
also shows the secretariat, in the review's history, that the State was reminded.

States that never started a review for the cycle are not reminded: a voluntary review is the
State's choice, and there is no row to record a reminder on.
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from reviews import notifications
from reviews.deadlines import STILL_DRAFTED
from reviews.models import Document, ModerationEvent, VoluntaryReview

log = logging.getLogger(__name__)

TASK = "reviews.send_deadline_reminders"
DAYS_BEFORE = (14, 3, 0)  # the reminders, in days before the deadline
CATCH_UP = 2  # days after the deadline the on-the-day reminder may still leave


def reminder_due(days_left: int) -> int | None:
    """Which reminder (its days before the deadline) falls due with `days_left`, if any."""
    if -CATCH_UP <= days_left <= 0:
        return 0
    earlier = 0
    for days in sorted(DAYS_BEFORE):
        if earlier < days_left <= days:
            return days
        earlier = days
    return None


def action_for(days: int) -> str:
    return f"{notifications.REMINDER_PREFIX}{days}"


def send_due_reminders(today: date | None = None) -> int:
    """Record and queue every reminder due `today` (default: the server's date); returns how
    many reminders were queued (each e-mails the review's focal points)."""
    today = today or timezone.localdate()
    reviews = VoluntaryReview.objects.filter(
        cycle__is_open=True,
        cycle__submission_closes__range=(today - timedelta(days=CATCH_UP), today + timedelta(
            days=max(DAYS_BEFORE)
        )),
        status__in=STILL_DRAFTED,
        published_revision__isnull=True,
    ).select_related("cycle").order_by("pk")  # fmt: skip
    queued = 0
    for review in reviews:
        days = reminder_due((review.cycle.submission_closes - today).days)
        if days is not None and remind(review.pk, days):
            queued += 1
    return queued


def remind(document_id: int, days: int) -> bool:
    """Record the reminder `days` before the deadline and queue its e-mail, once; False when
    it was recorded already or the review left its authors meanwhile."""
    action = action_for(days)
    with transaction.atomic():
        # The row lock makes "none yet, so create it" one step: a second run waits, then sees it.
        status = (
            Document.objects.select_for_update()
            .filter(pk=document_id, status__in=STILL_DRAFTED, published_revision__isnull=True)
            .values_list("status", flat=True)
            .first()
        )
        if status is None:
            return False
        if ModerationEvent.objects.filter(document_id=document_id, action=action).exists():
            return False
        event = ModerationEvent.objects.create(
            document_id=document_id, action=action, from_status=status, to_status=status
        )
        notifications.queue_notification(event.pk)
    log.info("deadline reminder %s queued for document %s", action, document_id)
    return True
