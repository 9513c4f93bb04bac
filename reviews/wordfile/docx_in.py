"""A .docx's body as the neutral walk of `to_markdown` (paragraphs, runs, tables), in order.

The archive is read member by member with lxml, never through python-docx's package loader: the
loader refuses a macro-enabled main part (.docm) and loads every member (images, `vbaProject.bin`)
into memory. Here only `word/document.xml`, its relationships, `styles.xml`, `numbering.xml`
and `docProps/core.xml` are read, each with a size cap, by a parser that resolves no entity,
loads no DTD and never touches the network. Macros are never read; external relationships
(attached templates, linked images, `INCLUDETEXT` fields) are only names in a list, never
fetched; a field's cached result is read as text, its instruction never evaluated.

`UnreadableFile(reason)` says why a file cannot be read; `reading` turns it into the message.
"""

import re
import zipfile
import zlib
from collections import Counter

from django.utils.translation import gettext_lazy as _
from lxml import etree

from reviews.wordfile.to_markdown import Paragraph, Run, Table, Walk

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# A long review's document.xml is a few MB; anything past this is not a review.
MAX_XML_BYTES = 50 * 1024 * 1024
# Containers whose content is the document's content (tracked insertions, content controls,
# smart tags, simple fields' cached results); deletions (`w:del`) are not.
TRANSPARENT = {f"{W}{name}" for name in ("ins", "smartTag", "sdt", "sdtContent", "customXml",
                                          "fldSimple", "moveTo", "dir", "bdo")}  # fmt: skip
IMAGES = {f"{W}drawing", f"{W}pict", f"{W}object"}
# Word writes a text box or a shape twice, as DrawingML and as VML, in one of these.
ALTERNATIVES = f"{MC}AlternateContent"
NOTES = {f"{W}footnoteReference", f"{W}endnoteReference"}
OFF = {"0", "false", "off"}


class UnreadableFile(Exception):
    """The file is not a document we can read; `reason` is a translated sentence."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


def safe_parser() -> etree.XMLParser:
    """No entity resolved (an XXE or a billion laughs stays an unexpanded reference), no DTD
    loaded, no network, no huge-tree mode."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_member(archive: zipfile.ZipFile, name: str, *, required: bool = False):
    """The member parsed safely; None when absent and not required."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise UnreadableFile(_("its text (%(name)s) is missing.") % {"name": name}) from None
        return None
    if info.file_size > MAX_XML_BYTES:
        raise UnreadableFile(_("its text is too large."))
    try:
        with archive.open(info) as member:
            data = member.read(MAX_XML_BYTES + 1)
    except RuntimeError:  # zipfile's answer to an encrypted member
        raise UnreadableFile(_("it is encrypted.")) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise UnreadableFile(_("it is damaged.")) from None
    try:
        return etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError:
        raise UnreadableFile(_("its text is not well-formed XML.")) from None


def read_docx(archive: zipfile.ZipFile) -> Walk:
    """The walk of a Word document's body (a .docx, or a .docm read as text only)."""
    document = parse_member(archive, "word/document.xml", required=True)
    body = document.find(f"{W}body")
    if body is None:
        raise UnreadableFile(_("its text has no body."))
    reader = _Reader(
        links=_links(parse_member(archive, "word/_rels/document.xml.rels")),
        styles=_styles(parse_member(archive, "word/styles.xml")),
        numbering=_numbering(parse_member(archive, "word/numbering.xml")),
    )
    reader.walk(body)
    return Walk(
        blocks=reader.blocks,
        identifier=_identifier(parse_member(archive, "docProps/core.xml")),
        left_out=reader.left_out,
    )


def _identifier(core) -> str | None:
    found = core.find(f"{DC}identifier") if core is not None else None
    if found is None:
        return None
    return (found.text or "").strip() or None


def _links(rels) -> dict[str, str]:
    """Relationship id -> target of the external hyperlinks (only read, never fetched)."""
    if rels is None:
        return {}
    return {
        rel.get("Id"): rel.get("Target", "")
        for rel in rels.iter(f"{REL}Relationship")
        if rel.get("Type", "").endswith("/hyperlink")
    }


def style_key(name: str) -> str:
    """A style's name as the walk spells it: lower case, ODT's `_20_` a space."""
    return " ".join(name.replace("_20_", " ").lower().split())


def _styles(styles) -> dict[str, tuple[str, int]]:
    """Style id -> (normalised name, outline level 1-9 or 0)."""
    found = {}
    for style in styles.iter(f"{W}style") if styles is not None else ():
        name = style.find(f"{W}name")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        level = number(outline.get(f"{W}val"), 9) + 1 if outline is not None else 0
        style_id = style.get(f"{W}styleId", "")
        key = style_key(name.get(f"{W}val", style_id) if name is not None else style_id)
        found[style_id] = (key, level if level <= 9 else 0)
    return found


def _numbering(numbering) -> dict[tuple[str, int], str]:
    """(numId, level) -> "bullet" or "number", from the numbering definitions."""
    if numbering is None:
        return {}
    abstract = {}
    for definition in numbering.iter(f"{W}abstractNum"):
        for level in definition.iter(f"{W}lvl"):
            fmt = level.find(f"{W}numFmt")
            kind = "bullet" if fmt is not None and fmt.get(f"{W}val") == "bullet" else "number"
            key = (definition.get(f"{W}abstractNumId"), number(level.get(f"{W}ilvl"), 0))
            abstract[key] = kind
    kinds = {}
    for num in numbering.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is None:
            continue
        for (abstract_id, level), kind in abstract.items():
            if abstract_id == ref.get(f"{W}val"):
                kinds[(num.get(f"{W}numId"), level)] = kind
    return kinds


