"""Reusable reads for pages and the API, with their query tuning in one place."""

from collections import Counter
from itertools import groupby

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from reviews.content import entry_words
from reviews.markdown import render_markdown
from reviews.models import (
    NATIONAL_REVIEW,
    Attachment,
    Document,
    GuidingPrinciple,
    ImplementationStatus,
    MemberState,
    ModerationEvent,
    Objective,
    PublishedPart,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
    VoluntaryReview,
)
from reviews.names import read_columns
from reviews.template import SECTIONS


def review_cycles():
    return ReviewCycle.objects.order_by("-year", "slug")


def objectives_by_roundtable() -> list[tuple[int, list[Objective]]]:
    """The 23 objectives grouped by their IMRF round table, in round-table order."""
    objectives = Objective.objects.order_by("roundtable", "number")
    return [
        (table, list(group)) for table, group in groupby(objectives, key=lambda o: o.roundtable)
    ]


def workspace_rows(states) -> list[dict]:
    """Per State: each open cycle or cycle with a review, the review if any, and what the
    State could start from (its latest published review)."""
    reviews = {
        (r.member_state_id, r.cycle_id): r
        for r in VoluntaryReview.objects.filter(member_state__in=states).select_related("cycle")
    }
    cycles = list(
        ReviewCycle.objects.filter(is_open=True)
        | ReviewCycle.objects.filter(documents__national_review__member_state__in=states)
    )
    cycles = sorted(set(cycles), key=lambda c: (-c.year, c.slug))
    rows = []
    for state in states:
        published = sorted(
            (
                r
                for r in reviews.values()
                if r.member_state_id == state.iso3 and r.published_revision_id
            ),
            key=lambda r: -r.cycle.year,
        )
        rows.append(
            {
                "state": state,
                "cycles": [
                    {"cycle": c, "review": reviews.get((state.iso3, c.id))}
                    for c in cycles
                    if c.is_open or (state.iso3, c.id) in reviews
                ],
                "copy_from": published[0] if published else None,
            }
        )
    return rows


def objective_rows(content: dict, *, words: bool = True) -> list[tuple[int, list[dict]]]:
    """The 23 objectives by round table, each with the review's entry (or none yet).
    `words=False`: no word counts (each reads the entry's every word, and the public page
    shows none of them)."""
    rows = []
    for table, objectives in objectives_by_roundtable():
        entries = []
        for objective in objectives:
            entry = content["objectives"].get(str(objective.number))
            entries.append(
                {
                    "objective": objective,
                    "entry": entry,
                    "words": entry_words(entry) if entry and words else 0,
                    "status_label": ImplementationStatus(
                        entry["status"] if entry else ImplementationStatus.NOT_ADDRESSED
                    ).label,
                }
            )
        rows.append((table, entries))
    return rows


def rendered_texts(content: dict) -> dict:
    """The Markdown of a snapshot as sanitised HTML: {"sections": {n: html}, "objectives":
    {n: html}} (objective narratives). The same whatever the reader's language."""
    return {
        "sections": {key: render_markdown(text) for key, text in content["sections"].items()},
        "objectives": {
            key: render_markdown(entry.get("narrative", ""))
            for key, entry in content["objectives"].items()
            if entry
        },
    }


def review_document(content: dict, html: dict | None = None, *, words: bool = True) -> dict:
    """A snapshot ready to read (web page, preview, PDF): Markdown rendered and sanitised.
    `html`: its `rendered_texts`, when the caller has them already (the public page keeps
    those of each published revision). `words`: see `objective_rows`."""
    html = html or rendered_texts(content)
    # The principles themselves (their names read in the active language, marked when English).
    principles = {p.key: p for p in GuidingPrinciple.objects.order_by("position")}
    return {
        "language": content["language"],
        "sections": [
            {"section": s, "html": html["sections"].get(str(s.number), "")} for s in SECTIONS
        ],
        "objective_rows": [
            (
                table,
                [
                    {
                        **e,
                        "html": html["objectives"].get(str(e["objective"].number), ""),
                        # In the order of the GCM's list of principles, not of their keys.
                        "principles": [
                            principle
                            for key, principle in principles.items()
                            if e["entry"] and key in e["entry"].get("principles", [])
                        ],
                    }
                    for e in entries
                ],
            )
            for table, entries in objective_rows(content, words=words)
        ],
        **review_facts(content),
        # All of them, for "what changed" to name those an entry gained or lost.
        "guiding_principles": principles,
    }


