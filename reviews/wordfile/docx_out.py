"""An `Outline` as a Word file (.docx, python-docx).

Styles the contract names and the default template lacks are created (`GCM Guidance`,
`GCM Limit`, `GCM Cover`, `GCM Partners`, the table style `GCM Entry`): Word shows them in its
style list, and the import recognises the template's own paragraphs by them. Links are real
`w:hyperlink` elements whose address is an external relationship (what Word itself writes), so
Word opens them and the import reads them back. Arabic is right to left throughout: `w:bidi` on
every paragraph, `w:rtl` on every run, and a right-to-left section; the document's default
language is the review's (`w:lang`, with `w:bidi` for Arabic and `w:eastAsia` for Chinese, so
Word checks spelling and picks fonts for the right script).
"""

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from reviews.wordfile.md_runs import Paragraph, Run, Table
from reviews.wordfile.outline import COVER, ENTRY_TABLE, GUIDANCE, LIMIT, PARTNERS, Outline

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GREY = RGBColor(0x55, 0x55, 0x55)
LINK_BLUE = RGBColor(0x05, 0x63, 0xC1)


def write_docx(plan: Outline) -> bytes:
    """The .docx file's bytes."""
    document = docx.Document()
    _add_styles(document)
    _set_language(document, plan)
    properties = document.core_properties
    properties.title = plan.title
    properties.language = "-".join(plan.tag)
    properties.identifier = plan.identity
    for block in plan.blocks:
        if isinstance(block, Table):
            _table(document, block, plan.rtl)
        else:
            _paragraph(document, block, plan.rtl)
    if plan.rtl:
        for section in document.sections:
            _insert_before(section._sectPr, "w:bidi", _SECTION_AFTER_BIDI)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_styles(document) -> None:
    """The contract's styles, made when the template has none of that name."""
    styles = document.styles
    names = {style.name for style in styles}
    looks = {
        COVER: {"size": Pt(14)},
        GUIDANCE: {"italic": True, "color": GREY, "size": Pt(9)},
        LIMIT: {"bold": True, "color": GREY, "size": Pt(9)},
        PARTNERS: {"italic": True},
    }
    for name, look in looks.items():
        if name in names:
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
        font = style.font
        font.italic = look.get("italic")
        font.bold = look.get("bold")
        font.size = look.get("size")
        if "color" in look:
            font.color.rgb = look["color"]
    if ENTRY_TABLE not in names:
        entry = styles.add_style(ENTRY_TABLE, WD_STYLE_TYPE.TABLE)
        entry.base_style = styles["Table Grid"]


def _set_language(document, plan: Outline) -> None:
    """The default language of every run (docDefaults), for spelling and the script's fonts."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = _child(defaults, "w:rPrDefault")
    properties = _child(run_defaults, "w:rPr")
    lang = _child(properties, "w:lang")
    tag = "-".join(plan.tag)
    lang.set(qn("w:val"), tag)
    if plan.language == "ar":
        lang.set(qn("w:bidi"), tag)
    if plan.language == "zh-hans":
        lang.set(qn("w:eastAsia"), tag)


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _paragraph(container, block: Paragraph, rtl: bool) -> None:
    paragraph = container.add_paragraph(style=block.style)
    if rtl:
        _insert_before(paragraph._p.get_or_add_pPr(), "w:bidi", _PARAGRAPH_AFTER_BIDI)
    _fill(paragraph, block.runs, rtl)


def _fill(paragraph, runs: list[Run], rtl: bool) -> None:
    for run in runs:
        if run.br:
            element = paragraph.add_run()._r
            element.append(OxmlElement("w:br"))
        elif run.link:
            element = _hyperlink(paragraph, run)
        else:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None
            element = added._r
        if rtl:
            for r in [element] if element.tag == qn("w:r") else element.findall(qn("w:r")):
                r.get_or_add_rPr().get_or_add_rtl()


def _hyperlink(paragraph, run: Run):
    """A `w:hyperlink` to an external relationship, holding one run styled as a link."""
    rel_id = paragraph.part.relate_to(run.link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    inner = paragraph.add_run(run.text)
    inner.bold = run.bold or None
    inner.italic = run.italic or None
    inner.font.underline = True
    inner.font.color.rgb = LINK_BLUE
    # add_run put the run in the paragraph: move it into the link.
    link.append(inner._r)
    paragraph._p.append(link)
    return link


def _table(document, block: Table, rtl: bool) -> None:
    width = max((len(row) for row in block.rows), default=0)
    if not width:
        return
    table = document.add_table(rows=len(block.rows), cols=width)
    table.style = document.styles[block.style]
    if rtl:
        _insert_before(table._tbl.tblPr, "w:bidiVisual", _TABLE_AFTER_BIDI)
    for cells, row in zip(block.rows, table.rows, strict=True):
        for runs, cell in zip(cells, row.cells, strict=False):
            paragraph = cell.paragraphs[0]
            if rtl:
                _insert_before(paragraph._p.get_or_add_pPr(), "w:bidi", _PARAGRAPH_AFTER_BIDI)
            _fill(paragraph, runs, rtl)
    if block.header:
        # Marked, not made bold: bold would come back from the import as `**…**`.
        _repeat_header(table.rows[0])


def _repeat_header(row) -> None:
    """Mark the first row as the table's header (repeated on each page, read as a header)."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


# What follows `w:bidi` (or `w:bidiVisual`) in its parent, in the schema's order: Word refuses
# a file whose properties are out of order, so the element goes before the first of these.
_PARAGRAPH_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_SECTION_AFTER_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_TABLE_AFTER_BIDI = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def _insert_before(parent, tag: str, successors: tuple[str, ...]) -> None:
    """Add an empty `tag` to `parent` at its place in the schema's order (once)."""
    if parent.find(qn(tag)) is not None:
        return
    element = OxmlElement(tag)
    names = {qn(name) for name in successors}
    for child in parent:
        if child.tag in names:
            child.addprevious(element)
            return
    parent.append(element)
