"""Fonts read on demand (issue 17, item 5, reviews/pdf_fonts.py): a Chinese render holds no copy
of a whole Noto Sans CJK file, and the PDF is byte for byte what WeasyPrint writes by itself.
Peak RSS and times are measured by bench/pdf.py --in-a-row, not here."""

import os
import shutil
import subprocess
import tracemalloc

import pytest
from weasyprint import HTML

from reviews import pdf, pdf_fonts
from tests.publishing import published_review

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("fc-match"), reason="needs fontconfig"),
]

CHINESE = "本审查由多个政府部门共同编写。国家计划加强正常移民渠道并保护移民工人的权利。"


@pytest.fixture
def whole_fonts_afterwards():
    """Whatever a test switches, later tests render the portal's way again."""
    yield
    pdf_fonts.read_fonts_on_demand()


def cjk_file_size() -> int:
    """The smaller of the two Noto Sans CJK files a Chinese PDF uses (regular: 19 MB)."""
    out = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return os.path.getsize(out.stdout)


@pytest.fixture
def chinese_review():
    review = published_review("CHN", language="zh-hans", sections={1: CHINESE},
                              objectives={6: ("under_way", CHINESE)})  # fmt: skip
    review.refresh_from_db()
    return review, pdf.pdf_revision(review)


def python_peak_of_render(review, revision) -> int:
    """The most memory Python objects held at once during the render (bytes copies included)."""
    pdf.render_pdf(review, revision)  # fonts and layout caches loaded: only the render counts
    tracemalloc.start()
    try:
        pdf.render_pdf(review, revision)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_chinese_render_holds_no_copy_of_a_whole_font_file(chinese_review):
    # WeasyPrint by itself copies both CJK files whole (39 MB): more than one file's size.
    assert python_peak_of_render(*chinese_review) < cjk_file_size()


def test_the_chinese_pdf_is_byte_for_byte_what_weasyprint_writes_by_itself(
    chinese_review, whole_fonts_afterwards
):
    on_demand = pdf.render_pdf(*chinese_review)
    pdf_fonts.copy_fonts_whole()
    assert pdf.render_pdf(*chinese_review) == on_demand


def test_a_font_embedded_whole_is_the_whole_file_as_before(whole_fonts_afterwards):
    """Without subsetting the view is copied into bytes before the PDF is written."""
    page = HTML(string='<p lang="zh-Hans" style="font-family: Noto Sans CJK SC">政府部门</p>')
    on_demand = page.write_pdf(full_fonts=True, font_config=pdf.font_config())
    pdf_fonts.copy_fonts_whole()
    whole = page.write_pdf(full_fonts=True, font_config=pdf.font_config())
    assert len(on_demand) > cjk_file_size() // 2  # the font is in it (compressed)
    assert on_demand == whole
