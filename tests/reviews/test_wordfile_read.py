"""Reading an uploaded Word or OpenDocument file (issue 18, items 2 and 3): hostile files get a
clear message, macros and external references are ignored, headings match in six languages."""

import io
import socket
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.wordfile.matching import Matcher
from reviews.wordfile.reading import Unmatched, read_file
from reviews.wordfile.to_markdown import canonical
from tests.reviews.test_attachments import zip_with_zeros

UNREADABLE = "This file could not be read as a Word or OpenDocument text: "


def docx_bytes(*blocks) -> bytes:
    """A .docx made with python-docx: ("Heading 1", text) or ("Normal", text) paragraphs."""
    document = docx.Document()
    for style, text in blocks:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewritten(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """The archive with members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, replace.get(info.filename, source.read(info)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def read(draft, data: bytes, name: str = "review.docx"):
    return read_file(SimpleUploadedFile(name, data), document=draft)


def refusal(draft, data: bytes, name: str = "review.docx") -> list[str]:
    with pytest.raises(ValidationError) as raised:
        read(draft, data, name)
    return raised.value.messages


SECTION_2 = ("Heading 1", "2. Policy and enabling environment")


# --- hostile files ---------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_with_the_attachment_rule(draft, tmp_path):
    bomb = zip_with_zeros(
        tmp_path / "bomb.docx",
        member="word/media/image1.bmp",
        megabytes=50,
        extra=[("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")],
    )
    assert refusal(draft, bomb) == [
        "A part of this document is compressed more than 100 to 1; it is refused as unsafe "
        "(a “zip bomb”)."
    ]


def test_a_pdf_is_refused(draft):
    assert refusal(draft, b"%PDF-1.7\n1 0 obj\n", "review.pdf") == [
        "Only .docx and .odt files can be imported."
    ]


def test_a_renamed_program_is_refused(draft):
    assert refusal(draft, b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), "review.docx") == [
        "Only .docx and .odt files can be imported."
    ]


def test_a_truncated_docx_is_unreadable(draft):
    data = docx_bytes(SECTION_2, ("Normal", "Text."))
    assert refusal(draft, data[: len(data) // 2]) == [UNREADABLE + "it is damaged."]


def test_an_encrypted_or_old_word_file_is_unreadable(draft):
    assert refusal(draft, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) == [
        UNREADABLE + "it is encrypted, or in the old .doc format; save it as .docx or .odt."
    ]


def test_a_docx_whose_text_is_not_xml_is_unreadable(draft):
    data = rewritten(docx_bytes(SECTION_2), {"word/document.xml": b"this is <not xml"})
    assert refusal(draft, data) == [UNREADABLE + "its text is not well-formed XML."]


def test_an_odt_whose_content_is_not_xml_is_unreadable(draft):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content><broken")
    assert refusal(draft, out.getvalue(), "review.odt") == [
        UNREADABLE + "its text is not well-formed XML."
    ]


def test_an_external_entity_is_never_resolved(draft):
    data = docx_bytes(SECTION_2, ("Normal", "Before ENTITY after."))
    xml = member(data, "word/document.xml").decode()
    doctype = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    xml = xml.replace("ENTITY", "&x;").replace("?>", "?>" + doctype, 1)
    found = read(draft, rewritten(data, {"word/document.xml": xml.encode()}))
    assert found.parts["section-2"] == {"text": "Before  after."}  # the entity left out
    assert "root:" not in repr(found)


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>%(doctype)s
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:h text:outline-level="1">2. Policy and enabling environment</text:h>
<text:p>Before %(entity)s after.</text:p></office:text></office:body></office:document-content>"""


def odt_bytes(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return out.getvalue()


def test_an_external_entity_in_an_odt_is_never_resolved(draft):
    doctype = '<!DOCTYPE office:document-content [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    found = read(draft, odt_bytes(ODT_CONTENT % {"doctype": doctype, "entity": "&x;"}), "r.odt")
    assert found.parts == {"section-2": {"text": "Before  after."}}
    assert "root:" not in repr(found)


def test_nonsense_numbers_in_the_xml_are_read_as_nothing_special(draft):
    data = docx_bytes(SECTION_2, ("Normal", "ITEM"))
    xml = member(data, "word/document.xml").decode()
    nonsense = (
        '<w:pPr><w:outlineLvl w:val="x"/><w:numPr><w:ilvl w:val="banana"/>'
        '<w:numId w:val="999"/></w:numPr></w:pPr><w:r><w:t>ITEM</w:t></w:r>'
    )
    xml = xml.replace("<w:pPr/><w:r><w:t>ITEM</w:t></w:r>", nonsense)
    found = read(draft, rewritten(data, {"word/document.xml": xml.encode()}))
    assert found.parts == {"section-2": {"text": "- ITEM"}}


def test_an_odt_asking_for_a_billion_spaces_gets_a_hundred(draft):
    content = ODT_CONTENT.replace('text:outline-level="1"', 'text:outline-level="x"')
    entity = '<text:s text:c="999999999"/>'
    found = read(draft, odt_bytes(content % {"doctype": "", "entity": entity}), "r.odt")
    assert found.parts == {"section-2": {"text": "Before" + " " * 102 + "after."}}


def test_a_macro_is_neither_run_nor_read(draft, monkeypatch):
    data = docx_bytes(SECTION_2, ("Normal", "Cleared text."))
    types = member(data, "[Content_Types].xml").replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    docm = rewritten(
        data,
        {"[Content_Types].xml": types},
        {"word/vbaProject.bin": b'\xd0\xcf\x11\xe0 Sub AutoOpen() Shell("calc") End Sub'},
    )
    opened = []
    real_open = zipfile.ZipFile.open

    def recording_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    found = read(draft, docm, "review.docm")
    assert found.parts == {"section-2": {"text": "Cleared text."}}
    assert "word/vbaProject.bin" not in opened


def test_external_references_are_never_fetched(draft, monkeypatch):
    data = docx_bytes(SECTION_2, ("Normal", "FIELD"))
    xml = member(data, "word/document.xml").decode()
    field = (
        '<w:fldSimple w:instr="INCLUDETEXT &quot;http://127.0.0.1:9/x.docx&quot;">'
        "<w:r><w:t>cached result</w:t></w:r></w:fldSimple>"
        '<w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' r:link="rIdRemote"/></w:drawing></w:r>'
    )
    xml = xml.replace("<w:r><w:t>FIELD</w:t></w:r>", field)
    rels = member(data, "word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="http://127.0.0.1:9/image.png" '
        b'TargetMode="External"/></Relationships>',
    )
    settings_rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        b'Target="http://127.0.0.1:9/template.dotm" TargetMode="External"/></Relationships>'
    )
    edited = rewritten(
        data,
        {"word/document.xml": xml.encode(), "word/_rels/document.xml.rels": rels},
        {"word/_rels/settings.xml.rels": settings_rels},
    )
    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(1))
    found = read(draft, edited)
    assert found.parts == {"section-2": {"text": "cached result"}}
    assert found.warnings == ["1 image was left out: images are not imported."]
    assert connections == []


