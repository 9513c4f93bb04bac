"""What shared caches and the cache of public pages keep: per host, and PDFs only briefly."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from reviews.models import PdfRendition, PdfStatus
from reviews.workflow import unpublish_document
from tests.publishing import published_review, secretariat

pytestmark = pytest.mark.django_db


@pytest.mark.public_cache
@pytest.mark.parametrize(
    "path,link",
    [
        ("/en/reviews/imrf-2026/GHA/", "{host}/en/reviews/imrf-2026/GHA/</bdi></p>"),
        ("/sitemap.xml", "<loc>{host}/en/reviews/imrf-2026/GHA/</loc>"),
        ("/feeds/publications/", '<link href="{host}/en/reviews/imrf-2026/GHA/" rel="alternate"/>'),
    ],
)
def test_a_page_cached_for_one_host_is_not_served_to_another(
    client, django_capture_on_commit_callbacks, path, link
):
    with django_capture_on_commit_callbacks(execute=True):
        published_review("GHA")
    first = client.get(path, HTTP_HOST="localhost").content.decode()
    assert link.format(host="http://localhost") in first
    second = client.get(path, HTTP_HOST="127.0.0.1").content.decode()
    assert link.format(host="http://127.0.0.1") in second
    assert "http://localhost/" not in second


@pytest.mark.public_cache
def test_the_same_host_is_still_served_from_the_cache(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        published_review("GHA")
    client.get("/sitemap.xml", HTTP_HOST="127.0.0.1")
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").status_code == 200


PDF = b"%PDF-1.7\n% a rendered review\n"


@pytest.fixture
def review_with_pdf(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = published_review("GHA")
    pdf, _ = PdfRendition.objects.get_or_create(document_id=review.pk)
    pdf.file.save("pdfs/GHA.pdf", ContentFile(PDF), save=False)
    pdf.hash = hashlib.sha256(PDF).hexdigest()
    pdf.status = PdfStatus.READY
    pdf.save(update_fields=["file", "hash", "status"])
    return review


def test_a_public_pdf_lives_minutes_in_shared_caches_and_is_revalidated(client, review_with_pdf):
    response = client.get("/en/reviews/imrf-2026/GHA/pdf")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, must-revalidate"
    assert response["ETag"] == f'"{review_with_pdf.rendition.hash}"'
    assert b"".join(response.streaming_content) == PDF


def test_a_pdf_unchanged_since_the_readers_copy_answers_304(client, review_with_pdf):
    etag = f'"{review_with_pdf.rendition.hash}"'
    response = client.get("/en/reviews/imrf-2026/GHA/pdf", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, must-revalidate"
    weak = client.get("/en/reviews/imrf-2026/GHA/pdf", HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert weak.status_code == 304


def test_a_changed_pdf_is_sent_whole(client, review_with_pdf):
    response = client.get("/en/reviews/imrf-2026/GHA/pdf", HTTP_IF_NONE_MATCH='"an-old-render"')
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_an_unpublished_pdf_answers_410_even_to_a_revalidating_cache(client, review_with_pdf):
    etag = f'"{review_with_pdf.rendition.hash}"'
    unpublish_document(review_with_pdf, by=secretariat(), comment="Withdrawn by the State.")
    response = client.get("/en/reviews/imrf-2026/GHA/pdf", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 410


@pytest.mark.public_cache
def test_a_cached_api_answer_keeps_its_own_headers_and_its_format(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """A hit answers as the miss did: open to any site (CORS), and a JSON reader never gets the
    CSV another reader asked for with its Accept header (nor the other way round)."""
    with django_capture_on_commit_callbacks(execute=True):
        published_review("GHA")
    client.get("/api/v1/reviews/", HTTP_ACCEPT="text/csv")
    client.get("/api/v1/reviews/")
    with django_assert_num_queries(0):
        as_csv = client.get("/api/v1/reviews/", HTTP_ACCEPT="text/csv")
        as_json = client.get("/api/v1/reviews/", HTTP_ACCEPT="application/json")
    assert as_json["Access-Control-Allow-Origin"] == "*"
    assert as_csv["Access-Control-Allow-Origin"] == "*"
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_json["Content-Type"] == "application/json"
    assert as_json.json()["count"] == 1
