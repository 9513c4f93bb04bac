"""The review exported to .docx and .odt (issue 18, item 1): files opened again with python-docx
and odfpy, their structure asserted exactly (the contract the import reads, design of issue 18)."""

import io

import docx
import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from odf import teletype
from odf.meta import UserDefined
from odf.namespaces import STYLENS
from odf.opendocument import load
from odf.table import TableRow
from odf.text import A, H

from reviews.content import section_counts, snapshot
from reviews.editing import save_part
from reviews.models import GuidingPrinciple, MemberState, Objective, VoluntaryReview
from reviews.selectors import objectives_by_roundtable
from reviews.template import SECTIONS, guidance_for
from reviews.wordfile import UnknownFormat, export_file, identity
from reviews.wordfile.md_runs import blocks
from tests.publishing import draft_review, published_review

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

RICH = (
    "Intro **bold** and *italic* with [a link](https://example.org/plan).\n\n"
    "- first\n  - nested\n\n"
    "1. one\n2. two\n\n"
    "> quoted\n\n"
    "| Year | Arrivals |\n| --- | --- |\n| 2022 | 1200 |\n\n"
    "# Inside heading"
)


def save(review, key, value, by):
    return save_part(review.pk, key, value, by=by, base_version=review.version, kind="save")


@pytest.fixture
def mexico(busy_draft, focal_point):
    """Mexico's draft: five entries (ENTRY, tests/reviews/conftest.py) and a rich section 1."""
    return save(busy_draft, "section-1", {"text": RICH}, focal_point)


def as_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_body(document) -> list[tuple]:
    """The body in order: ("p", style, text) and ("table", style, [[cell text]])."""
    out = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            out.append(("table", item.style.name, rows))
        else:
            out.append(("p", item.style.name, item.text))
    return out


def styled(body, style) -> list[str]:
    return [text for kind, name, text in body if kind == "p" and name == style]


def export_docx(review, **kwargs):
    data, _name, _type = export_file(review, fmt="docx", **kwargs)
    return as_docx(data)


def test_docx_cover_names_the_state_cycle_version_and_status(mexico):
    body = docx_body(export_docx(mexico))
    assert body[0] == ("p", "Title", "Mexico")
    assert styled(body, "GCM Cover") == [
        "International Migration Review Forum 2026",
        "Indicative template for Member States to review the status of implementation of the "
        "GCM at national level, in preparing for the IMRF.",
        f"Version {mexico.version}",
        "Status: Draft",
    ]


def test_docx_sections_in_order_with_guidance_and_limits(mexico):
    body = docx_body(export_docx(mexico))
    assert styled(body, "Heading 1") == [
        "1. Methodology for preparing the voluntary GCM reviews",
        "2. Policy and enabling environment",
        "3. Progress on GCM objectives",
        "4. Means of implementation",
        "5. Next steps",
    ]
    # Section 1's heading, then its two prompts as guidance, then its limit and count.
    start = body.index(("p", "Heading 1", "1. Methodology for preparing the voluntary GCM reviews"))
    prompts = [f"({letter}) {text}" for letter, text in guidance_for(SECTIONS[0], "imrf")]
    assert [text for _k, _s, text in body[start + 1 : start + 3]] == prompts
    assert [style for _k, style, _t in body[start + 1 : start + 3]] == ["GCM Guidance"] * 2
    counts = {c.number: c.words for c in section_counts(snapshot(mexico))}
    assert counts[1] == 20 and counts[3] > 50
    assert styled(body, "GCM Limit") == [
        f"Suggested limit: {limit} words. Now: {counts[n]} words."
        for n, limit in ((1, 500), (2, 1500), (3, 2000), (4, 500), (5, 500))
    ]


