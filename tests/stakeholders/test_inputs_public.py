"""The public side of stakeholders' written inputs: the page and its PDF (real WeasyPrint, read
back), labelled as a stakeholder input with the organisation, category and objectives; the
cycle's pages, search, the Atom feed, the sitemap and the API list them; nothing of a draft or
a submitted text leaks before publication."""

import csv
import io

import pytest
from pypdf import PdfReader

from reviews.editing import save_part
from reviews.models import PdfStatus
from reviews.workflow import revise_document, unpublish_document
from tests.publishing import secretariat
from tests.stakeholders.inputs import published_input, submitted_input

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "Unpublished findings about border pushbacks."
PUBLISHED_TEXT = "Our members see progress on decent work for migrant workers."


@pytest.fixture(autouse=True)
def _no_page_cache(settings, tmp_path):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path


def _published(**kwargs):
    return published_input(
        organization="Migrant Voices",
        organization_website="https://migrantvoices.example.org",
        text=PUBLISHED_TEXT,
        objectives=(6, 16),
        **kwargs,
    )


def test_the_public_page_is_labelled_a_stakeholder_input(client):
    stakeholder_input = _published()
    url = f"/en/inputs/imrf-2026/{stakeholder_input.pk}/"
    assert stakeholder_input.get_absolute_url() == url
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="badge text-bg-info" id="document-kind">Stakeholder input</span>' in page
    assert "<h1>Migrant Voices</h1>" in page
    category = stakeholder_input.category.name
    assert f'<dd class="col-sm-9" id="input-category">{category}</dd>' in page
    assert '<a href="/en/objectives/6/">6</a>, <a href="/en/objectives/16/">16</a>' in page
    assert PUBLISHED_TEXT in page


def test_the_pdf_is_rendered_and_read_back(client, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stakeholder_input = _published()
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.rendition.status == PdfStatus.READY
    response = client.get(f"/en/inputs/imrf-2026/{stakeholder_input.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'inline; filename="GCM-stakeholder-input-{stakeholder_input.pk}-imrf-2026-en.pdf"'
    )
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Stakeholder input" in text
    assert "Migrant Voices" in text
    assert stakeholder_input.category.name in text
    assert PUBLISHED_TEXT in " ".join(text.split())
    assert reader.metadata.author == "Migrant Voices"


def test_the_api_lists_and_details_it_with_its_label(client):
    stakeholder_input = _published()
    listing = client.get("/api/v1/stakeholder-inputs/").json()
    assert listing["count"] == 1
    [row] = listing["results"]
    assert (row["kind"], row["organization"], row["category"], row["objectives"]) == (
        "stakeholder_input",
        "Migrant Voices",
        stakeholder_input.category.key,
        [6, 16],
    )
    assert row["url"] == f"http://testserver/en/inputs/imrf-2026/{stakeholder_input.pk}/"
    detail = client.get(f"/api/v1/stakeholder-inputs/{stakeholder_input.pk}/").json()
    assert [s["text"] for s in detail["sections"]] == [PUBLISHED_TEXT]
    exported = client.get("/api/v1/stakeholder-inputs/?format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert [(r["organization"], r["objectives"]) for r in rows] == [("Migrant Voices", "6; 16")]
    filtered = client.get("/api/v1/stakeholder-inputs/?cycle=imrf-2022").json()
    assert filtered["count"] == 0
    assert client.get("/api/v1/stakeholder-inputs/?category=nope").status_code == 400
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/stakeholder-inputs/{id}/" in schema


def test_the_feed_search_sitemap_and_the_cycle_page_list_it_labelled(client):
    stakeholder_input = _published()
    feed = client.get("/feeds/publications/").content.decode()
    assert "<title>Migrant Voices: stakeholder input, International Migration Review" in feed
    assert f"/en/inputs/imrf-2026/{stakeholder_input.pk}/" in feed
    found = client.get("/en/reviews/?q=decent").content.decode()
    assert f'<a href="/en/inputs/imrf-2026/{stakeholder_input.pk}/">Migrant Voices</a>' in found
    assert "· Stakeholder input ·" in found
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/en/inputs/imrf-2026/{stakeholder_input.pk}/" in sitemap
    coverage = client.get("/en/cycles/imrf-2026/coverage/").content.decode()
    assert f'<a href="/en/inputs/imrf-2026/{stakeholder_input.pk}/">Migrant Voices</a>' in coverage


def test_a_submitted_text_never_leaks(client):
    stakeholder_input = submitted_input(organization="Quiet Voices", text=SECRET_DRAFT)
    assert client.get(f"/en/inputs/imrf-2026/{stakeholder_input.pk}/").status_code == 404
    assert client.get(f"/en/inputs/imrf-2026/{stakeholder_input.pk}/pdf/").status_code == 404
    assert client.get("/api/v1/stakeholder-inputs/").json()["count"] == 0
    detail = client.get(f"/api/v1/stakeholder-inputs/{stakeholder_input.pk}/")
    assert detail.status_code == 404
    for url in ("/en/reviews/?q=border", "/feeds/publications/", "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert "Unpublished findings" not in body
        assert "Quiet Voices" not in body
        assert f"/inputs/imrf-2026/{stakeholder_input.pk}/" not in body


def test_a_new_draft_of_a_published_input_stays_unseen(client):
    stakeholder_input = _published()
    author = stakeholder_input.author
    stakeholder_input = revise_document(stakeholder_input, by=author)
    save_part(
        stakeholder_input.pk,
        "section-1",
        {"text": SECRET_DRAFT},
        by=author,
        base_version=stakeholder_input.version,
        kind="save",
    )
    page = client.get(f"/en/inputs/imrf-2026/{stakeholder_input.pk}/").content.decode()
    assert PUBLISHED_TEXT in page
    assert "pushbacks" not in page
    detail = client.get(f"/api/v1/stakeholder-inputs/{stakeholder_input.pk}/").content.decode()
    assert "pushbacks" not in detail


def test_an_unpublished_input_is_gone(client):
    stakeholder_input = _published()
    unpublish_document(
        stakeholder_input, by=secretariat(), comment="At the organisation's request."
    )
    response = client.get(f"/en/inputs/imrf-2026/{stakeholder_input.pk}/")
    assert response.status_code == 410
    assert "At the organisation&#x27;s request." in response.content.decode()
    assert client.get("/api/v1/stakeholder-inputs/").json()["count"] == 0
    assert client.get("/en/inputs/imrf-2022/1/").status_code == 404
