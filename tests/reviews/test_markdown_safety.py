"""Links in review texts cannot be turned against readers: only absolute http(s) and mailto
links become links, on the web page and in the PDF (where WeasyPrint once resolved a relative
link against its base directory into a `file://` link); any other is its plain text."""

import io
import re

import pytest

from reviews.markdown import render_markdown
from tests.publishing import published_review

SOURCE = "\n\n".join(
    [
        "Read [the annex](../../etc/passwd) and [the share](//fileserver/share).",
        "Also [a page](/en/secretariat/) and [a file](file:///etc/passwd).",
        "And [an anchor](#section-1), [odd](http:/no-host), [odd too](https:\\\\evil).",
        "A reference [note][n] and an image ![chart](../chart.png).",
        "[n]: ../secret",
        "Kept: [the report](https://example.org/report), www.example.org and "
        "[write to us](mailto:focal@example.org).",
    ]
)
ALLOWED = ["https://example.org/report", "http://www.example.org", "mailto:focal@example.org"]


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("[x](../../etc/passwd)", "<p>x</p>\n"),
        ("[x](//host/share)", "<p>x</p>\n"),
        ("[x](/path)", "<p>x</p>\n"),
        ("[x](#part)", "<p>x</p>\n"),
        ("[x](https:\\\\host)", "<p>x</p>\n"),
        ("[**bold** x](../a)", "<p><strong>bold</strong> x</p>\n"),
        ("![x](../a.png)", "<p>!x</p>\n"),
        (
            "[x](https://example.org/a)",
            '<p><a href="https://example.org/a" rel="nofollow noopener noreferrer">x</a></p>\n',
        ),
    ],
)
def test_only_absolute_web_and_mail_links_are_links(source, html):
    assert render_markdown(source) == html


def test_a_text_with_every_kind_of_link_keeps_only_the_allowed_ones():
    html = render_markdown(SOURCE)
    assert hrefs(html) == ALLOWED
    assert "<p>Read the annex and the share.</p>" in html
    assert "A reference note and an image !chart.</p>" in html


@pytest.mark.django_db
def test_review_page_and_pdf_carry_no_relative_or_file_link(client):
    from pypdf import PdfReader

    from reviews.pdf import render_pdf

    review = published_review("GHA", sections={2: SOURCE})
    page = client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    section = page[page.index('id="section-2"') : page.index('id="section-3"')]
    assert hrefs(section) == ALLOWED
    assert "Read the annex and the share." in section

    pdf = PdfReader(io.BytesIO(render_pdf(review, review.published_revision)))
    uris = [
        str(action["/URI"])
        for pdf_page in pdf.pages
        for annotation in pdf_page.get("/Annots") or []
        if "/URI" in (action := annotation.get_object().get("/A") or {})
    ]
    assert uris == ALLOWED
