"""The Arabic PDF, rendered for real with WeasyPrint and read back with poppler (issue 15, item
4): the cover's facts stay inside the page, table headers carry their scope, and an English
name inside it is marked lang="en"."""

import re
import shutil
import subprocess

import pytest
from django.utils import formats, translation

from reviews.models import Objective
from reviews.pdf import render_html, render_pdf
from tests.publishing import published_review

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]

ARABIC = "أُعدّ الاستعراض وفق قالب GCM في عام 2022 بمشاركة 14 وزارة."
A4_WIDTH = 595.28  # points
MARGIN = 20 / 25.4 * 72  # the print stylesheet's 20 mm side margins, in points
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">')


@pytest.fixture
def arabic_review():
    # Objective 6 has no sourced Arabic title (English shown), objective 7 has one.
    Objective.objects.filter(number=6).update(title_ar="")
    Objective.objects.filter(number=7).update(title_ar="عنوان الهدف السابع")
    review = published_review(
        "JOR",
        language="ar",
        sections={1: ARABIC},
        objectives={6: ("under_way", ARABIC), 7: ("achieved", ARABIC)},
    )
    review.refresh_from_db()
    return review


def plain(text: str) -> str:
    return re.sub(r"[\s\u064b-\u0652\u200e\u200f\u202a-\u202e]", "", text)


def pdftotext(path, *args) -> str:
    command = ["pdftotext", "-f", "1", "-l", "1", *args, str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_arabic_cover_facts_are_whole_and_inside_the_page(arabic_review, tmp_path):
    path = tmp_path / "review.pdf"
    path.write_bytes(render_pdf(arabic_review, arabic_review.published_revision))
    boxes = [(float(a), float(b)) for a, b in WORD.findall(pdftotext(path, "-bbox"))]
    assert len(boxes) > 20
    # Every word of the cover lies between the side margins (a cut word ran past 595 pt).
    outside = [box for box in boxes if box[0] < MARGIN - 1 or box[1] > A4_WIDTH - MARGIN + 1]
    assert outside == []
    # Text in reading order; poppler wraps runs in bidi controls and moves vowel marks, and
    # splits "26 نوفمبر 2026" at other spaces: compare without them.
    text = plain(pdftotext(path))
    with translation.override("ar"):
        published = formats.date_format(arabic_review.published_at, "DATE_FORMAT")
        expected = [str(translation.gettext("Language of the review")), "العربية",
                    str(translation.gettext("Published")), published]  # fmt: skip
    for fact in expected:
        assert plain(fact) in text, fact


def test_arabic_pdf_source_has_scoped_headers_and_english_names_marked(arabic_review):
    with translation.override("en"):  # whatever the caller's language, the PDF's is Arabic
        html = render_html(arabic_review, arabic_review.published_revision)
    headers = re.findall(r"<th\b[^>]*>", html)
    assert len(headers) == 4 + 23  # the objectives table: 4 columns, one row per objective
    assert [h for h in headers if 'scope="col"' not in h and 'scope="row"' not in h] == []
    english = Objective.objects.get(number=6).title_en
    assert f'<span lang="en" dir="ltr">{english}</span>' in html
    assert html.count(f'<span lang="en" dir="ltr">{english}</span>') == 2  # entry and table
    assert '<span lang="en" dir="ltr">عنوان الهدف السابع</span>' not in html
    assert html.count("عنوان الهدف السابع") == 2
    assert '<html lang="ar" dir="rtl">' in html