def test_docx_objectives_under_their_round_tables_in_order(mexico):
    body = docx_body(export_docx(mexico))
    headings = [(s, t) for k, s, t in body if k == "p" and s in {"Heading 2", "Heading 3"}]
    expected = []
    for table, objectives in objectives_by_roundtable():
        expected.append(("Heading 2", f"Round table {table}"))
        expected += [("Heading 3", f"Objective {o.number}: {o.title}") for o in objectives]
    assert headings == expected
    assert len([h for h in headings if h[0] == "Heading 3"]) == 23
    # All of them after section 3's heading, before section 4's.
    section3 = body.index(("p", "Heading 1", "3. Progress on GCM objectives"))
    section4 = body.index(("p", "Heading 1", "4. Means of implementation"))
    first = body.index(("p", "Heading 2", "Round table 1"))
    assert section3 < first < section4


def test_docx_entry_facts_narrative_and_practice(mexico):
    document = export_docx(mexico)
    body = docx_body(document)
    title = Objective.objects.get(number=5).title
    start = body.index(("p", "Heading 3", f"Objective 5: {title}"))
    principles = "; ".join(
        GuidingPrinciple.objects.get(key=k).name for k in ("human_rights", "whole_of_government")
    )
    assert principles == "Human rights; Whole-of-government approach"
    assert body[start + 1 : start + 6] == [
        ("table", "GCM Entry", [
            ["Status", "Under way"], ["Priority", "2"], ["Guiding principles", principles],
        ]),
        ("p", "Normal", "Data on labour migration is now collected quarterly."),
        ("p", "Heading 4", "Promising practice: One-stop centre"),
        ("p", "Normal", "Advice for returnees."),
        ("p", "GCM Partners", "Partners: IOM"),
    ]  # fmt: skip
    assert document.styles["GCM Entry"].base_style.name == "Table Grid"
    # An objective not written on: not addressed, no priority, no principles.
    title = Objective.objects.get(number=3).title
    start = body.index(("p", "Heading 3", f"Objective 3: {title}"))
    assert body[start + 1] == ("table", "GCM Entry", [
        ["Status", "Not addressed in this review"], ["Priority", "—"],
        ["Guiding principles", "—"],
    ])  # fmt: skip


def test_docx_markdown_becomes_word_structures(mexico):
    document = export_docx(mexico)
    body = docx_body(document)
    start = body.index(("p", "GCM Limit", "Suggested limit: 500 words. Now: 20 words."))
    assert body[start + 1 : start + 9] == [
        ("p", "Normal", "Intro bold and italic with a link."),
        ("p", "List Bullet", "first"),
        ("p", "List Bullet 2", "nested"),
        ("p", "List Number", "one"),
        ("p", "List Number", "two"),
        ("p", "Quote", "quoted"),
        ("table", "Table Grid", [["Year", "Arrivals"], ["2022", "1200"]]),
        ("p", "Heading 4", "Inside heading"),
    ]
    intro = next(p for p in document.paragraphs if p.text.startswith("Intro "))
    runs = [(r.text, r.bold, r.italic) for r in intro.runs]
    assert ("bold", True, None) in runs and ("italic", None, True) in runs
    links = intro._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    relation = document.part.rels[links[0].get(qn("r:id"))]
    assert (relation.reltype, relation.target_ref, relation.is_external) == (
        RELATIONSHIP_TYPE.HYPERLINK,
        "https://example.org/plan",
        True,
    )
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "a link"
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_identity_reads_back_and_a_tampered_one_is_refused(mexico):
    token = export_docx(mexico).core_properties.identifier
    payload = {"d": mexico.pk, "r": None, "v": mexico.version, "k": "national_review"}
    assert identity.read(token) == payload
    value, signature = token.rsplit(":", 1)
    other = signing.dumps({**payload, "d": mexico.pk + 1}, salt=identity.SALT).rsplit(":", 1)[0]
    assert identity.read(f"{other}:{signature}") is None  # another document, same signature
    assert identity.read(f"{value}:{signature[:-2]}xx") is None
    assert identity.read(signing.dumps(payload, salt="elsewhere")) is None
    assert identity.read(signing.dumps({"d": 1}, salt=identity.SALT)) is None
    assert identity.read("") is None
    assert identity.read(None) is None


