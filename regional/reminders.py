"""Reminders of a regional review report's due date: two weeks before it and on the day.

A report is due two months after its meeting's last day (`RegionalMeeting.report_due_on`).
Beat runs `regional.send_report_reminders` daily; it calls `send_due_reminders()`, which e-mails
the body's reporters, each in their language, for every meeting whose reminder falls due:
- "two_weeks" from 14 days before the due date until the day before it;
- "due" from the due date until `CATCH_UP` days after (beat or the mail server may have been
  down on the day).
Nothing is sent once the report is submitted or published (or was published before and is
being revised). Each (meeting, kind) is sent at most once: `ReportReminder` is the claim,
made before talking to SMTP and removed when sending failed, so a later run tries again.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from regional.models import RegionalMeeting, RegionalReviewReport, ReportReminder, add_months
from reviews.models import ReviewStatus
from reviews.notifications import send_templated_email

log = logging.getLogger(__name__)

BEFORE = timedelta(days=14)
CATCH_UP = timedelta(days=7)
TASK = "regional.send_report_reminders"
DONE = {ReviewStatus.SUBMITTED, ReviewStatus.PUBLISHED}


def reminder_due(meeting: RegionalMeeting, today: date) -> str | None:
    """Which reminder of the meeting's report falls due today, if any (by dates alone)."""
    due = meeting.report_due_on
    if due - BEFORE <= today < due:
        return ReportReminder.Kind.TWO_WEEKS
    if due <= today <= due + CATCH_UP:
        return ReportReminder.Kind.DUE
    return None


def report_done(meeting: RegionalMeeting) -> bool:
    """The body's report for the meeting's cycle is with the secretariat or was published."""
    return (
        RegionalReviewReport.objects.filter(cycle_id=meeting.cycle_id, authored_by=meeting.body_key)
        .filter(Q(status__in=DONE) | Q(published_revision__isnull=False))
        .exists()
    )


def reporters_of(meeting: RegionalMeeting) -> list:
    """The body's active reporters (commission or process)."""
    body = (
        Q(regional_memberships__commission_id=meeting.commission_id)
        if meeting.commission_id
        else Q(regional_memberships__process_id=meeting.process_id)
    )
    return list(get_user_model().objects.filter(body, is_active=True).distinct().order_by("pk"))


def send_due_reminders(today: date | None = None) -> int:
    """Send every reminder due `today` (default: the server's date); returns how many e-mails."""
    today = today or timezone.localdate()
    # A report is due two months after the last day: only meetings that ended in the window
    # that can have a reminder due today are read.
    earliest = add_months(today - CATCH_UP, -2) - timedelta(days=3)
    latest = add_months(today + BEFORE, -2) + timedelta(days=3)
    meetings = RegionalMeeting.objects.filter(ends_on__range=(earliest, latest)).select_related(
        "commission", "process", "cycle"
    )
    sent = 0
    for meeting in meetings:
        kind = reminder_due(meeting, today)
        if kind is None or report_done(meeting):
            continue
        sent += send_reminder(meeting, kind)
    return sent


def send_reminder(meeting: RegionalMeeting, kind: str) -> int:
    """E-mail one reminder to the body's reporters, once; returns how many e-mails left."""
    try:
        with transaction.atomic():
            claim = ReportReminder.objects.create(meeting=meeting, kind=kind)
    except IntegrityError:
        return 0  # sent already (or being sent by another run)
    reporters = reporters_of(meeting)
    try:
        for person in reporters:
            language = person.preferred_language or settings.LANGUAGE_CODE
            send_templated_email(
                "regional/email/reminder",
                _context(meeting, kind, language),
                to=person.email,
                language=language,
            )
    except Exception:
        # Some may have had it; better a second copy for them than none for the others.
        claim.delete()
        raise
    ReportReminder.objects.filter(pk=claim.pk).update(recipients=len(reporters))
    log.info("reminder %s for meeting %s sent to %d", kind, meeting.pk, len(reporters))
    return len(reporters)


def _context(meeting, kind, language) -> dict:
    with translation.override(language):
        path = reverse("reviews:workspace")
    return {
        "meeting": meeting,
        "body": getattr(meeting.body, "name", str(meeting.body)),
        "due_on": meeting.report_due_on,
        "on_the_day": kind == ReportReminder.Kind.DUE,
        "url": f"{settings.SITE_URL}{path}",
    }
