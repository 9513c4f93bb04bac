"""Word content -> the portal's Markdown, in ONE canonical form; and `canonical(md)`.

The readers (`docx_in`, `odt_in`) turn a file's body into a neutral walk: `Paragraph`s (a
normalised style name, a heading level, list kind and level, and `Run`s of text that are bold,
italic or a link) and `Table`s (rows of cells of runs). `blocks_markdown(blocks)` writes that walk
as Markdown; `canonical(md)` parses Markdown into the same walk and writes it through the same
writer, so both sides of an import compare in one form and `canonical(canonical(x)) ==
canonical(x)`.

The canonical form: blocks separated by one blank line; `**bold**`, `*italic*`; `[text](url)`
for a safe link (`reviews.markdown.is_safe_link`), the bare URL when the text is the URL, the text
alone for an unsafe one; `- item` and `1. item`, `2. item` (nested items indented under their
parent's marker); `> quote`; GFM tables with a `| --- |` row and `\\|` in cells; headings `#`..`###`
(Word's Heading 4..6); a line break as `\\` at the end of the line; a Markdown soft break (a single
newline inside a paragraph) is a space, as a reader sees it. Word splits runs anywhere, so
runs are merged before emphasis markers are placed, and whitespace is moved outside the markers
(CommonMark ignores `** x**`).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from reviews.markdown import is_safe_link, parse
from reviews.wordfile import md_runs


@dataclass(frozen=True)
class Run:
    text: str  # "\n" is a line break
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class Paragraph:
    runs: list[Run]
    style: str = "normal"  # lower case, ODT's "_20_" read as a space: "gcm guidance"
    heading: int = 0  # 1..6; 0 for a paragraph
    list_kind: str = ""  # "bullet", "number" or ""
    list_level: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()


@dataclass
class Table:
    rows: list[list[list[Run]]]  # row -> cell -> runs
    style: str = ""

    def cell_texts(self) -> list[list[str]]:
        return [[_plain(cell) for cell in row] for row in self.rows]


@dataclass
class Walk:
    """What a reader found in a file: its body in order, its identifier, what it left out."""

    blocks: list = field(default_factory=list)
    identifier: str | None = None
    # What the reader left out, by kind: "images", "notes" (footnotes and endnotes) and
    # "text_boxes" (those holding text), each told to the user (`reading.LEFT_OUT`).
    left_out: Counter = field(default_factory=Counter)


def _plain(runs: list[Run]) -> str:
    return " ".join("".join(run.text for run in runs).split())


# --- writing ---------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What a line may not start with, or Markdown reads a heading, quote, list, rule or setext line.
_LINE_START = re.compile(r"^(?=#{1,6}(\s|$)|>|[-+*](\s|$)|=+\s*$|-{3,})")
_LINE_NUMBER = re.compile(r"^(\d{1,9})(?=[.)](\s|$))")


def _escape(text: str, *, in_table: bool) -> str:
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*`\[\]<])", r"\\\1", text)
    # `_` emphasises only at a word's edge (CommonMark's flanking rule): escape only there.
    text = re.sub(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])", r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    if in_table:
        text = text.replace("|", "\\|")
    return text


def _merged(runs: list[Run]) -> list[Run]:
    """Adjacent runs of the same formatting as one; formatting moved off edge whitespace."""
    pieces: list[Run] = []
    for run in _joined(runs):
        core = run.text.strip()
        if (run.bold or run.italic) and core:
            lead = run.text[: len(run.text) - len(run.text.lstrip())]
            trail = run.text[len(run.text.rstrip()) :]
            core_run = Run(core, run.bold, run.italic, run.href)
            pieces += [Run(lead, href=run.href), core_run, Run(trail, href=run.href)]
        else:
            pieces.append(Run(run.text, href=run.href))
    return _joined(pieces)


def _joined(runs: list[Run]) -> list[Run]:
    joined: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = joined[-1] if joined else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            joined[-1] = Run(last.text + run.text, run.bold, run.italic, run.href)
        else:
            joined.append(run)
    return joined


def _emphasised(runs: list[Run], *, in_table: bool) -> str:
    """Runs with `**`/`*` markers, nested properly: a stack of what is open."""
    out, stack = [], []
    for run in runs:
        wanted = {"**"} if run.bold else set()
        wanted |= {"*"} if run.italic else set()
        while stack and not set(stack) <= wanted:
            out.append(stack.pop())
        for marker in ("**", "*"):
            if marker in wanted and marker not in stack:
                stack.append(marker)
                out.append(marker)
        out.append(_text(run.text, in_table=in_table))
    while stack:
        out.append(stack.pop())
    return "".join(out)


def _text(text: str, *, in_table: bool) -> str:
    lines = _escape(text, in_table=in_table).split("\n")
    if len(lines) == 1:
        return lines[0]
    # Spaces around a line break go (split, not a regex: `\s*\n` on a long run of spaces
    # is quadratic, and a hostile file can hold a megabyte of them).
    lines = [lines[0].rstrip(), *(line.strip() for line in lines[1:-1]), lines[-1].lstrip()]
    return (" " if in_table else "\\\n").join(lines)


def inline(runs: list[Run], *, in_table: bool = False) -> str:
    """One paragraph's (or cell's) runs as Markdown, stripped."""
    runs = _merged(_stripped(runs))
    out, index = [], 0
    while index < len(runs):
        href = runs[index].href
        group = []
        while index < len(runs) and runs[index].href == href:
            group.append(runs[index])
            index += 1
        out.append(_linked(group, href, in_table=in_table))
    return "".join(out)


def _stripped(runs: list[Run]) -> list[Run]:
    """Leading and trailing whitespace (and line breaks) of the paragraph removed."""
    runs = [run for run in runs if run.text]
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        first, last = runs[0], runs[-1]
        runs[0] = Run(first.text.lstrip(), first.bold, first.italic, first.href)
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.href)
    return runs


def _linked(group: list[Run], href: str | None, *, in_table: bool) -> str:
    text = _emphasised(group, in_table=in_table)
    if not href or not is_safe_link(href):
        return text
    plain = "".join(run.text for run in group)
    if plain == href and not any(run.bold or run.italic for run in group):
        return href
    return f"[{text}]({href.strip().replace(' ', '%20').replace(')', '%29')})"


def _line_escaped(text: str) -> str:
    lines = (_LINE_START.sub(r"\\", line, count=1) for line in text.split("\n"))
    # "1. x" is a list; "1\. x" is not (a backslash before a digit escapes nothing).
    return "\n".join(_LINE_NUMBER.sub(r"\1\\", line, count=1) for line in lines)


def _table(table: Table) -> str:
    rows = [[inline(cell, in_table=True) for cell in row] for row in table.rows]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def blocks_markdown(blocks) -> str:
    """The blocks of a part's text (headings of level 4-6 included) as canonical Markdown."""
    chunks: list[str] = []
    items: list[str] = []
    numbers: list[int] = []  # the next number at each level of the open list
    indents: list[int] = []
    kind = ""
    for block in blocks:
        if isinstance(block, Paragraph) and block.list_kind:
            if items and block.list_level == 0 and block.list_kind != kind:
                chunks.append("\n".join(items))
                items, numbers, indents = [], [], []
            kind = kind if items else block.list_kind
            items.append(_item(block, numbers, indents))
            continue
        if items:
            chunks.append("\n".join(items))
            items, numbers, indents, kind = [], [], [], ""
        written = _block(block)
        if written:
            chunks.append(written)
    if items:
        chunks.append("\n".join(items))
    return "\n\n".join(chunk for chunk in chunks if chunk)


