"""What the region submitted, brought together for its regional review report.

For a body's Member States and a regional cycle: the published national reviews, and for each
objective, grouped by the four IMRF round tables, how many of them report each implementation
status and how they ranked it among their priorities. Read from the pinned published revisions
only: a draft never reaches a regional report. `as_markdown` turns the table into the Markdown
a reporter inserts into (iii) Key findings as a snapshot, which the page and the PDF render as
a real table.
"""

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regional.models import RegionalInput, states_of
from reviews.models import ImplementationStatus, Objective, VoluntaryReview
from reviews.names import name_order

# The statuses a synthesis counts, in the order of the table (not addressed is said apart).
COUNTED = [
    ImplementationStatus.ACHIEVED,
    ImplementationStatus.UNDER_WAY,
    ImplementationStatus.PLANNED,
    ImplementationStatus.NOT_STARTED,
    ImplementationStatus.NOT_APPLICABLE,
]


@dataclass
class ObjectiveRow:
    objective: Objective
    counts: dict[str, int]
    ranks: list[int] = field(default_factory=list)

    @property
    def addressed(self) -> int:
        return sum(self.counts.values())

    @property
    def median_rank(self):
        return median(self.ranks) if self.ranks else None

    def bars(self, total: int) -> list[dict]:
        """Each counted status as a share of the region's reviews (for the server-side chart)."""
        return [
            {
                "status": status,
                "count": self.counts.get(status.value, 0),
                "percent": round(100 * self.counts.get(status.value, 0) / total) if total else 0,
            }
            for status in COUNTED
        ]


@dataclass
class Synthesis:
    reviews: list
    roundtables: list[tuple[int, list[ObjectiveRow]]]
    inputs: list

    @property
    def review_count(self) -> int:
        return len(self.reviews)


def regional_synthesis(*, commission=None, process=None, cycle) -> Synthesis:
    reviews = list(
        VoluntaryReview.objects.filter(
            cycle=cycle,
            published_revision__isnull=False,
            member_state__in=states_of(commission, process),
        )
        .select_related("member_state", "published_revision")
        .order_by(name_order("member_state__"))
    )
    counts: dict[int, Counter] = {}
    ranks: dict[int, list[int]] = {}
    for review in reviews:
        for number, entry in review.published_revision.content["objectives"].items():
            status = entry.get("status", ImplementationStatus.NOT_ADDRESSED)
            if status != ImplementationStatus.NOT_ADDRESSED:
                counts.setdefault(int(number), Counter())[status] += 1
            if entry.get("priority"):
                ranks.setdefault(int(number), []).append(int(entry["priority"]))
    roundtables: dict[int, list[ObjectiveRow]] = {}
    for objective in Objective.objects.order_by("number"):
        row = ObjectiveRow(
            objective,
            dict(counts.get(objective.number, {})),
            sorted(ranks.get(objective.number, [])),
        )
        roundtables.setdefault(objective.roundtable, []).append(row)
    inputs = RegionalInput.objects.filter(cycle=cycle, published_revision__isnull=False)
    inputs = inputs.filter(commission=commission) if commission is not None else inputs.none()
    return Synthesis(reviews, sorted(roundtables.items()), list(inputs))


def _cell(text: str) -> str:
    # A pipe or a line break would end the Markdown cell: neither belongs in a title.
    return " ".join(str(text).replace("|", "/").split())


def as_markdown(synthesis: Synthesis) -> str:
    """The synthesis as Markdown tables, one per round table, dated: a snapshot in the report's
    text. Call under the report's language (`translation.override`)."""
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    lines = [
        _("Implementation status reported in %(count)s published voluntary GCM reviews of the "
          "region, as of %(date)s.") % {"count": synthesis.review_count, "date": today},
        "",
    ]  # fmt: skip
    header = [_("Objective"), *[str(status.label) for status in COUNTED], _("Median priority")]
    heading = _("Round table %(number)s")
    for roundtable, rows in synthesis.roundtables:
        lines += [f"**{heading % {'number': roundtable}}**", ""]
        lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
        lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
        for row in rows:
            rank = row.median_rank
            cells = [
                f"{row.objective.number}. {row.objective.title}",
                *[str(row.counts.get(status.value, 0)) for status in COUNTED],
                "—" if rank is None else f"{rank:g}",
            ]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def stacked_bars(synthesis: Synthesis) -> list[tuple[int, list[dict]]]:
    """Per round table, per objective: one bar of the region's reviews, a segment per counted
    status (x and width in percent), for a chart drawn on the server (SVG, no inline style)."""
    total = synthesis.review_count
    charts = []
    for roundtable, rows in synthesis.roundtables:
        bars = []
        for row in rows:
            x, segments, every = 0, [], row.bars(total)
            for bar in every:
                if bar["percent"]:
                    segments.append({**bar, "x": x, "width": bar["percent"]})
                    x += bar["percent"]
            bars.append({"row": row, "statuses": every, "segments": segments})
        charts.append((roundtable, bars))
    return charts
