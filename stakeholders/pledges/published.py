"""Reads of published pledges, shared by the public pages, the PDF, the API and the sitemap.

Everything a reader sees comes from pinned published revisions, never from the working copy:
the querysets defer the working copy's text, and `stakeholders.pledges.filters` matches the
published revision's facts, never the row's, which a new draft changes. A pledge revised
after publication keeps its published revision online, unchanged, until the new version is
published; its history lists every revision that was published, newest first, with its date
and progress (an unpublished revision never returns).
"""

from reviews.markdown import render_markdown
from reviews.models import (
    Attachment,
    GuidingPrinciple,
    MemberState,
    ModerationEvent,
    Objective,
    RegionalCommission,
)
from reviews.public_cache import memoized, revision_memo_key
from stakeholders.models import Pledge
from stakeholders.pledges.content import due_date
from stakeholders.pledges.template import PLEDGE_SECTIONS

_WORKING_COPY = ("part_versions", "title", "section_1", "section_2", "section_3", "section_4")


def all_published_pledges():
    """Every published pledge, with what a list row and the API read."""
    return (
        Pledge.objects.filter(published_revision__isnull=False)
        .select_related("cycle", "member_state", "organization__category", "published_revision")
        .defer(*_WORKING_COPY)
        .order_by("-published_at", "pk")
    )


def find_pledge(reference: str):
    """The pledge with this reference, whatever its status (the working copy deferred)."""
    return (
        Pledge.objects.select_related(
            "cycle", "member_state", "organization__category", "published_revision"
        )
        .defer(*_WORKING_COPY)
        .filter(reference=reference[:16])
        .first()
    )


def progress_label(value: str) -> str:
    return str(dict(Pledge.Progress.choices).get(value or "", value))


def pledge_document(pledge, revision) -> dict:
    """The pledge as readers see it (page and PDF), from `revision`."""
    content = revision.content
    html = memoized(
        f"pledge-html:v1:{revision_memo_key(revision)}",
        lambda: {k: render_markdown(v) for k, v in content["sections"].items()},
    )
    kinds = dict(Attachment.Kind.choices)
    return {
        "language": content["language"],
        "title": content["title"],
        "due_by": due_date(content),
        "progress": content["progress"],
        "progress_label": progress_label(content["progress"]),
        "sections": [
            {"section": s, "html": html.get(str(s.number), "")}
            for s in PLEDGE_SECTIONS
            if content["sections"].get(str(s.number), "").strip()
        ],
        "objectives": list(Objective.objects.filter(number__in=content["objectives"])),
        "principles": list(GuidingPrinciple.objects.filter(key__in=content["principles"])),
        "regions": list(RegionalCommission.objects.filter(code__in=content["regions"])),
        "countries": list(MemberState.objects.filter(iso3__in=content["countries"])),
        "attachments": [
            {**a, "kind_label": kinds.get(a["kind"], a["kind"])}
            for a in content.get("attachments", [])
        ],
    }


def history(pledge) -> list[dict]:
    """Every revision of the pledge that was published and never unpublished, newest first:
    its date of publication, its progress and the date it was due by (one query)."""
    events = (
        ModerationEvent.objects.filter(
            document_id=pledge.pk, action="publish", revision__unpublished_at__isnull=True
        )
        .select_related("revision")
        .order_by("-created_at", "-id")
    )
    seen, found = set(), []
    for event in events:
        if event.revision_id is None or event.revision_id in seen:
            continue
        seen.add(event.revision_id)
        content = event.revision.content
        found.append(
            {
                "published_at": event.created_at,
                "revision": event.revision,
                "progress": content.get("progress", ""),
                "progress_label": progress_label(content.get("progress", "")),
                "due_by": due_date(content),
                "current": event.revision_id == pledge.published_revision_id,
            }
        )
    return found
