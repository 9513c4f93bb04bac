"""The review page's table of contents written in Python (reviews.document_html.contents_html)
writes what its former template wrote, to the byte (issue 17, item 2): every language (Arabic
right to left), with and without round tables' practices, published documents and a previous
cycle, titles escaped. bench/review_page.py checks it again on seeded pages."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from reviews.document_html import contents_html
from reviews.template import SECTIONS

FORMER = (
    Path(__file__).resolve().parents[2]
    / "bench/templates/review_page_before/reviews/public/_review_contents.html"
)
LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]


def _page(language, *, practices, attachments, previous):
    return {
        "sections": [{"section": s} for s in SECTIONS],
        "objective_rows": [(1, []), (2, []), (3, []), (4, [])],
        "practices": [
            {"id": "practice-2-1", "title": "Safe <b>routes</b> & more"},
            {"id": "practice-7-2", "title": "Second"},
        ]
        if practices
        else [],
        "language": language,
        "public_attachments": [{"id": 1}] if attachments else [],
        "previous": SimpleNamespace(cycle=SimpleNamespace(title="IMRF <2022> & after"))
        if previous
        else None,
    }


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("practices", [True, False])
@pytest.mark.parametrize("attachments", [True, False])
@pytest.mark.parametrize("previous", [True, False])
def test_contents_are_the_former_template_to_the_byte(code, practices, attachments, previous):
    former = Template(FORMER.read_text())
    review_language = "ar" if code == "en" else "en"
    page = _page(review_language, practices=practices, attachments=attachments, previous=previous)
    with translation.override(code):
        expected = former.render(Context(page))
        assert contents_html(page) == expected
    if previous:
        assert "IMRF &lt;2022&gt; &amp; after" in expected
    if practices:
        assert ">Safe &lt;b&gt;routes&lt;/b&gt; &amp; more</a>" in expected