def test_revision_export_shows_that_revisions_text(mexico, focal_point):
    old = mexico.revisions.order_by("-number").first()
    draft = save(mexico, "section-1", {"text": "The cleared text of today."}, focal_point)
    assert draft.revisions.order_by("-number").first().number == old.number + 1
    body = docx_body(export_docx(draft, revision=old))
    assert ("p", "Normal", "Intro bold and italic with a link.") in body
    assert ("p", "Normal", "The cleared text of today.") not in body
    cover = styled(body, "GCM Cover")
    assert cover[2].startswith(f"Revision {old.number} of ")
    assert identity.read(export_docx(draft, revision=old).core_properties.identifier) == {
        "d": draft.pk, "r": old.number, "v": old.version, "k": "national_review",
    }  # fmt: skip
    now = docx_body(export_docx(draft))
    assert ("p", "Normal", "The cleared text of today.") in now


def test_arabic_review_is_right_to_left_in_docx_and_odt():
    review = draft_review("JOR", language="ar", sections={1: "نص **الاستعراض** هنا."})
    data, _name, _type = export_file(review, fmt="docx")
    document = as_docx(data)
    body = docx_body(document)
    assert body[0] == ("p", "Title", MemberState.objects.get(iso3="JOR").name_ar)
    assert body[0][2] == "الأردن"
    with translation.override("ar"):
        arabic_title = f"1. {SECTIONS[0].title}"
    assert styled(body, "Heading 1")[0] == arabic_title
    paragraphs = list(document.element.body.iter(qn("w:p")))
    assert len(paragraphs) > 100
    assert [p for p in paragraphs if p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is None] == []
    runs = list(document.element.body.iter(qn("w:r")))
    assert [r for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is None] == []
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    lang = document.styles.element.find(f".//{qn('w:rPrDefault')}//{qn('w:lang')}")
    assert (lang.get(qn("w:val")), lang.get(qn("w:bidi"))) == ("ar-SA", "ar-SA")

    data, _name, _type = export_file(review, fmt="odt")
    odt = load(io.BytesIO(data))
    modes = [
        props.getAttrNS(STYLENS, "writing-mode")
        for style in odt.styles.childNodes
        if style.qname[1] in {"style", "default-style"}
        and style.getAttrNS(STYLENS, "family") == "paragraph"
        for props in style.childNodes
        if props.qname[1] == "paragraph-properties"
    ]
    assert len(modes) > 10 and set(modes) == {"rl-tb"}
    assert odt_body(odt)[0] == ("p", "Title", "الأردن")


def test_french_review_headings_are_in_french():
    review = draft_review("FRA", language="fr")
    body = docx_body(export_docx(review))
    assert styled(body, "Heading 1")[2] == (
        "3. Progrès accomplis dans la réalisation des objectifs du Pacte mondial"
    )
    assert body[0] == ("p", "Title", "France")
    assert styled(body, "Heading 2")[0] != "Round table 1"
    with translation.override("fr"):
        assert styled(body, "Heading 1") == [f"{s.number}. {s.title}" for s in SECTIONS]


# --- OpenDocument ------------------------------------------------------------------------


def odt_body(odt) -> list[tuple]:
    """Like `docx_body`, with the styles' display names (LibreOffice's `_20_` decoded)."""
    out = []
    for node in odt.text.childNodes:
        name = node.qname[1]
        if name in {"h", "p"}:
            style = node.getAttribute("stylename").replace("_20_", " ")
            out.append(("p", style, teletype.extractText(node)))
        elif name == "table":
            rows = [
                [teletype.extractText(cell) for cell in row.childNodes]
                for row in node.getElementsByType(TableRow)
            ]
            out.append(("table", node.getAttribute("stylename").replace("_20_", " "), rows))
    return out