def _item(block: Paragraph, numbers: list[int], indents: list[int]) -> str:
    level = min(block.list_level, len(numbers))  # a jump of two levels is one level
    del numbers[level + 1 :], indents[level + 1 :]
    if len(numbers) == level:
        numbers.append(1)
        indents.append(0)
    marker = f"{numbers[level]}." if block.list_kind == "number" else "-"
    numbers[level] += 1
    indent = sum(indents[:level])
    indents[level] = len(marker) + 1
    text = _line_escaped(inline(block.runs)).replace("\n", "\n" + " " * (indent + len(marker) + 1))
    return " " * indent + f"{marker} {text}"


def _block(block) -> str:
    if isinstance(block, Table):
        return _table(block) if block.rows and any(block.rows) else ""
    text = inline(block.runs)
    if not text:
        return ""
    if block.heading:
        return "#" * max(1, block.heading - 3) + " " + text.replace("\\\n", " ")
    text = _line_escaped(text)
    if block.style in {"quote", "intense quote"}:
        return "> " + text.replace("\n", "\n> ")
    return text


# --- reading Markdown into the same walk ----------------------------------------------------


def canonical(md: str) -> str:
    """Markdown in the canonical form above: what an imported text is compared in."""
    return blocks_markdown(markdown_blocks(md or ""))


def markdown_blocks(md: str) -> list:
    """The portal's Markdown parsed (as the portal renders it) into the neutral walk."""
    tokens = parse(md)
    blocks: list = []
    lists: list[str] = []
    quote = 0
    table: Table | None = None
    heading = 0
    for token in tokens:
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            lists.append("number" if kind == "ordered_list_open" else "bullet")
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            lists.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = min(6, int(token.tag[1]) + 3)
        elif kind == "table_open":
            table = Table(rows=[])
        elif kind == "table_close":
            blocks.append(table)
            table = None
        elif kind == "tr_open" and table is not None:
            table.rows.append([])
        elif kind == "inline" and table is not None:
            table.rows[-1].append(inline_runs(token.children or []))
        elif kind == "inline":
            blocks.append(_paragraph(inline_runs(token.children or []), lists, quote, heading))
            heading = 0
        elif kind in {"fence", "code_block"}:
            blocks.append(Paragraph([Run(token.content.rstrip("\n"))]))
    return blocks


def _paragraph(runs, lists, quote, heading) -> Paragraph:
    if heading:
        return Paragraph(runs, style=f"heading {heading}", heading=heading)
    if lists:
        return Paragraph(runs, list_kind=lists[-1], list_level=len(lists) - 1)
    return Paragraph(runs, style="quote" if quote else "normal")


def inline_runs(children) -> list[Run]:
    """The runs of one inline token's children, as the export writes them (`md_runs`): one
    reading of emphasis, links and breaks for both directions."""
    return [
        Run("\n") if run.br else Run(run.text, run.bold, run.italic, run.link)
        for run in md_runs.inline_runs(children)
    ]
