"""What the regional editors share: finding a document the user may see, its addresses, and
editing one part of it (sections, objectives, principles, practices, needs) with the shared
machinery: `reviews.editing.save_part` for the version check, `reviews.views.editor` for the
autosave's JSON, the conflict page and the restore offer.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from regional.kinds import LETTERS, ROMAN
from regional.models import REGIONAL_REPORT, RegionalInput, RegionalReviewReport
from reviews.content import snapshot
from reviews.editing import EditConflict, EditRefused, save_part
from reviews.models import ReviewRevision
from reviews.parts import SectionPart, UnknownPart, part_of, parts_of
from reviews.permissions import can_edit_review, can_view_review
from reviews.views.editor import bind_part, conflict_page, part_change
from reviews.wordcount import count_words


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


def part_or_404(document, key: str):
    try:
        return part_of(document.kind, key)
    except UnknownPart:
        raise Http404 from None


def page_context(request, document, active: str) -> dict:
    return {
        "review": document,
        "document": document,
        "nav": nav(document),
        "active": active,
        "can_edit": can_edit_review(request.user, document),
    }


def edit_part(request, document, part, extra=None):
    """A part's editor: GET shows the working copy; POST saves it (version-checked), shows the
    form again with its errors (400), or the conflict page (409) with the user's text kept."""
    if request.method == "POST":
        if not can_edit_review(request.user, document):
            raise PermissionDenied
        form, rows = bind_part(document, part, request.POST)
        if form.is_valid() and (rows is None or rows.is_valid()):
            try:
                save_part(
                    document,
                    part,
                    part.form_value(form, rows),
                    by=request.user,
                    base_version=form.cleaned_data["version"],
                    kind=ReviewRevision.Kind.SAVE,
                )
            except EditConflict as conflict:
                return conflict_page(request, document, part, form, rows, conflict)
            except EditRefused:
                raise PermissionDenied from None
            messages.success(
                request,
                _("Saved at %(time)s.") % {"time": time_format(timezone.localtime(), "H:i")},
            )
            return redirect(request.path)
        status = 400
    else:
        form, rows = bind_part(document, part, current=part.read(snapshot(document)))
        status = 200
    context = {
        **page_context(request, document, part.key),
        "part": part.key,
        "form": form,
        "rows": rows,
        "part_change": part_change(document, part),
        "autosave_url": url_of(document, "autosave", part=part.key),
        **(extra or {}),
    }
    if isinstance(part, SectionPart):
        text = form["text"].value() or ""
        context.update(
            section=part.section,
            label=numbered(document, part.number),
            words=count_words(text),
            text_id=form["text"].id_for_label,
        )
        return render(request, "regional/workspace/section.html", context, status=status)
    return render(request, part.page, context, status=status)
