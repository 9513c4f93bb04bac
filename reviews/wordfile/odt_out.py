"""An `Outline` as an OpenDocument text (.odt, odfpy), for LibreOffice and other suites.

The same blocks as the Word file, with the same style names: ODF style names may hold no
spaces, so each is written the way LibreOffice writes them (`GCM_20_Guidance`) with the
contract's name as its display name (`GCM Guidance`). Headings are `text:h` with their outline
level; lists are paragraphs of the `List Bullet`/`List Number` styles, which carry a list style
(the bullet or number); links are `text:a`; bold and italic are spans of named text styles.
Arabic is right to left (`style:writing-mode="rl-tb"` on the paragraph styles and the page);
the default style names the review's language (`fo:language`/`fo:country`, and the complex or
Asian script's language for Arabic and Chinese).
"""

import io

from odf import teletype
from odf.dc import Language, Title
from odf.meta import UserDefined
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import A, H, LineBreak, ListLevelStyleBullet, ListLevelStyleNumber, ListStyle, P, Span

from reviews.wordfile import identity, md_runs
from reviews.wordfile.outline import COVER, ENTRY_TABLE, GUIDANCE, LIMIT, PARTNERS, Outline

CONTENT_TYPE = "application/vnd.oasis.opendocument.text"
CELL_STYLE = "GCM_20_Cell"

# Paragraph styles: display name -> paragraph and text properties.
_PARAGRAPH_LOOKS = {
    "Normal": ({}, {}),
    "Title": ({"margintop": "2cm"}, {"fontsize": "26pt", "fontweight": "bold"}),
    COVER: ({}, {"fontsize": "14pt"}),
    GUIDANCE: ({}, {"fontstyle": "italic", "fontsize": "9pt", "color": "#555555"}),
    LIMIT: ({}, {"fontweight": "bold", "fontsize": "9pt", "color": "#555555"}),
    PARTNERS: ({}, {"fontstyle": "italic"}),
    "Quote": ({"marginleft": "1cm", "marginright": "1cm"}, {"fontstyle": "italic"}),
}
_HEADING_SIZES = {1: "18pt", 2: "16pt", 3: "14pt", 4: "12pt", 5: "11pt", 6: "11pt"}
# Text styles for emphasis: (bold, italic) -> display name.
_EMPHASIS = {
    (True, False): "Strong Emphasis",
    (False, True): "Emphasis",
    (True, True): "GCM Strong Emphasis Italic",
}


def style_name(display: str) -> str:
    """LibreOffice's encoding of a style's name (a space is `_20_`)."""
    return display.replace(" ", "_20_")


def write_odt(plan: Outline) -> bytes:
    """The .odt file's bytes."""
    document = OpenDocumentText()
    _Styles(document, plan).add_all()
    document.meta.addElement(Title(text=plan.title))
    document.meta.addElement(Language(text="-".join(plan.tag)))
    field = UserDefined(name=identity.ODT_FIELD, valuetype="string")
    field.addText(plan.identity)
    document.meta.addElement(field)
    for block in plan.blocks:
        if isinstance(block, md_runs.Table):
            document.text.addElement(_table(block))
        else:
            document.text.addElement(_paragraph(block))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