# --- what is not imported is said ------------------------------------------------------------

BOXED = "<w:p><w:r><w:t>Boxed fact.</w:t></w:r></w:p>"
TEXT_BOX = (  # as Word writes one: DrawingML, and VML for older readers, the same text in both
    '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
    '2006"><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.'
    f'com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>{BOXED}'
    "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    f'<v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>{BOXED}'
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)
NOTES_LEFT_OUT = (
    "2 footnotes or endnotes were left out: notes are not imported. Copy what they say into "
    "the text if it should be in the review."
)
TEXT_BOX_LEFT_OUT = (
    "1 text box was left out: text boxes are not imported. Copy its text into the body of the "
    "document if it should be in the review."
)


def docx_with(runs: str) -> bytes:
    """A .docx of section 2 whose one paragraph holds `runs` (WordprocessingML)."""
    data = docx_bytes(SECTION_2, ("Normal", "BODY"))
    xml = member(data, "word/document.xml").decode().replace("<w:r><w:t>BODY</w:t></w:r>", runs)
    return rewritten(data, {"word/document.xml": xml.encode()})


def test_footnotes_and_text_boxes_left_out_of_a_docx_are_said(draft):
    runs = (
        '<w:r><w:t xml:space="preserve">Before </w:t></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r>'
        f'{TEXT_BOX}<w:r><w:t xml:space="preserve">after.</w:t></w:r>'
        '<w:r><w:endnoteReference w:id="2"/></w:r>'
        "<w:r><w:drawing/></w:r>"  # a picture
    )
    found = read(draft, docx_with(runs))
    assert found.parts == {"section-2": {"text": "Before after."}}
    assert found.warnings == [
        "1 image was left out: images are not imported.",
        NOTES_LEFT_OUT,
        TEXT_BOX_LEFT_OUT,
    ]


def test_an_empty_text_box_is_a_shape_not_lost_text(draft):
    shape = TEXT_BOX.replace("Boxed fact.", " ")
    found = read(draft, docx_with(f"<w:r><w:t>Text.</w:t></w:r>{shape}"))
    assert found.warnings == ["1 image was left out: images are not imported."]


ODT_WITH_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><office:body><office:text>
<draw:frame text:anchor-type="page"><draw:text-box><text:p>On the page.</text:p></draw:text-box>
</draw:frame>
<text:h text:outline-level="1">2. Policy and enabling environment</text:h>
<text:p>Before<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
<text:note-body><text:p>Source: survey.</text:p></text:note-body></text:note> after.<text:note
 text:note-class="endnote"><text:note-body><text:p>More.</text:p></text:note-body></text:note>
