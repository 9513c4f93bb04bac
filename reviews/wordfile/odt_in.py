"""An .odt's body as the neutral walk of `to_markdown`, in order.

Read with the same safe lxml parser as `docx_in` (no entity resolved, no DTD, no network),
member by member (`content.xml`, `styles.xml`, `meta.xml`), not through odfpy's `load()`:
that loader reads every member of the archive into memory, and on a malformed part prints the
whole XML to standard output and carries on with an empty document, where an import must say
the file is unreadable. odfpy stays what the export writes with.

Styles are resolved as LibreOffice writes them: an automatic style (`P1`, `T2`) names its
parent, which has the display name ("GCM Guidance", stored as `GCM_20_Guidance`); bold and italic
come from a style's text properties (Western, Asian or complex script), through its parents.
"""

import zipfile
from collections import Counter

from django.utils.translation import gettext_lazy as _

from reviews.wordfile import identity
from reviews.wordfile.docx_in import UnreadableFile, number, parse_member, style_key
from reviews.wordfile.to_markdown import Paragraph, Run, Table, Walk

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"
MAX_SPACES = 100
TRANSPARENT = {f"{TEXT}section", f"{TEXT}span", f"{TEXT}ruby-base", f"{TEXT}meta"}
SKIPPED = {f"{TEXT}tracked-changes", f"{OFFICE}annotation", f"{TEXT}ruby-text"}


def read_odt(archive: zipfile.ZipFile) -> Walk:
    content = parse_member(archive, "content.xml", required=True)
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise UnreadableFile(_("it is not a text document."))
    reader = _Reader(_Styles(content, parse_member(archive, "styles.xml")))
    reader.walk(body)
    return Walk(
        blocks=reader.blocks,
        identifier=_identifier(parse_member(archive, "meta.xml")),
        left_out=reader.left_out,
    )


def _identifier(meta) -> str | None:
    for field in meta.iter(f"{META}user-defined") if meta is not None else ():
        if field.get(f"{META}name") == identity.ODT_FIELD:
            return (field.text or "").strip() or None
    return None


class _Styles:
    """Every named and automatic style of the document, and what a walk needs of each."""

    def __init__(self, *roots):
        self.styles, self.lists = {}, {}
        for root in roots:
            if root is None:
                continue
            for style in root.iter(f"{STYLE}style"):
                self.styles[(style.get(f"{STYLE}family"), style.get(f"{STYLE}name"))] = style
            for list_style in root.iter(f"{TEXT}list-style"):
                self.lists[list_style.get(f"{STYLE}name")] = list_style

    def name(self, family: str, name: str | None) -> str:
        """The display name of a named style, through an automatic style's parent."""
        seen = set()
        while name and name not in seen:
            seen.add(name)
            style = self.styles.get((family, name))
            if style is None:
                return style_key(name)
            parent = style.get(f"{STYLE}parent-style-name")
            if not _automatic(style) or not parent:
                return style_key(style.get(f"{STYLE}display-name") or name)
            name = parent
        return "normal"

    def formatting(self, name: str | None, *, inherit: bool = True) -> tuple[bool, bool]:
        """(bold, italic) of a text style, through its parents."""
        bold = italic = None
        seen = set()
        while name and name not in seen:
            seen.add(name)
            style = self.styles.get(("text", name))
            if style is None:
                style = self.styles.get(("paragraph", name))
            if style is None:
                break
            properties = style.find(f"{STYLE}text-properties")
            if properties is not None:
                weights = [properties.get(f"{FO}font-weight")]
                weights += [properties.get(f"{STYLE}font-weight-{s}") for s in ("asian", "complex")]
                slants = [properties.get(f"{FO}font-style")]
                slants += [properties.get(f"{STYLE}font-style-{s}") for s in ("asian", "complex")]
                if bold is None and any(w for w in weights):
                    bold = any(w in {"bold", "700", "800", "900"} for w in weights)
                if italic is None and any(s for s in slants):
                    italic = any(s in {"italic", "oblique"} for s in slants)
            name = style.get(f"{STYLE}parent-style-name") if inherit else None
        return bool(bold), bool(italic)

    def own_formatting(self, name: str | None) -> tuple[bool, bool]:
        """(bold, italic) an automatic paragraph style sets itself, not through its parents."""
        style = self.styles.get(("paragraph", name))
        if style is None or not _automatic(style):
            return False, False
        return self.formatting(name, inherit=False)

    def list_kind(self, list_style: str | None, level: int) -> str:
        found = self.lists.get(list_style)
        if found is None:
            return ""
        for child in found:
            if number(child.get(f"{TEXT}level"), 1) == level + 1:
                return "bullet" if child.tag == f"{TEXT}list-level-style-bullet" else "number"
        return ""


def _automatic(style) -> bool:
    parent = style.getparent()
    return parent is not None and parent.tag == f"{OFFICE}automatic-styles"


