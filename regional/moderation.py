"""What the secretariat's queue (reviews) asks of the regional kinds: where each document is
moderated, a report's due date (two months after its meeting's last day), and the meetings
whose report is overdue though nobody started it ("no report yet, due …")."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from regional.models import (
    REGIONAL_INPUT,
    REGIONAL_REPORT,
    RegionalInput,
    RegionalMeeting,
    RegionalReviewReport,
)
from reviews import moderation


def moderation_url(document) -> str:
    if isinstance(document, RegionalInput):
        args = [document.cycle.slug, document.commission.code, document.pk]
        return reverse("regional:moderate_input", args=args)
    return reverse("regional:moderate_report", args=[document.cycle.slug, document.authored_by])


def report_due_dates(reports) -> dict:
    return {r.pk: r.meeting.report_due_on for r in reports}


def reports_not_started(today) -> list[dict]:
    """Meetings whose report was due before `today` and has no page (nobody started it)."""
    # Due two months after the last day: no meeting that ended in the last 58 days is due.
    meetings = RegionalMeeting.objects.filter(ends_on__lt=today - timedelta(days=58))
    meetings = meetings.select_related("commission", "process", "cycle").order_by("ends_on")
    started = set(RegionalReviewReport.objects.values_list("cycle_id", "authored_by"))
    return [
        {
            "title": getattr(m.body, "name", str(m.body)),
            "meeting": m,
            "cycle": m.cycle,
            "due_on": m.report_due_on,
            "kind_label": _("regional review report"),
        }
        for m in meetings
        if m.report_due_on < today and (m.cycle_id, m.body_key) not in started
    ]


def register() -> None:
    moderation.register(
        moderation.QueueKind(
            kind=REGIONAL_REPORT,
            moderation_url=moderation_url,
            due_dates=report_due_dates,
            not_started=reports_not_started,
            related=("meeting", "meeting__commission", "meeting__process"),
        )
    )
    moderation.register(
        moderation.QueueKind(
            kind=REGIONAL_INPUT,
            moderation_url=moderation_url,
            related=("commission", "process"),
        )
    )
