"""A review text's Markdown as a small neutral tree that both writers (docx, odt) turn into
word-processor content: paragraphs of runs, and tables.

It is parsed with the portal's own Markdown configuration (`reviews.markdown`), so a file shows
exactly what the page shows: the same subset, the same links (an unsafe address is its text,
never a link). The tree carries the style names of the file's contract (design of issue 18):
`Normal`, `List Bullet`/`List Bullet 2`…, `List Number`/`List Number 2`…, `Quote`,
`Heading 4`..`Heading 6` (a text's own `#`..`###`: they sit below the template's levels 1-3),
and tables with a header row. A soft line break is a space, as on the page; a hard one is a
line break inside the paragraph.
"""

from dataclasses import dataclass, field

# The portal's parser: its configuration (subset, linkify, unsafe links dropped) is the point.
from reviews.markdown import parse

NORMAL = "Normal"
QUOTE = "Quote"
TEXT_TABLE = "Table Grid"
# Markdown heading level -> the file's style (a text's headings sit under levels 1-3).
HEADING_STYLES = {1: "Heading 4", 2: "Heading 5"}
LOWEST_HEADING = "Heading 6"


@dataclass
class Run:
    """Text with one formatting; `br` is a line break (its text is empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    br: bool = False


@dataclass
class Paragraph:
    style: str
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join("\n" if r.br else r.text for r in self.runs)


@dataclass
class Table:
    """Rows of cells, each cell a list of runs; `header`: the first row is a header row."""

    rows: list[list[list[Run]]]
    style: str = TEXT_TABLE
    header: bool = True


Block = Paragraph | Table


def list_style(ordered: bool, depth: int) -> str:
    """`List Bullet`, `List Bullet 2`…, `List Number`…: Word's built-in styles go to 3."""
    name = "List Number" if ordered else "List Bullet"
    depth = min(depth, 3)
    return name if depth == 1 else f"{name} {depth}"


def heading_style(level: int) -> str:
    return HEADING_STYLES.get(level, LOWEST_HEADING)


def blocks(markdown: str) -> list[Block]:
    """The Markdown text as paragraphs and tables, in order."""
    return _Builder().build(parse(markdown))


def inline_runs(children) -> list[Run]:
    """The runs of one inline token's children (emphasis and links may nest)."""
    runs: list[Run] = []
    bold = italic = 0
    links: list[str | None] = []
    for token in children or []:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            links.append(str(token.attrGet("href") or ""))
        elif kind == "link_close":
            links.pop()
        elif kind == "hardbreak":
            runs.append(Run("", br=True))
        elif kind in {"text", "code_inline", "softbreak"}:
            text = " " if kind == "softbreak" else token.content
            link = links[-1] if links else None
            runs.append(Run(text, bold=bold > 0, italic=italic > 0, link=link))
    return _merged(runs)


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs with the same formatting as one (fewer, whole words per run)."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not run.br
            and not last.br
            and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link)
        ):
            last.text += run.text
        else:
            merged.append(Run(run.text, run.bold, run.italic, run.link, run.br))
    return merged


class _Builder:
    """Walks markdown-it's flat token stream, keeping the stack of open lists and quotes."""

    def __init__(self):
        self.out: list[Block] = []
        self.lists: list[bool] = []  # per open list: ordered?
        self.quotes = 0
        self.heading: int | None = None
        self.table: list[list[list[Run]]] | None = None

    def build(self, tokens) -> list[Block]:
        for token in tokens:
            self._token(token)
        return self.out

    def _style(self) -> str:
        if self.heading is not None:
            return heading_style(self.heading)
        if self.lists:
            return list_style(self.lists[-1], len(self.lists))
        return QUOTE if self.quotes else NORMAL

    def _token(self, token) -> None:
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            self.lists.append(kind == "ordered_list_open")
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            self.lists.pop()
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind == "heading_open":
            self.heading = int(token.tag[1:])
        elif kind == "heading_close":
            self.heading = None
        elif kind == "table_open":
            self.table = []
        elif kind == "table_close":
            self.out.append(Table(self.table or []))
            self.table = None
        elif kind == "tr_open" and self.table is not None:
            self.table.append([])
        elif kind == "inline":
            self._inline(token)
        elif kind in {"code_block", "fence"}:
            self.out.append(Paragraph(self._style(), [Run(token.content.rstrip("\n"))]))

    def _inline(self, token) -> None:
        runs = inline_runs(token.children)
        if self.table is not None:
            self.table[-1].append(runs)
        else:
            self.out.append(Paragraph(self._style(), runs))
