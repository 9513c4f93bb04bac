"""The regional review report's PDF: real WeasyPrint, read back with poppler, and its download."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reviews.models import PdfRendition, PdfStatus
from reviews.rendition import pdfs_to_render, render_review_pdf_now
from tests.regional.publishing import draft_report, published_report, submitted_report

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_CACHE_SECONDS = 0
    return tmp_path


def _bookmarks(outline):
    for item in outline:
        yield from _bookmarks(item) if isinstance(item, list) else [item.title]


def test_the_report_pdf_has_its_cover_sections_and_objectives(
    client, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = published_report(
            "ECE", sections={2: "The summary of the Geneva meeting."}, objectives=[2, 23]
        )
    report.refresh_from_db()
    assert report.rendition.status == PdfStatus.READY
    path = media / report.rendition.file.name
    assert path.name.startswith("ECE-regional-2024-")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Regional review report" in text
    assert "Economic Commission for Europe" in text
    assert "Regional review of the GCM in the ECE region" in text  # the meeting
    assert "The summary of the Geneva meeting." in text
    bookmarks = list(_bookmarks(PdfReader(path).outline))
    assert "(i) Introduction" in bookmarks
    assert "(vi) Annex: organization of work and list of participants" in bookmarks
    # Objective 2 is reviewed at round table 1, objective 23 at round table 4.
    assert [b for b in bookmarks if b.startswith("Round table")] == [
        "Round table 1",
        "Round table 4",
    ]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Author:          Economic Commission for Europe" in info
    response = client.get("/en/regional/regional-2024/ECE/pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'inline; filename="GCM-regional-report-ECE-regional-2024-en.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "/en/regional/regional-2024/ECE/pdf" in client.get(report.get_absolute_url()).text


def test_an_arabic_report_pdf_is_shaped_right_to_left(media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = published_report("ESCWA", language="ar", sections={1: "أعدّ التقرير 14 بلدا"})
    report.refresh_from_db()
    path = media / report.rendition.file.name
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Noto-Naskh-Arabic" in fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "التقرير" in text


def test_the_sweep_selects_regional_documents_too(media):
    report = submitted_report("ECE")  # its render queued, the message lost (never run here)
    draft_report("ECA")
    lost = timezone.now() - timedelta(hours=1)
    PdfRendition.objects.filter(document_id=report.pk).update(requested_at=lost)
    assert pdfs_to_render() == [report.pk]
    assert render_review_pdf_now(report.pk) == "rendered"
    assert pdfs_to_render() == []