def test_odt_has_the_same_structure_and_identity(mexico):
    data, name, content_type = export_file(mexico, fmt="odt")
    assert content_type == "application/vnd.oasis.opendocument.text"
    assert name == f"MEX-imrf-2026-v{mexico.version}.odt"
    odt = load(io.BytesIO(data))
    body = odt_body(odt)
    assert body == docx_body(export_docx(mexico))
    fields = {f.getAttribute("name"): teletype.extractText(f) for f in
              odt.meta.getElementsByType(UserDefined)}  # fmt: skip
    assert identity.read(fields["gcm-portal-id"])["d"] == mexico.pk
    links = odt.text.getElementsByType(A)
    assert [(a.getAttribute("href"), teletype.extractText(a)) for a in links] == [
        ("https://example.org/plan", "a link")
    ]
    levels = [h.getAttribute("outlinelevel") for h in odt.text.getElementsByType(H)]
    assert levels.count("1") == 5 and levels.count("2") == 4 and levels.count("3") == 23


def test_markdown_tree_nests_lists_and_keeps_unsafe_links_as_text():
    tree = blocks("- a\n  - b\n\n[x](//host/share) and <https://ok.org>")
    assert [(b.style, b.text) for b in tree] == [
        ("List Bullet", "a"), ("List Bullet 2", "b"),
        ("Normal", "x and https://ok.org"),
    ]  # fmt: skip
    assert [r.link for r in tree[2].runs] == [None, "https://ok.org"]


def test_unknown_format_is_refused(mexico):
    with pytest.raises(UnknownFormat):
        export_file(mexico, fmt="exe")


# --- the view ----------------------------------------------------------------------------


def url(review, **query):
    base = reverse("reviews:export", args=[review.cycle.slug, review.member_state_id])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_view_gives_docx_and_odt_as_private_attachments(client, mexico, focal_point):
    client.force_login(focal_point)
    response = client.get(url(mexico))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"MEX-imrf-2026-v{mexico.version}.docx"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Cache-Control"] == "private, no-store"
    assert docx_body(as_docx(response.content))[0] == ("p", "Title", "Mexico")
    response = client.get(url(mexico, format="odt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    revision = mexico.revisions.order_by("number").first()
    response = client.get(url(mexico, format="docx", revision=revision.number))
    assert response.status_code == 200
    assert identity.read(as_docx(response.content).core_properties.identifier)["r"] == 1


def test_view_refuses_strangers_and_bad_input(client, mexico, other_focal_point):
    assert client.get(url(mexico)).status_code == 302
    assert "/accounts/login/" in client.get(url(mexico))["Location"]
    client.force_login(other_focal_point)
    assert client.get(url(mexico)).status_code == 404


def test_view_bad_format_and_revision(client, mexico, focal_point):
    client.force_login(focal_point)
    response = client.get(url(mexico, format="exe"))
    assert response.status_code == 400
    assert response.content.decode() == (
        "Choose a file format: .docx (Word) or .odt (OpenDocument)."
    )
    assert client.get(url(mexico, revision=999)).status_code == 404
    assert client.get(url(mexico, revision="abc")).status_code == 400


def test_links_on_the_overview_and_the_history(client, mexico, focal_point):
    client.force_login(focal_point)
    args = [mexico.cycle.slug, mexico.member_state_id]
    page = client.get(reverse("reviews:overview", args=args)).content.decode()
    base = url(mexico)
    assert f'<a href="{base}?format=docx" download>Download for Word (.docx)</a>' in page
    assert f'<a href="{base}?format=odt" download>OpenDocument (.odt)</a>' in page
    page = client.get(reverse("reviews:history", args=args)).content.decode()
    count = VoluntaryReview.objects.get(pk=mexico.pk).revisions.count()
    assert page.count(f'href="{base}?format=docx&amp;revision=') == count
    assert page.count(f'href="{base}?format=odt&amp;revision=') == count


def test_published_review_exports_its_published_revision():
    review = published_review("JOR", sections={1: "The published words."})
    review.refresh_from_db()
    document = export_docx(review)
    assert identity.read(document.core_properties.identifier) == {
        "d": review.pk,
        "r": review.published_revision.number,
        "v": review.published_revision.version,
        "k": "national_review",
    }
    body = docx_body(document)
    assert styled(body, "GCM Cover")[3] == "Status: Published"
    assert ("p", "Normal", "The published words.") in body