<draw:frame><draw:text-box><text:p>Boxed fact.</text:p></draw:text-box></draw:frame>
<draw:frame><draw:image/></draw:frame></text:p></office:text></office:body>
</office:document-content>"""


def test_footnotes_and_text_boxes_left_out_of_an_odt_are_said(draft):
    found = read(draft, odt_bytes(ODT_WITH_NOTES), "r.odt")
    assert found.parts == {"section-2": {"text": "Before after."}}
    assert found.warnings == [
        "1 image was left out: images are not imported.",
        NOTES_LEFT_OUT,
        TEXT_BOX_LEFT_OUT.replace("1 text box was", "2 text boxes were").replace(
            "Copy its text", "Copy their text"
        ),
    ]


# --- headings --------------------------------------------------------------------------------


def test_unknown_headings_and_text_before_the_first_heading_are_unmatched(draft):
    data = docx_bytes(
        ("Normal", "Foreword by the minister."),
        SECTION_2,
        ("Normal", "Policy text."),
        ("Heading 1", "Annex: statistical tables"),
        ("Normal", "Table notes."),
        ("Heading 2", "Acknowledgements"),
    )
    found = read(draft, data)
    assert found.parts == {"section-2": {"text": "Policy text."}}
    assert found.unmatched == [
        Unmatched("", "Foreword by the minister."),
        Unmatched("Annex: statistical tables", "Table notes."),
        Unmatched("Acknowledgements", ""),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "III. POLICY AND ENABLING ENVIRONMENT",
        "2) policy and enabling environment",
        "Section 2 - Policy and enabling environment",
        "2. Politiques et environnement favorable",
        "二、政策和有利环境",
    ],
)
def test_section_headings_match_despite_numbering_case_and_language(db, heading):
    assert Matcher().section(heading) == 2


@pytest.mark.parametrize(
    "heading",
    ["Objectif 5 : Fournir des informations", "الهدف 5", "الهدف ٥", "目标5：提供信息", "Цель 5."],
)
def test_objective_headings_match_in_any_language(db, heading):
    assert Matcher().objective(heading) == 5


def test_a_heading_naming_nothing_matches_nothing(db):
    matcher = Matcher()
    assert (matcher.section("Statistical annex"), matcher.objective("Objectives met")) == (
        None,
        None,
    )


def test_an_entry_table_in_french_with_an_unknown_status_keeps_the_drafts(draft):
    document = docx.Document()
    document.add_paragraph("Objectif 5 : Fournir des informations", style="Heading 3")
    table = document.add_table(rows=3, cols=2)
    rows = [("Statut", "Bientôt"), ("Priorité", "3"), ("Principes directeurs", "Droits de l’homme")]
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Narrative.")
    out = io.BytesIO()
    document.save(out)
    found = read(draft, out.getvalue())
    assert found.parts == {
        "objective-5": {
            "status": "not_addressed",
            "priority": 3,
            "narrative": "Narrative.",
            "principles": ["human_rights"],
            "practices": [],
        }
    }
    assert found.warnings == [
        "Objective 5: the status “Bientôt” is not one of the portal's; the draft's status was kept."
    ]


# --- canonical Markdown ----------------------------------------------------------------------

CANONICAL = [
    ("a\nb", "a b"),
    ("a  \nb", "a\\\nb"),
    ("* x\n* y\n\n1. one\n1. two", "- x\n- y\n\n1. one\n2. two"),
    ("__bold__ _it_", "**bold** *it*"),
    ("[https://un.org](https://un.org) [x](//host/share)", "https://un.org x"),
    ("|a|b|\n|-|:-:|\n|1|2 \\| 3|", "| a | b |\n| --- | --- |\n| 1 | 2 \\| 3 |"),
    ("# Title\n\n#### deep", "# Title\n\n### deep"),
    ("5 * 3, snake_case", "5 \\* 3, snake_case"),
    ("1\\. not a list", "1\\. not a list"),
]


@pytest.mark.parametrize(("source", "expected"), CANONICAL)
def test_canonical_markdown(source, expected):
    assert canonical(source) == expected
    assert canonical(expected) == expected


def test_what_is_left_out_is_said_in_the_readers_language(draft):
    from django.utils import translation

    with translation.override("fr"):
        found = read(draft, odt_bytes(ODT_WITH_NOTES), "r.odt")
    assert found.warnings[1:] == [
        "2 notes de bas de page ou de fin ont été omises : les notes ne sont pas importées. "
        "Copiez leur contenu dans le texte s’il doit figurer dans l’examen.",
        "2 zones de texte ont été omises : les zones de texte ne sont pas importées. Copiez "
        "leur texte dans le corps du document s’il doit figurer dans l’examen.",
    ]