# Attachments of these kinds are published with the review (downloadable from its page,
# linked from its PDF); the others (a Note Verbale, supporting documents) are for the
# secretariat. Decided by kind: attachments have no "public" flag of their own.
PUBLIC_ATTACHMENT_KINDS = frozenset({Attachment.Kind.NATIONAL_PLAN})


def public_attachments(content: dict) -> list[dict]:
    """The attachments a snapshot records that are published with it."""
    return [a for a in content.get("attachments", []) if a["kind"] in PUBLIC_ATTACHMENT_KINDS]


def review_facts(content: dict) -> dict:
    """What a national snapshot says besides its texts: the stakeholders consulted (names, in
    the template's order), the national implementation plan flag, the public attachments."""
    details = content.get("details") or {}
    chosen = details.get("stakeholders", [])
    kinds = dict(Attachment.Kind.choices)
    return {
        "stakeholders_consulted": list(
            StakeholderCategory.objects.filter(key__in=chosen)
            .order_by("position")
            .values_list("name", flat=True)
        )
        if chosen
        else [],
        "part_of_national_plan": bool(details.get("part_of_national_plan")),
        "public_attachments": [
            {**a, "kind_label": kinds.get(a["kind"], a["kind"])}
            for a in public_attachments(content)
        ],
    }


# --- Public reads: only published reviews, always through the pinned revision ---------------


def published_reviews():
    """Every published review with what a list row shows, in a constant number of queries."""
    addressed = (
        PublishedPart.objects.filter(document=OuterRef("pk"), kind=PublishedPart.Kind.OBJECTIVE)
        .order_by()
        .values("document")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        VoluntaryReview.objects.filter(published_revision__isnull=False)
        .select_related("member_state", "cycle", "pdf")
        .prefetch_related("member_state__regional_commissions")
        .annotate(
            objectives_addressed=Coalesce(
                Subquery(addressed, output_field=IntegerField()), Value(0)
            )
        )
        .defer(*_WORKING_COPY_FIELDS)
        .order_by("-published_at", "pk")
    )


def listed_reviews():
    """The published reviews the home page and the list page through, newest first: only what
    their filters, search, order and count read. What a row shows is read for the page's
    reviews alone (`reviews.list_html.review_rows`). Measured cold at 800 reviews, making and
    compiling `published_reviews` (an annotation, three joins, the names' columns) for the count
    and the page cost more than the database's work (issue 17)."""
    return VoluntaryReview.objects.filter(published_revision__isnull=False).order_by(
        "-published_at", "pk"
    )


def earlier_publications(review):
    """The publish events of `review`'s earlier published versions, newest first: every revision a
    publication pinned, except the one online now and any the secretariat unpublished (those are
    gone for good, whatever was published after them)."""
    return (
        ModerationEvent.objects.filter(
            document=review, action="publish", revision__unpublished_at__isnull=True
        )
        .exclude(revision_id=review.published_revision_id)
        .select_related("revision")
        .order_by("-created_at", "-id")
    )


# The working copy never leaves the database on a public page: not even into memory.
_WORKING_COPY_FIELDS = [
    "section_1",
    "section_2",
    "section_3",
    "section_4",
    "section_5",
    "limits_justification",
    "part_versions",
]