_HEADING = re.compile(r"^heading (\d)$")
_LIST_STYLE = re.compile(r"^list (bullet|number)(?: (\d))?$")


class _Reader:
    def __init__(self, *, links, styles, numbering):
        self.links, self.styles, self.numbering = links, styles, numbering
        self.blocks: list = []
        self.left_out = Counter()

    def walk(self, parent) -> None:
        for child in parent:
            if child.tag == f"{W}p":
                self.blocks.append(self.paragraph(child))
            elif child.tag == f"{W}tbl":
                self.blocks.append(self.table(child))
            elif child.tag in TRANSPARENT:
                self.walk(child)

    def paragraph(self, element) -> Paragraph:
        properties = element.find(f"{W}pPr")
        style_id = _val(properties, f"{W}pStyle") or ""
        style, outline = self.styles.get(style_id, (style_key(style_id) or "normal", 0))
        direct = _val(properties, f"{W}outlineLvl")
        heading = _heading_level(style, number(direct, 9) + 1 if direct else outline)
        paragraph = Paragraph(runs=self.runs(element, None), style=style, heading=heading)
        if not heading:
            paragraph.list_kind, paragraph.list_level = self.list_of(style, properties)
        return paragraph

    def list_of(self, style: str, properties) -> tuple[str, int]:
        named = _LIST_STYLE.match(style)
        if named:
            return ("bullet" if named[1] == "bullet" else "number"), int(named[2] or 1) - 1
        numbered = properties.find(f"{W}numPr") if properties is not None else None
        if numbered is None:
            return "", 0
        num_id = _val(numbered, f"{W}numId")
        level = min(number(_val(numbered, f"{W}ilvl"), 0), 8)
        if num_id in (None, "0"):  # numId 0 switches numbering off
            return "", 0
        return self.numbering.get((num_id, level), "bullet"), level

    def runs(self, parent, href) -> list[Run]:
        runs: list[Run] = []
        for child in parent:
            if child.tag == f"{W}r":
                runs += self.run(child, href)
            elif child.tag == f"{W}hyperlink":
                target = self.links.get(child.get(f"{R}id")) if child.get(f"{R}id") else None
                runs += self.runs(child, target)
            elif child.tag in TRANSPARENT:
                runs += self.runs(child, href)
        return runs

    def run(self, element, href) -> list[Run]:
        properties = element.find(f"{W}rPr")
        bold = _on(properties, "b") or _on(properties, "bCs")
        italic = _on(properties, "i") or _on(properties, "iCs")
        character = style_key(_val(properties, f"{W}rStyle") or "")
        bold = bold or character in {"strong", "strong emphasis"}
        italic = italic or character in {"emphasis", "strong emphasis"}
        texts = []
        for child in element:
            if child.tag == f"{W}t":
                texts.append(_own_text(child))
            elif child.tag in {f"{W}tab", f"{W}ptab"}:
                texts.append(" ")
            elif child.tag in {f"{W}br", f"{W}cr"}:
                texts.append("\n")
            elif child.tag in IMAGES or child.tag == ALTERNATIVES:
                self.drawing(child)
            elif child.tag in NOTES:
                self.left_out["notes"] += 1
        return [Run("".join(texts), bold, italic, href)] if texts else []

    def drawing(self, element) -> None:
        """A picture, a shape or a text box in a run, counted once (whatever the versions
        Word wrote of it): as a text box if it holds text, else as an image."""
        boxes = element.iter(f"{W}txbxContent")
        if any(_own_text(t).strip() for box in boxes for t in box.iter(f"{W}t")):
            self.left_out["text_boxes"] += 1
        elif element.tag in IMAGES or next(element.iter(*IMAGES), None) is not None:
            self.left_out["images"] += 1

    def table(self, element) -> Table:
        style_id = _val(element.find(f"{W}tblPr"), f"{W}tblStyle") or ""
        style = self.styles.get(style_id, (style_key(style_id), 0))[0]
        rows = []
        for row in element.findall(f"{W}tr"):
            cells = []
            for cell in row.findall(f"{W}tc"):
                runs: list[Run] = []
                for paragraph in cell.iter(f"{W}p"):
                    if runs:
                        runs.append(Run("\n"))
                    runs += self.runs(paragraph, None)
                cells.append(runs)
            rows.append(cells)
        return Table(rows=rows, style=style)


def number(text, default: int) -> int:
    """A number written in the file's XML; `default` for anything else (a hostile file may
    write "x" where Word writes "2"), never below 0."""
    try:
        return max(0, int(text))
    except (TypeError, ValueError):
        return default


def _heading_level(style: str, outline: int) -> int:
    named = _HEADING.match(style)
    if named:
        return int(named[1])
    return outline if 1 <= outline <= 6 else 0


def _own_text(element) -> str:
    """The text of a `w:t`, an unexpanded entity left out (its neighbours' text kept)."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def _val(properties, tag) -> str | None:
    if properties is None:
        return None
    found = properties.find(tag)
    return found.get(f"{W}val") if found is not None else None


def _on(properties, name: str) -> bool:
    if properties is None:
        return False
    found = properties.find(f"{W}{name}")
    return found is not None and found.get(f"{W}val", "1").lower() not in OFF
