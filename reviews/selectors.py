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
