"""The regional part of a person's workspace (registered with `reviews.workspaces`): the
reports of the bodies they report for, one per regional review meeting, with the due date, and
the Annex 3 inputs they may draft (as an invited author, a process's reporter, or a reporter of
the commission whose regional review the input feeds)."""

from django.db.models import Q
from django.utils import timezone

from regional.models import (
    RegionalInput,
    RegionalMeeting,
    RegionalReporterMembership,
    RegionalReviewReport,
)
from reviews.models import ReviewStatus
from reviews.workspaces import WorkspaceSection, register

DONE = {ReviewStatus.SUBMITTED, ReviewStatus.PUBLISHED}


def is_overdue(due_on, document, today) -> bool:
    """Past its due date and neither submitted nor published (nor published before)."""
    if document is not None and (document.status in DONE or document.published_revision_id):
        return False
    return due_on < today


def regional_rows(user, *, today=None) -> list[dict]:
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    memberships = RegionalReporterMembership.objects.filter(user=user)
    commissions = {m.commission_id for m in memberships if m.commission_id}
    processes = {m.process_id for m in memberships if m.process_id}
    rows = []
    if commissions or processes:
        meetings = (
            RegionalMeeting.objects.filter(
                Q(commission_id__in=commissions) | Q(process_id__in=processes)
            )
            .select_related("commission", "process", "cycle")
            .order_by("-ends_on")
        )
        reports = {
            (r.cycle_id, r.authored_by): r
            for r in RegionalReviewReport.objects.filter(
                Q(meeting__commission_id__in=commissions) | Q(meeting__process_id__in=processes)
            )
        }
        for meeting in meetings:
            report = reports.get((meeting.cycle_id, meeting.body_key))
            rows.append({
                "kind": "report", "meeting": meeting, "cycle": meeting.cycle,
                "body": meeting.body, "body_key": meeting.body_key, "document": report,
                "due_on": meeting.report_due_on,
                "overdue": is_overdue(meeting.report_due_on, report, today),
            })  # fmt: skip
    inputs = (
        RegionalInput.objects.filter(
            Q(authors=user) | Q(process_id__in=processes) | Q(commission_id__in=commissions)
        )
        .distinct()
        .select_related("commission", "process", "cycle")
        .order_by("-cycle__year", "commission__code", "pk")
    )
    for regional_input in inputs:
        rows.append({
            "kind": "input", "cycle": regional_input.cycle, "body": regional_input.commission,
            "body_key": regional_input.commission.code, "document": regional_input,
            "due_on": None, "overdue": False,
        })  # fmt: skip
    return rows


def register_section() -> None:
    register(
        WorkspaceSection(
            slug="regional",
            template="regional/_workspace_section.html",
            rows=regional_rows,
        )
    )
