"""Reusable reads for pages and the API, with their query tuning in one place."""

from itertools import groupby

from reviews.models import Objective, ReviewCycle


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
    from reviews.models import VoluntaryReview

    reviews = {
        (r.member_state_id, r.cycle_id): r
        for r in VoluntaryReview.objects.filter(member_state__in=states).select_related("cycle")
    }
    cycles = list(
        ReviewCycle.objects.filter(is_open=True)
        | ReviewCycle.objects.filter(reviews__member_state__in=states)
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


def objective_rows(content: dict) -> list[tuple[int, list[dict]]]:
    """The 23 objectives by round table, each with the review's entry (or none yet)."""
    from reviews.content import entry_words
    from reviews.models import ImplementationStatus

    rows = []
    for table, objectives in objectives_by_roundtable():
        entries = []
        for objective in objectives:
            entry = content["objectives"].get(str(objective.number))
            entries.append(
                {
                    "objective": objective,
                    "entry": entry,
                    "words": entry_words(entry) if entry else 0,
                    "status_label": ImplementationStatus(
                        entry["status"] if entry else ImplementationStatus.NOT_ADDRESSED
                    ).label,
                }
            )
        rows.append((table, entries))
    return rows


def review_document(content: dict) -> dict:
    """A snapshot ready to read (web page, preview, PDF): Markdown rendered and sanitised."""
    from reviews.markdown import render_markdown
    from reviews.template import SECTIONS

    return {
        "language": content["language"],
        "sections": [
            {"section": s, "html": render_markdown(content["sections"][str(s.number)])}
            for s in SECTIONS
        ],
        "objective_rows": [
            (
                table,
                [
                    {**e, "html": render_markdown((e["entry"] or {}).get("narrative", ""))}
                    for e in entries
                ],
            )
            for table, entries in objective_rows(content)
        ],
    }