class _Reader:
    def __init__(self, styles: _Styles):
        self.styles = styles
        self.blocks: list = []
        self.left_out = Counter()

    def walk(self, parent, *, lists=()) -> None:
        for child in parent:
            if child.tag in {f"{TEXT}p", f"{TEXT}h"}:
                self.blocks.append(self.paragraph(child, lists))
            elif child.tag == f"{TEXT}list":
                style = child.get(f"{TEXT}style-name") or (lists[-1] if lists else None)
                self.walk(child, lists=(*lists, style))
            elif child.tag in {f"{TEXT}list-item", f"{TEXT}list-header"}:
                self.walk(child, lists=lists)
            elif child.tag == f"{TABLE}table":
                self.blocks.append(self.table(child))
            elif child.tag == f"{DRAW}frame":  # anchored to the page
                self.frame(child)
            elif child.tag in TRANSPARENT:
                self.walk(child, lists=lists)

    def paragraph(self, element, lists) -> Paragraph:
        style = self.styles.name("paragraph", element.get(f"{TEXT}style-name"))
        heading = 0
        if element.tag == f"{TEXT}h":
            heading = min(6, max(1, number(element.get(f"{TEXT}outline-level"), 1)))
        elif style.startswith("heading ") and style[8:].isdecimal():
            heading = min(6, int(style[8:]))
        # A named style's look ("Quote" is italic) is not emphasis; a paragraph made bold by hand
        # is (LibreOffice writes it as an automatic style of the paragraph).
        base = self.styles.own_formatting(element.get(f"{TEXT}style-name"))
        paragraph = Paragraph(self.runs(element, base, None), style=style, heading=heading)
        if lists and not heading:
            level = len(lists) - 1
            kind = self.styles.list_kind(lists[0], level) or self.styles.list_kind(lists[-1], level)
            paragraph.list_kind = kind or ("number" if "number" in style else "bullet")
            paragraph.list_level = level
        elif style.startswith("list ") and not heading:
            paragraph.list_kind = "number" if style.startswith("list number") else "bullet"
            level = style.rsplit(" ", 1)[-1]
            paragraph.list_level = max(0, int(level) - 1) if level.isdecimal() else 0
        return paragraph

    def runs(self, element, formatting, href) -> list[Run]:
        """The text of an element and its children, each piece with its formatting."""
        bold, italic = formatting
        runs = [Run(element.text, bold, italic, href)] if element.text else []
        for child in element:
            if not isinstance(child.tag, str):  # a comment or an unexpanded entity
                pass
            elif child.tag == f"{TEXT}span":
                inner = self.styles.formatting(child.get(f"{TEXT}style-name"))
                runs += self.runs(child, (bold or inner[0], italic or inner[1]), href)
            elif child.tag == f"{TEXT}a":
                runs += self.runs(child, formatting, child.get(f"{XLINK}href"))
            elif child.tag == f"{TEXT}s":
                # A hostile "c" may ask for a billion spaces; no paragraph needs more than a few.
                spaces = min(number(child.get(f"{TEXT}c"), 1), MAX_SPACES)
                runs.append(Run(" " * spaces, bold, italic, href))
            elif child.tag == f"{TEXT}tab":
                runs.append(Run(" ", bold, italic, href))
            elif child.tag == f"{TEXT}line-break":
                runs.append(Run("\n", bold, italic, href))
            elif child.tag == f"{DRAW}frame":
                self.frame(child)
            elif child.tag == f"{TEXT}note":  # a footnote or an endnote
                self.left_out["notes"] += 1
            elif child.tag not in SKIPPED:
                runs += self.runs(child, formatting, href)
            if child.tail:
                runs.append(Run(child.tail, bold, italic, href))
        return runs

    def frame(self, frame) -> None:
        """A frame's pictures and its text boxes that hold text, all left out."""
        self.left_out["images"] += sum(1 for _ in frame.iter(f"{DRAW}image"))
        boxes = frame.iter(f"{DRAW}text-box")
        self.left_out["text_boxes"] += sum(1 for box in boxes if "".join(box.itertext()).strip())

    def table(self, element) -> Table:
        style = self.styles.name("table", element.get(f"{TABLE}style-name"))
        rows = []
        for row in element.iter(f"{TABLE}table-row"):
            if row.getparent() is not None and _owning_table(row) is not element:
                continue  # a nested table's row: its text stays in its cell
            cells = []
            for cell in row.findall(f"{TABLE}table-cell"):
                runs: list[Run] = []
                for paragraph in cell.iter(f"{TEXT}p", f"{TEXT}h"):
                    if runs:
                        runs.append(Run("\n"))
                    runs += self.runs(paragraph, (False, False), None)
                cells.append(runs)
            rows.append(cells)
        return Table(rows=rows, style=style)


def _owning_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != f"{TABLE}table":
        parent = parent.getparent()
    return parent
