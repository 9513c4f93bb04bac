"""Horizontal bar charts drawn on the server as SVG: no script, no style attribute (the
content security policy forbids both), readable by a screen reader.

`bar_chart(title, rows)` answers what `stakeholders/dashboard/_chart.html` draws: the
geometry of each bar, computed here so the template only places it. The SVG is
`role="img"` with a `<title>` and a `<desc>` naming every value; the same figures stand beside
it in a data table, which is what assistive technology and a printout read.
"""

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 240
VALUE_WIDTH = 50
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int
    text_y: int
    value_x: int


def bar_chart(title: str, rows: list[tuple[str, int]]) -> dict:
    largest = max((count for _label, count in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, count) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(room * count / largest)
        bars.append(
            Bar(
                label=label,
                count=count,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    return {
        "title": title,
        "description": "; ".join(f"{label}: {count}" for label, count in rows),
        "bars": bars,
        "width": WIDTH,
        "height": GAP + len(rows) * (BAR_HEIGHT + GAP),
        "label_x": LABEL_WIDTH - 6,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
