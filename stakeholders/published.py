"""Reads of published stakeholder inputs, shared by the public page, the PDF, the API, the
sitemap and the event page.

Everything a reader sees comes from the pinned published revision (`sections`, `objectives`,
`attachments`), never from the working copy: the querysets here defer the working copy's text,
so a draft's or a submission's words never even leave the database. The organisation, its
website and category are the row's facts (copied from the registration when it was started).
"""

from django.db.models import Q

from reviews.markdown import render_markdown
from reviews.models import Attachment
from reviews.public_cache import memoized, revision_memo_key
from reviews.selectors import objectives_by_roundtable
from stakeholders.models import Event, StakeholderInput
from stakeholders.template import INPUT_SECTIONS

_WORKING_COPY = ("part_versions", "section_1")


def all_published_inputs():
    """Every published stakeholder input, with what a list row and the API read."""
    return (
        StakeholderInput.objects.filter(published_revision__isnull=False)
        .select_related("cycle", "category", "event", "published_revision", "pdf")
        .defer(*_WORKING_COPY)
        .order_by("-published_at", "pk")
    )


def published_inputs(event):
    """The published inputs an event's page lists: for an IMRF, every input to its cycle (an
    organisation may have registered for a consultation of the same cycle); for another event,
    those started from a registration for it. None for an event without a cycle."""
    found = all_published_inputs()
    if event.cycle_id is None:
        return found.none()
    if event.kind == Event.Kind.IMRF:
        return found.filter(cycle_id=event.cycle_id)
    return found.filter(event=event)


def find_input(cycle: str, pk: int):
    """The input `pk` of the cycle, whatever its status (the working copy deferred); None if
    there is none."""
    return (
        StakeholderInput.objects.select_related(
            "cycle", "category", "event", "published_revision", "pdf"
        )
        .defer(*_WORKING_COPY)
        .filter(Q(pk=pk), cycle__slug=cycle)
        .first()
    )


def input_document(stakeholder_input, revision) -> dict:
    """The input as readers see it (page and PDF): the text rendered, the objectives it
    concerns grouped by IMRF round table, the attachments named."""
    content = revision.content
    html = memoized(
        f"stakeholder-html:v1:{revision_memo_key(revision)}",
        lambda: {k: render_markdown(v) for k, v in content["sections"].items()},
    )
    concerned = set(content.get("objectives", []))
    roundtables = [
        (table, [o for o in objectives if o.number in concerned])
        for table, objectives in objectives_by_roundtable()
    ]
    roundtables = [(table, objectives) for table, objectives in roundtables if objectives]
    kinds = dict(Attachment.Kind.choices)
    return {
        "language": content["language"],
        "sections": [{"section": s, "html": html.get(str(s.number), "")} for s in INPUT_SECTIONS],
        "objectives": sorted(
            (o for _table, objectives in roundtables for o in objectives), key=lambda o: o.number
        ),
        "roundtables": roundtables,
        "attachments": [
            {**a, "kind_label": kinds.get(a["kind"], a["kind"])}
            for a in content.get("attachments", [])
        ],
    }