class _Styles:
    """The named styles of the contract, in the review's language and direction."""

    def __init__(self, document, plan: Outline):
        self.document = document
        self.paragraph_props = {"writingmode": "rl-tb"} if plan.rtl else {}
        language, country = plan.tag
        self.text_props = {"language": language, "country": country}
        if plan.language == "ar":
            self.text_props.update(languagecomplex=language, countrycomplex=country)
        if plan.language == "zh-hans":
            self.text_props.update(languageasian=language, countryasian=country)

    def add_all(self) -> None:
        default = DefaultStyle(family="paragraph")
        default.addElement(ParagraphProperties(**self.paragraph_props))
        default.addElement(TextProperties(**self.text_props))
        self.document.styles.addElement(default)
        for name, (paragraph, text) in _PARAGRAPH_LOOKS.items():
            self._paragraph_style(name, paragraph, text)
        for level, size in _HEADING_SIZES.items():
            self._paragraph_style(
                f"Heading {level}", {}, {"fontsize": size, "fontweight": "bold"}, level=level
            )
        for depth in (1, 2, 3):
            for ordered in (False, True):
                self._list_style(md_runs.list_style(ordered, depth), ordered, depth)
        for (bold, italic), name in _EMPHASIS.items():
            style = Style(name=style_name(name), displayname=name, family="text")
            looks = {"fontweight": "bold"} if bold else {}
            looks.update({"fontstyle": "italic"} if italic else {})
            style.addElement(TextProperties(**looks))
            self.document.styles.addElement(style)
        for name in (md_runs.TEXT_TABLE, ENTRY_TABLE):
            table = Style(name=style_name(name), displayname=name, family="table")
            table.addElement(TableProperties(width="17cm", align="margins"))
            self.document.styles.addElement(table)
        cell = Style(name=CELL_STYLE, family="table-cell")
        cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
        self.document.styles.addElement(cell)
        self._page()

    def _paragraph_style(self, name, paragraph, text, *, level=None, lists=None) -> None:
        attrs = {"name": style_name(name), "displayname": name, "family": "paragraph"}
        if name != "Normal":
            attrs["parentstylename"] = "Normal"
        if level is not None:
            attrs["defaultoutlinelevel"] = level
        if lists is not None:
            attrs["liststylename"] = lists
        style = Style(**attrs)
        style.addElement(ParagraphProperties(**paragraph, **self.paragraph_props))
        if text:
            style.addElement(TextProperties(**text))
        self.document.styles.addElement(style)

    def _list_style(self, name: str, ordered: bool, depth: int) -> None:
        """A paragraph style `name` whose paragraphs are bulleted or numbered, indented by depth."""
        lists = ListStyle(name=style_name(f"GCM {name} list"))
        indent = f"{0.6 * depth:.1f}cm"
        if ordered:
            level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
        else:
            level = ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore=indent, minlabelwidth="0.6cm"))
        lists.addElement(level)
        self.document.styles.addElement(lists)
        self._paragraph_style(name, {"marginleft": indent}, {}, lists=lists.getAttribute("name"))

    def _page(self) -> None:
        layout = PageLayout(name="GCM_Page")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="21cm", pageheight="29.7cm", margin="2cm", **self.paragraph_props
            )
        )
        self.document.automaticstyles.addElement(layout)
        self.document.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))


def _paragraph(block: md_runs.Paragraph):
    name = style_name(block.style)
    if block.style.startswith("Heading "):
        element = H(outlinelevel=int(block.style.split()[1]), stylename=name)
    else:
        element = P(stylename=name)
    _fill(element, block.runs)
    return element


def _fill(element, runs: list[md_runs.Run]) -> None:
    for run in runs:
        if run.br:
            element.addElement(LineBreak())
            continue
        target = element
        if run.link:
            target = A(href=run.link, type="simple")
            element.addElement(target)
        emphasis = _EMPHASIS.get((run.bold, run.italic))
        if emphasis:
            span = Span(stylename=style_name(emphasis))
            target.addElement(span)
            target = span
        teletype.addTextToElement(target, run.text)


def _table(block: md_runs.Table):
    width = max((len(row) for row in block.rows), default=0)
    table = Table(name=style_name(block.style), stylename=style_name(block.style))
    table.addElement(TableColumn(numbercolumnsrepeated=max(width, 1)))
    rows = block.rows
    if block.header and rows:
        header = TableHeaderRows()
        header.addElement(_row(rows[0], width))
        table.addElement(header)
        rows = rows[1:]
    for cells in rows:
        table.addElement(_row(cells, width))
    return table


def _row(cells, width: int):
    row = TableRow()
    for index in range(width):
        cell = TableCell(valuetype="string", stylename=CELL_STYLE)
        paragraph = P(stylename=style_name("Normal"))
        _fill(paragraph, cells[index] if index < len(cells) else [])
        cell.addElement(paragraph)
        row.addElement(cell)
    return row
