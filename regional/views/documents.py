"""What the regional editors share: finding a document the user may see, its addresses, and
editing one part of it (sections, objectives, principles, practices, needs) with the editor
every kind shares (`reviews.views.kind_pages.edit_part`).
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from regional.kinds import LETTERS, ROMAN
from regional.models import REGIONAL_REPORT, RegionalInput, RegionalReviewReport
from reviews.parts import SectionPart, parts_of
from reviews.permissions import can_view_review
from reviews.views import kind_pages


def get_report_or_404(request, cycle: str, body: str) -> RegionalReviewReport:
    """The body's report for those who may see it; 404 for everyone else."""
    report = (
        RegionalReviewReport.objects.select_related(
            "cycle", "meeting__commission", "meeting__process", "meeting__cycle"
        )
        .filter(cycle__slug=cycle, authored_by=body)
        .first()
    )
    if report is None or not can_view_review(request.user, report):
        raise Http404
    return report


def get_input_or_404(request, cycle: str, body: str, pk: int) -> RegionalInput:
    regional_input = (
        RegionalInput.objects.select_related("cycle", "commission", "process")
        .filter(pk=pk, cycle__slug=cycle, commission__code=body)
        .first()
    )
    if regional_input is None or not can_view_review(request.user, regional_input):
        raise Http404
    return regional_input


def url_of(document, name: str, **extra) -> str:
    """A working page of a regional document: `name` without its kind's prefix
    (`overview`, `section`, …)."""
    if document.kind == REGIONAL_REPORT:
        kwargs = {"cycle": document.cycle.slug, "body": document.authored_by}
        return reverse(f"regional:report_{name}", kwargs={**kwargs, **extra})
    kwargs = {"cycle": document.cycle.slug, "body": document.commission.code, "pk": document.pk}
    return reverse(f"regional:input_{name}", kwargs={**kwargs, **extra})


def numbered(document, number: int) -> str:
    return (ROMAN if document.kind == REGIONAL_REPORT else LETTERS)[number]


def nav(document) -> list[dict]:
    """The editor's tabs: the overview, each part, attachments."""
    items = [{"key": "overview", "label": _("Overview"), "url": url_of(document, "overview")}]
    for part in parts_of(document.kind):
        if isinstance(part, SectionPart):
            label = f"{numbered(document, part.number)} {part.title}"
            url = url_of(document, "section", number=part.number)
        else:
            label, url = PART_LABELS[part.key], url_of(document, part.key)
        items.append({"key": part.key, "label": label, "url": url})
    if document.kind == REGIONAL_REPORT:
        items.append(
            {"key": "synthesis", "label": _("Synthesis"), "url": url_of(document, "synthesis")}
        )
    items.append(
        {"key": "attachments", "label": _("Attachments"), "url": url_of(document, "attachments")}
    )
    return items


PART_LABELS = {
    "objectives": _("Objectives addressed"),
    "principles": _("Guiding principles"),
    "practices": _("Promising practices"),
    "needs": _("Support needed"),
}


def page_context(request, document, active: str) -> dict:
    return kind_pages.page_context(request, document, nav(document), active)


def edit_part(request, document, part, extra=None):
    """A part's editor (`reviews.views.kind_pages.edit_part`): sections on the regional page,
    with their numeral."""
    return kind_pages.edit_part(
        request,
        document,
        part,
        url_of=url_of,
        context={**page_context(request, document, part.key), **(extra or {})},
        section_page="regional/workspace/section.html",
        section_context=lambda section: {"label": numbered(document, section.number)},
    )
