"""Reads of published regional documents, shared by the public pages, the PDF and the API.

Everything a reader sees of a report or an input comes from its pinned published revision
(the agreed snapshot: `sections`, `objectives` / `principles`, `practices`, `needs`,
`attachments`), never from the working copy; the meeting and the body are reference data.
Querysets here defer the working copy's text, so it never even leaves the database.
"""

from django.conf import settings
from django.db.models import Q

from regional.models import RegionalInput, RegionalReviewReport
from regional.template import INPUT_SECTIONS, REPORT_SECTIONS
from reviews.markdown import render_markdown
from reviews.models import Attachment, GuidingPrinciple, Objective, ReviewCycle
from reviews.public_cache import memoized, revision_memo_key
from reviews.selectors import objectives_by_roundtable

REPORT_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi")
INPUT_LETTERS = ("a", "b", "c", "d", "e")
_WORKING_COPY = ["part_versions", *(f"section_{n}" for n in range(1, 7))]
_INPUT_WORKING_COPY = ["part_versions", *(f"section_{n}" for n in range(1, 6))]


def regional_cycles():
    return ReviewCycle.objects.filter(kind=ReviewCycle.Kind.REGIONAL).order_by("-year", "slug")


def published_reports():
    """Every published regional review report, with what a list row reads."""
    return (
        RegionalReviewReport.objects.filter(published_revision__isnull=False)
        .select_related(
            "cycle__feeds", "meeting__commission", "meeting__process", "published_revision", "pdf"
        )
        .defer(*_WORKING_COPY)
        .order_by("-cycle__year", "authored_by")
    )


def published_inputs():
    return (
        RegionalInput.objects.filter(published_revision__isnull=False)
        .select_related("cycle", "commission", "process", "published_revision")
        .defer(*_INPUT_WORKING_COPY)
        .order_by("-published_at", "pk")
    )


def find_report(cycle: str, body: str):
    """The report of `body` (a commission's code, any case, or a process's identifier) for
    `cycle`, whatever its status; None if there is none."""
    return (
        RegionalReviewReport.objects.select_related(
            "cycle__feeds", "meeting__commission", "meeting__process", "published_revision", "pdf"
        )
        .defer(*_WORKING_COPY)
        .filter(Q(authored_by=body) | Q(authored_by=body.upper()), cycle__slug=cycle)
        .first()
    )


def numbered(template, labels):
    return [(label, section) for label, section in zip(labels, template, strict=True)]


def _sections(revision, template, labels) -> list[dict]:
    content = revision.content
    html = memoized(
        f"regional-html:v1:{revision_memo_key(revision)}",
        lambda: {k: render_markdown(v) for k, v in content["sections"].items()},
    )
    return [
        {"label": label, "section": s, "html": html.get(str(s.number), "")}
        for label, s in numbered(template, labels)
    ]


def _attachments(content: dict) -> list[dict]:
    kinds = dict(Attachment.Kind.choices)
    return [
        {**a, "kind_label": kinds.get(a["kind"], a["kind"])} for a in content.get("attachments", [])
    ]


def meeting_facts(meeting) -> dict:
    names = dict(settings.LANGUAGES)
    return {
        "meeting": meeting,
        "working_languages": [str(names.get(code, code)) for code in meeting.working_languages],
    }


def report_document(report, revision) -> dict:
    """The report as readers see it (page and PDF): sections (i)-(vi) rendered, the
    objectives addressed by round table, the meeting, the attachments and the outcome
    document named."""
    content = revision.content
    addressed = set(content.get("objectives", []))
    roundtables = [
        (table, [o for o in objectives if o.number in addressed])
        for table, objectives in objectives_by_roundtable()
    ]
    attachments = _attachments(content)
    return {
        "language": content["language"],
        "sections": _sections(revision, REPORT_SECTIONS, REPORT_NUMERALS),
        "roundtables": [(table, objectives) for table, objectives in roundtables if objectives],
        "objectives_count": len(addressed),
        "attachments": attachments,
        "outcome": [a for a in attachments if a["kind"] == Attachment.Kind.OUTCOME],
        **meeting_facts(report.meeting),
    }


def input_document(regional_input, revision) -> dict:
    """An Annex 3 input as readers see it: parts (a)-(e), the principles integrated, the
    promising practices (flagged for the IMRF) and the support needed."""
    content = revision.content
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = dict(GuidingPrinciple.objects.values_list("key", "name"))
    areas = dict(RegionalInput.SupportArea.choices)
    return {
        "language": content["language"],
        "sections": _sections(revision, INPUT_SECTIONS, INPUT_LETTERS),
        "principles": [principles.get(key, key) for key in content.get("principles", [])],
        "practices": [
            {**p, "objectives": [objectives[n] for n in p.get("objectives", []) if n in objectives]}
            for p in content.get("practices", [])
        ],
        "needs": [
            {
                **need,
                "area_label": areas.get(need.get("area"), need.get("area")),
                "objective": objectives.get(need.get("objective")),
                "principle": principles.get(need.get("principle")) if need.get("principle") else "",
            }
            for need in content.get("needs", [])
        ],
        "attachments": _attachments(content),
    }
