"""The public pages of regional reviews: the list of published reports, one report (with its
PDF, the region's published national reviews of the cycle and the published Annex 3 inputs),
and one input. Only pinned published revisions are read; a document never published answers
404, one that was unpublished 410 (as national reviews do). Anonymous pages are cached
(`cache_public_page`) and run a fixed number of queries whatever the data size.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from regional.filters import RegionalReportFilter
from regional.models import RegionalInput, states_of
from regional.published import (
    find_report,
    input_document,
    published_inputs,
    published_reports,
    report_document,
)
from reviews.names import name_order
from reviews.selectors import published_reviews
from reviews.views.common import answers_page, cache_public_page, published_pdf_response

PAGE_SIZE = 20


class Gone(Exception):
    def __init__(self, document):
        self.document = document


def _published(document):
    """The document if published; 404 if it never was, `Gone` (410) if it was unpublished."""
    if document is None:
        raise Http404
    if document.published_revision_id is None:
        if document.unpublished_at is not None:
            raise Gone(document)
        raise Http404
    return document


def _gone(request, document):
    return render(request, "regional/public/gone.html", {"document": document}, status=410)


@require_GET
@cache_public_page
def report_list(request):
    filters = RegionalReportFilter(request.GET or None, queryset=published_reports())
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    response = render(
        request,
        "regional/public/list.html",
        {"filter": filters, "page": page, "query_string": params.urlencode()},
    )
    return answers_page(response, request, page)


def _inputs_for(report):
    """The published Annex 3 inputs to the report's regional review: those to the commission's
    review, or for a process's report, those the process submitted."""
    meeting = report.meeting
    inputs = published_inputs().filter(cycle_id=report.cycle_id)
    if meeting.commission_id:
        return inputs.filter(commission_id=meeting.commission_id)
    return inputs.filter(process_id=meeting.process_id)


@require_GET
@cache_public_page
def published_report(request, cycle, body):
    try:
        report = _published(find_report(cycle, body))
    except Gone as gone:
        return _gone(request, gone.document)
    meeting = report.meeting
    states = states_of(meeting.commission, meeting.process)
    reviews = published_reviews().filter(cycle_id=report.cycle_id, member_state__in=states)
    context = {
        "report": report,
        "revision": report.published_revision,
        "reviews": list(reviews.order_by(name_order("member_state__"))),
        "inputs": list(_inputs_for(report)),
        "page_url": request.build_absolute_uri(request.path),
        **report_document(report, report.published_revision),
    }
    return render(request, "regional/public/report.html", context)


def report_pdf(request, cycle, body):
    """The current PDF as GCM-regional-report-<body>-<cycle>-<lang>.pdf, once rendered; cached
    and revalidated like a national review's PDF (reviews.views.public.published_pdf)."""
    try:
        report = _published(find_report(cycle, body))
    except Gone as gone:
        return _gone(request, gone.document)
    language = report.published_revision.content["language"]
    return published_pdf_response(
        request,
        report,
        filename=f"GCM-regional-report-{report.authored_by}-{report.cycle.slug}-{language}.pdf",
        pending_template="regional/public/pdf_pending.html",
        context={"document": report},
    )


@require_GET
@cache_public_page
def published_input(request, cycle, body, pk):
    found = get_object_or_404(
        RegionalInput.objects.select_related(
            "cycle", "commission", "process", "published_revision"
        ).defer("part_versions", *(f"section_{n}" for n in range(1, 6))),
        pk=pk,
        cycle__slug=cycle,
        commission__code=body.upper(),
    )
    try:
        regional_input = _published(found)
    except Gone as gone:
        return _gone(request, gone.document)
    report = find_report(cycle, regional_input.commission.code)
    context = {
        "input": regional_input,
        "revision": regional_input.published_revision,
        "report": report if report is not None and report.published_revision_id else None,
        **input_document(regional_input, regional_input.published_revision),
    }
    return render(request, "regional/public/input.html", context)