def publication_summary() -> dict:
    """The home page's table: published reviews per cycle and regional commission."""
    cells, totals = _published_counts()
    commissions = list(
        RegionalCommission.objects.order_by("code").only("code", *read_columns("name"))
    )
    rows = [
        {
            "cycle": cycle,
            "total": totals.get(cycle.pk, 0),
            "cells": [(c, cells.get((cycle.pk, c.code), 0)) for c in commissions],
        }
        for cycle in review_cycles().only("slug", "is_open", *read_columns("title"))
    ]
    return {"commissions": commissions, "rows": rows}


def _published_counts() -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """({(cycle id, commission code): published national reviews}, {cycle id: published
    national reviews}) in one query over the narrow `Document` rows, joined to the States'
    commissions by `authored_by` (a national review's ISO3 code). Through `VoluntaryReview`
    (its wide rows) and in two queries, this was most of the cold home page's database time.
    A State in two commissions counts in both cells, once in its cycle's total. Plain SQL: a
    UNION ALL of the two counts, which the ORM cannot join by `authored_by`."""
    document = Document._meta.db_table
    membership = MemberState.regional_commissions.through._meta
    commission = RegionalCommission._meta.db_table
    published = "d.kind = %s AND d.published_revision_id IS NOT NULL"
    # Table names from the models' _meta; the one value is a parameter.
    sql = (
        f"SELECT d.cycle_id, c.code, COUNT(DISTINCT d.id), 0 FROM {document} d "  # noqa: S608
        f"JOIN {membership.db_table} m ON m.memberstate_id = d.authored_by "
        f"JOIN {commission} c ON c.id = m.regionalcommission_id "
        f"WHERE {published} GROUP BY d.cycle_id, c.code "
        f"UNION ALL SELECT d.cycle_id, NULL, COUNT(*), 1 FROM {document} d "
        f"WHERE {published} GROUP BY d.cycle_id"
    )
    cells, totals = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [NATIONAL_REVIEW, NATIONAL_REVIEW])
        for cycle_id, code, n, is_total in cursor.fetchall():
            if is_total:
                totals[cycle_id] = n
            else:
                cells[(cycle_id, code)] = n
    return cells, totals


def status_distribution(entries) -> list[dict]:
    """Per implementation status: how many entries, and the share of the largest (for a bar).
    `entries`: statuses, or a queryset of entries (then counted by one GROUP BY in the
    database, not read row by row)."""
    if isinstance(entries, QuerySet):
        counts = dict(
            entries.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
        )
    else:
        counts = Counter(entries)
    total = sum(counts.values())
    return [
        {
            "status": status,
            "label": status.label,
            "count": counts.get(status.value, 0),
            "percent": round(100 * counts.get(status.value, 0) / total) if total else 0,
        }
        for status in ImplementationStatus
        if status != ImplementationStatus.NOT_ADDRESSED
    ]


def coverage_rows(reviews) -> tuple[list, list[dict]]:
    """(the 23 objectives, one row per review: {"review", "cells": [(objective, status)]}), in
    two queries whatever the number of reviews; objectives not addressed are NOT_ADDRESSED."""
    statuses = objective_statuses([r.pk for r in reviews])
    objectives = list(Objective.objects.order_by("number"))
    missing = ImplementationStatus.NOT_ADDRESSED
    rows = [
        {
            "review": review,
            "cells": [(o, statuses.get(review.pk, {}).get(o.number, missing)) for o in objectives],
        }
        for review in reviews
    ]
    return objectives, rows


def objective_statuses(review_ids) -> dict[int, dict[int, str]]:
    """{review id: {objective number: status}} of the published entries, in one query."""
    found: dict[int, dict[int, str]] = {}
    rows = PublishedPart.objects.filter(
        document_id__in=review_ids, kind=PublishedPart.Kind.OBJECTIVE
    ).values_list("document_id", "number", "status")
    for review_id, number, status in rows:
        found.setdefault(review_id, {})[number] = status
    return found
