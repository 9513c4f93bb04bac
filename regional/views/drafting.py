"""The reporters' workspace for a regional review report: start, overview, part editors,
the synthesis of what the region submitted, attachments, submit and the authors' decisions.

Thin: each view finds the report through a permission helper (404 when not visible), then
calls the shared machinery (`reviews.editing`, `reviews.workflow`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from regional.drafting import meeting_of, start_report
from regional.participants import participants_of
from regional.synthesis import COUNTED, as_markdown, regional_synthesis, stacked_bars
from regional.views.documents import (
    edit_part,
    get_report_or_404,
    numbered,
    page_context,
    url_of,
)
from regional.views.workflow import (
    available_decisions,
    decide,
    overview_sections,
    submit_document_view,
)
from reviews.content import snapshot
from reviews.editing import EditConflict, EditRefused, save_part
from reviews.forms import PartForm, SectionForm
from reviews.models import EDITABLE_STATUSES, Objective, ReviewCycle, ReviewRevision
from reviews.parts import SectionPart
from reviews.permissions import can_edit_review
from reviews.views.editor import autosave_part, conflict_page, part_or_404

KEY_FINDINGS = 3  # (iii) Key findings: where the synthesis table goes


def due_text(due_on, today) -> str:
    """ "Due on 15 January 2025 (in 12 days)", "(today)" or "(3 days overdue)"."""
    days = (due_on - today).days
    when = {"date": date_format(due_on, "DATE_FORMAT"), "days": abs(days)}
    if days < 0:
        return (
            ngettext(
                "Due on %(date)s (%(days)s day overdue)",
                "Due on %(date)s (%(days)s days overdue)",
                -days,
            )
            % when
        )
    if days == 0:
        return _("Due on %(date)s (today)") % when
    return (
        ngettext("Due on %(date)s (in %(days)s day)", "Due on %(date)s (in %(days)s days)", days)
        % when
    )


def _roundtables(chosen) -> list[tuple[int, list]]:
    """The 23 objectives grouped by IMRF round table, each with whether it is `chosen`."""
    groups: dict[int, list] = {}
    for objective in Objective.objects.order_by("number"):
        groups.setdefault(objective.roundtable, []).append((objective, objective.number in chosen))
    return sorted(groups.items())


@login_required
@require_POST
def start(request, cycle, body):
    """Start the body's report (or go to the one a colleague started)."""
    cycle_obj = get_object_or_404(ReviewCycle, slug=cycle)
    try:
        report = start_report(meeting_of(cycle_obj, body), by=request.user)
    except EditRefused:
        raise Http404 from None
    return redirect(url_of(report, "overview"))


def _overview(request, report, *, problems=None, status=200):
    content = snapshot(report)
    today = timezone.localdate()
    context = {
        **page_context(request, report, "overview"),
        "meeting": report.meeting,
        "due_text": due_text(report.due_on, today),
        "overdue": report.due_on < today and report.status in EDITABLE_STATUSES,
        "sections": overview_sections(report, content),
        "roundtables": [
            (n, [o for o, chosen in objectives if chosen])
            for n, objectives in _roundtables(set(content["objectives"]))
        ],
        "attachments": report.attachments.all(),
        "problems": problems.messages() if problems else [],
        "decisions": available_decisions(request.user, report),
        "submit_url": url_of(report, "submit"),
        # None until event registration exists to fill part (vi): regional.participants.
        "participants": participants_of(report.meeting),
        "invites_authors": report.meeting.commission_id is not None,
    }
    return render(request, "regional/workspace/report.html", context, status=status)


@login_required
def overview(request, cycle, body):
    return _overview(request, get_report_or_404(request, cycle, body))


@login_required
def section(request, cycle, body, number):
    report = get_report_or_404(request, cycle, body)
    return edit_part(request, report, part_or_404(report, SectionPart.key_for(number)))


@login_required
def objectives(request, cycle, body):
    report = get_report_or_404(request, cycle, body)
    part = part_or_404(report, "objectives")
    chosen = set(snapshot(report)["objectives"])
    return edit_part(request, report, part, {"roundtables": _roundtables(chosen)})


@login_required
@require_POST
def autosave(request, cycle, body, part):
    report = get_report_or_404(request, cycle, body)
    return autosave_part(request, report, part_or_404(report, part))


@login_required
def synthesis(request, cycle, body):
    """What the region submitted: its published national reviews, each objective's status
    per round table (a table and a chart), and the Annex 3 inputs received."""
    report = get_report_or_404(request, cycle, body)
    meeting = report.meeting
    found = regional_synthesis(
        commission=meeting.commission, process=meeting.process, cycle=report.cycle
    )
    context = {
        **page_context(request, report, "synthesis"),
        "synthesis": found,
        "charts": stacked_bars(found),
        "statuses": COUNTED,
        "key_findings": numbered(report, KEY_FINDINGS),
        "insert_url": url_of(report, "insert_synthesis"),
    }
    return render(request, "regional/workspace/synthesis.html", context)


@login_required
@require_POST
def insert_synthesis(request, cycle, body):
    """Append the synthesis tables (in the report's language) to (iii) Key findings, as a
    save of that section checked against the version the synthesis page was read at."""
    report = get_report_or_404(request, cycle, body)
    part = part_or_404(report, SectionPart.key_for(KEY_FINDINGS))
    if not can_edit_review(request.user, report):
        raise PermissionDenied
    version = PartForm(request.POST)
    if not version.is_valid():  # the page's own hidden field: only a forged form lacks it
        messages.error(request, _("The table was not inserted: reload the page and retry."))
        return redirect(url_of(report, "synthesis"))
    meeting = report.meeting
    found = regional_synthesis(
        commission=meeting.commission, process=meeting.process, cycle=report.cycle
    )
    with translation.override(report.language):
        table = as_markdown(found)
    current = part.read(snapshot(report))["text"].rstrip()
    text = f"{current}\n\n{table}" if current else table
    form = SectionForm({"text": text, "version": version.cleaned_data["version"]})
    form.is_valid()
    editor = url_of(report, "section", number=KEY_FINDINGS)
    try:
        save_part(
            report,
            part,
            {"text": text},
            by=request.user,
            base_version=version.cleaned_data["version"],
            kind=ReviewRevision.Kind.SAVE,
        )
    except EditConflict as conflict:
        # The conflict page's form saves to the section's editor, never here again.
        return conflict_page(request, report, part, form, None, conflict, save_url=editor)
    except EditRefused:
        raise PermissionDenied from None
    return redirect(editor)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, cycle, body):
    report = get_report_or_404(request, cycle, body)
    return submit_document_view(request, report, on_problems=_overview)


@login_required
@require_http_methods(["GET", "POST"])
def act(request, cycle, body, action):
    report = get_report_or_404(request, cycle, body)
    return decide(request, report, action)
