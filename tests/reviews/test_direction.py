"""Direction and language of every part of a page about a document (issue 15, item 3): the
headings and labels are the interface's, the document's text its own; arrows turn round right
to left; addresses read left to right inside any text; Arabic dates in CLDR's order."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import dateformat, formats, translation

from reviews.models import PdfRendition, PdfStatus
from reviews.workflow import submit_document
from tests.publishing import draft_review, published_review, secretariat

pytestmark = pytest.mark.django_db

ARABIC = "نص عربي عن الهجرة"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_arabic_review_read_in_english_has_english_headings_and_arabic_text(client):
    published_review(
        "JOR", language="ar", sections={1: ARABIC}, objectives={6: ("under_way", ARABIC)}
    )
    html = page(client, "/en/reviews/imrf-2026/JOR/")
    heading = re.search(r'<section id="section-1">\s*<h2 ([^>]*)>1\. ', html)
    assert heading and heading.group(1) == 'lang="en" dir="ltr"'
    assert f'<div class="document-text" lang="ar" dir="rtl"><p>{ARABIC}</p>\n</div>' in html
    assert re.search(r'<h3 id="round-table-2" lang="en" dir="ltr">Round table 2</h3>', html)
    assert re.search(r'<h4 lang="en" dir="ltr">6\. ', html)
    assert html.count('<div class="document-text" lang="ar" dir="rtl">') == 6  # 5 sections, 1 entry


def test_english_review_read_in_arabic_has_arabic_headings_and_english_text(client):
    published_review("GHA", language="en", sections={2: "English text."})
    html = page(client, "/ar/reviews/imrf-2026/GHA/")
    heading = re.search(r'<section id="section-2">\s*<h2 ([^>]*)>2\. ', html)
    assert heading and heading.group(1) == 'lang="ar" dir="rtl"'
    assert '<div class="document-text" lang="en" dir="ltr"><p>English text.</p>\n</div>' in html


def test_preview_and_moderation_page_mark_headings_and_text_apart(client):
    review = draft_review("JOR", language="ar", sections={1: ARABIC})
    client.force_login(review.author)
    html = page(client, "/en/workspace/imrf-2026/JOR/preview/")
    assert re.search(r'<h2 lang="en" dir="ltr">1\. ', html)
    assert f'<div class="document-text" lang="ar" dir="rtl"><p>{ARABIC}</p>\n</div>' in html
    submit_document(review, by=review.author)
    client.force_login(secretariat())
    html = page(client, "/en/secretariat/reviews/imrf-2026/JOR/")
    assert re.search(r'<h2 lang="en" dir="ltr">1\. ', html)
    assert f'<div class="document-text" lang="ar" dir="rtl"><p>{ARABIC}</p>\n</div>' in html
    # The history's "Draft → Submitted" draws its arrow with a class turned round in Arabic.
    assert 'Draft <span class="arrow-forward">→</span> Submitted' in html


def test_arrows_turn_round_right_to_left(client):
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    assert ".arrow-forward:dir(rtl), .arrow-back:dir(rtl) { transform: scaleX(-1); }" in css
    html = page(client, "/ar/objectives/6/")
    assert 'rel="prev"><span class="arrow-back">←</span> ' in html
    assert '<span class="arrow-forward">→</span></a>' in html
    assert html.count("←") == html.count("→") == 1  # no arrow outside its span


def test_citation_address_is_isolated_left_to_right(client):
    published_review("JOR", language="ar", sections={1: ARABIC})
    html = page(client, "/ar/reviews/imrf-2026/JOR/")
    assert (
        '<bdi dir="ltr" class="citation-url">http://testserver/ar/reviews/imrf-2026/JOR/</bdi>'
        in html
    )


def test_arabic_dates_follow_cldr_order_with_the_arabic_comma():
    moment = datetime.datetime(2026, 11, 26, 14, 42)
    with translation.override("ar"):
        assert formats.date_format(moment.date(), "DATE_FORMAT") == "26 نوفمبر 2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "26 نوفمبر 2026، 2:42 م"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == (
            "26\u200f/11\u200f/2026، 2:42 م"
        )
    with translation.override("en"):  # the UN order of issue 14 is untouched
        assert formats.date_format(moment, "DATETIME_FORMAT") == "26 November 2026, 14:42"


def test_arabic_page_dates_have_no_latin_comma(client):
    review = published_review("JOR", language="ar", sections={1: ARABIC})
    html = page(client, "/ar/reviews/imrf-2026/JOR/")
    with translation.override("ar"):
        expected = dateformat.format(review.first_published_at, "j F Y")
    assert f"{expected}" in html and f"{expected[:-5]}، " not in html


def test_pdf_link_names_the_pdf_language_and_says_it_differs(client):
    review = published_review("JOR", language="ar", sections={1: ARABIC})
    PdfRendition.objects.filter(document=review).update(status=PdfStatus.READY)
    html = page(client, "/en/reviews/imrf-2026/JOR/")
    assert 'hreflang="ar" type="application/pdf">Download the PDF (Arabic)</a>' in html
    assert "This review was written in Arabic; the PDF is in Arabic." in html
    html = page(client, "/ar/reviews/imrf-2026/JOR/")
    assert "This review was written in" not in html and 'hreflang="ar"' in html
