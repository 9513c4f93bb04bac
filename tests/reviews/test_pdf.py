"""Real WeasyPrint output in the six languages, read back with poppler; the task and download."""

import shutil
import subprocess
import threading
from types import SimpleNamespace

import pytest
from django.utils import translation

from reviews import pdf
from reviews.editing import save_part, start_review
from reviews.models import PdfRendition, PdfStatus, ReviewCycle
from reviews.rendition import render_review_pdf_now
from reviews.workflow import publish_document, submit_document
from tests.factories import FocalPointFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs poppler-utils"),
]

TEXTS = {
    "en": ("GBR", "The review was prepared with civil society and local authorities."),
    "fr": ("FRA", "L'examen a été préparé avec la société civile et les autorités locales."),
    "es": ("ESP", "El examen se preparó con la sociedad civil y las autoridades locales."),
    "ru": ("RUS", "Обзор подготовлен при участии гражданского общества и местных властей."),
    # Arabic mixed with Latin words and digits: a known weak spot of right-to-left shaping.
    "ar": ("JOR", "أُعدّ الاستعراض وفق قالب GCM في عام 2022 بمشاركة 14 وزارة."),
    "zh-hans": ("CHN", "本审查由多个政府部门共同编写"),
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def published_review(language, secretariat_user, capture):
    iso3, text = TEXTS[language]
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id=iso3, user__preferred_language=language).user
    review = start_review(iso3, cycle, by=author)
    details = {"language": language, "stakeholders": [], "part_of_national_plan": False}
    review = save_part(review.pk, "details", details, by=author, base_version=1, kind="save")
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": text}, by=author,
                           base_version=review.version, kind="save")  # fmt: skip
    practice = {"title": "One-stop centre", "description": text, "partners": "IOM"}
    entry = {"status": "under_way", "narrative": text, "principles": [], "practices": [practice]}
    review = save_part(review.pk, "objective-6", entry, by=author, base_version=review.version,
                       kind="save")  # fmt: skip
    with capture(execute=True):
        submit_document(review, by=author)
        review = publish_document(review, by=secretariat_user)
    review.refresh_from_db()
    return review


def fonts_of(path):
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:]]
    # name, type..., emb, sub, uni, object, id: "emb" is the fifth field from the end.
    return [(row[0].split("+")[-1], row[-5]) for row in rows]


@pytest.mark.parametrize("language", list(TEXTS))
def test_pdf_in_every_language_embeds_real_fonts_and_reads_back(
    language, secretariat_user, media, django_capture_on_commit_callbacks
):
    review = published_review(language, secretariat_user, django_capture_on_commit_callbacks)
    assert review.rendition.status == PdfStatus.READY
    path = media / review.rendition.file.name
    fonts = fonts_of(path)
    assert fonts and all(embedded == "yes" for _, embedded in fonts)
    assert all(name.startswith("Noto") for name, _ in fonts), fonts  # no last-resort fallback
    if language == "zh-hans":
        assert any("CJK-SC" in name for name, _ in fonts), fonts  # not the Japanese face
    if language == "ar":
        assert any("Arabic" in name for name, _ in fonts), fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    probes = {"ar": "وزارة", "zh-hans": "政府部门"}
    probe = probes[language] if language in probes else TEXTS[language][1].split()[2]
    assert probe in text
    if language == "en":
        from pypdf import PdfReader

        def titles(outline):
            for item in outline:
                yield from titles(item) if isinstance(item, list) else [item.title]

        bookmarks = list(titles(PdfReader(path).outline))
        assert "1. Methodology for preparing the voluntary GCM reviews" in bookmarks
        assert any(b.startswith("6.") for b in bookmarks)  # the objective entry
        assert "Round table 1" in bookmarks
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    # The State's name in the review's language (UNTERM, fixtures/SOURCES.md §7).
    with translation.override(review.language):
        assert f"Author:          {review.member_state.name}" in info
    assert "Tagged:          yes" in info


def test_rendering_twice_does_nothing_the_second_time(
    secretariat_user, media, django_capture_on_commit_callbacks
):
    review = published_review("en", secretariat_user, django_capture_on_commit_callbacks)
    assert render_review_pdf_now(review.pk) == "up-to-date"
    assert render_review_pdf_now(999_999) == "gone"
    assert len(list((media / "pdfs").iterdir())) == 1


def test_download_has_the_contract_filename_and_caching(
    client, secretariat_user, media, django_capture_on_commit_callbacks
):
    review = published_review("fr", secretariat_user, django_capture_on_commit_callbacks)
    response = client.get("/en/reviews/imrf-2026/FRA/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="GCM-review-FRA-imrf-2026-fr.pdf"'
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, must-revalidate"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    PdfRendition.objects.filter(document_id=review.pk).update(status=PdfStatus.PENDING)
    pending = client.get("/en/reviews/imrf-2026/FRA/pdf")
    assert (pending.status_code, pending["Retry-After"]) == (503, "60")
    assert "being prepared" in client.get("/en/reviews/imrf-2026/FRA/").content.decode()


def test_a_failing_render_is_recorded_for_the_secretariat(
    client, secretariat_user, media, django_capture_on_commit_callbacks, monkeypatch
):
    from reviews import pdf

    review = published_review("en", secretariat_user, django_capture_on_commit_callbacks)
    PdfRendition.objects.filter(document_id=review.pk).update(status=PdfStatus.PENDING, hash="")
    monkeypatch.setattr(pdf, "LAYOUT_VERSION", "broken")
    monkeypatch.setattr(pdf, "render_pdf", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        render_review_pdf_now(review.pk)
    review.refresh_from_db()
    assert (review.rendition.status, review.rendition.attempts) == (PdfStatus.PENDING, 1)
    assert review.rendition.error == "OSError: disk full"
    client.force_login(secretariat_user)
    assert (
        "OSError: disk full"
        in client.get("/en/secretariat/reviews/imrf-2026/GBR/").content.decode()
    )


def test_the_pdf_says_its_language_whatever_the_address_prefix(
    client, secretariat_user, media, django_capture_on_commit_callbacks
):
    # Issue 15: /en/…/pdf of an Arabic review is the Arabic PDF; the answer says so.
    published_review("ar", secretariat_user, django_capture_on_commit_callbacks)
    response = client.get("/en/reviews/imrf-2026/JOR/pdf")
    assert response.status_code == 200
    assert response["Content-Language"] == "ar"
    assert response["Content-Disposition"].endswith('-ar.pdf"')


def test_renders_of_one_thread_share_one_font_configuration_and_threads_do_not(monkeypatch):
    """Fonts load once per worker thread (memory: bench/pdf.py --in-a-row); Pango is not
    thread-safe, so another thread gets its own."""
    used = []
    monkeypatch.setattr(
        pdf.HTML, "write_pdf", lambda self, **kw: used.append(kw["font_config"]) or b""
    )
    monkeypatch.setattr(pdf, "render_html", lambda document, revision: "<p>x</p>")
    document = SimpleNamespace(authored_by="CHN", cycle=SimpleNamespace(slug="imrf-2026"))
    revision = SimpleNamespace(content={"language": "zh-hans"})
    pdf.render_pdf(document, revision)
    pdf.render_pdf(document, revision)
    other = threading.Thread(target=pdf.render_pdf, args=(document, revision))
    other.start()
    other.join()
    assert len(used) == 3
    assert used[0] is used[1]
    assert used[2] is not used[0]
