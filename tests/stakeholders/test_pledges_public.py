"""The public side of pledges: the page with its history, the list and its filters, the API
and its CSV, the feed, the sitemap and search; nothing of a draft leaks; a progress report
through a new version shows both published versions."""

import csv
import io

import pytest

from reviews.models import ReviewStatus
from reviews.workflow import (
    publish_document,
    revise_document,
    submit_document,
    unpublish_document,
)
from stakeholders.models import Pledge
from tests.publishing import secretariat
from tests.stakeholders.pledging import WHAT, drafted_pledge, published_pledge, save

pytestmark = pytest.mark.django_db

SECRET = "Confidential budget line for deportation flights."


@pytest.fixture(autouse=True)
def _no_page_cache(settings, tmp_path):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path


def test_the_published_pledge_has_its_page(client):
    pledge = published_pledge()
    url = f"/en/pledges/{pledge.reference}/"
    assert pledge.get_absolute_url() == url
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="badge text-bg-info" id="document-kind">GCM pledge</span>' in page
    assert 'dir="ltr">Fair recruitment centres</h1>' in page
    assert WHAT in page
    assert '<a href="/en/objectives/6/">6</a>, <a href="/en/objectives/16/">16</a>' in page
    assert page.count('class="history-entry"') == 1


def test_a_draft_or_submitted_pledge_leaks_nowhere(client):
    draft = drafted_pledge(title=SECRET)
    submitted = drafted_pledge(title=SECRET)
    submitted = submit_document(submitted, by=submitted.author)
    for pledge in (draft, submitted):
        assert client.get(f"/en/pledges/{pledge.reference}/").status_code == 404
    for url in ("/en/pledges/", "/api/v1/pledges/", "/api/v1/pledges/?format=csv",
                "/feeds/publications/", "/sitemap.xml", "/en/reviews/?q=deportation"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
        assert draft.reference not in response.content.decode(), url
    assert client.get(f"/api/v1/pledges/{draft.reference}/").status_code == 404


def test_a_new_draft_of_a_published_pledge_leaks_nowhere(client):
    pledge = published_pledge()
    author = pledge.author
    pledge = revise_document(pledge, by=author)
    pledge = save(pledge, "section-1", {"text": SECRET}, by=author)
    pledge = save(pledge, "details", {**_details(pledge), "title": SECRET, "objectives": [1]},
                  by=author)  # fmt: skip
    page = client.get(f"/en/pledges/{pledge.reference}/").content.decode()
    assert SECRET not in page
    assert WHAT in page
    # Filters read the published revision: objective 1 is only the draft's.
    assert client.get("/api/v1/pledges/?objective=1").json()["count"] == 0
    assert client.get("/api/v1/pledges/?objective=6").json()["count"] == 1
    assert SECRET not in client.get("/api/v1/pledges/?format=csv").content.decode()


def _details(pledge):
    content = pledge.published_revision.content
    keys = ("title", "due_by", "progress", "language", "objectives", "principles", "regions",
            "countries")  # fmt: skip
    return {k: content[k] for k in keys}


def test_progress_reported_in_a_new_version_shows_history_with_two_entries(client):
    pledge = published_pledge()
    author = pledge.author
    pledge = revise_document(pledge, by=author)
    pledge = save(pledge, "section-4", {"text": "Two centres opened; 412 grievances resolved."},
                  by=author)  # fmt: skip
    pledge = save(pledge, "details", {**_details(pledge), "progress": "under_way"}, by=author)
    # Until the new version is published, the page shows the first one.
    page = client.get(f"/en/pledges/{pledge.reference}/").content.decode()
    assert (
        '<span class="badge text-bg-secondary" id="pledge-progress">No progress reported yet'
        in page
    )
    pledge = submit_document(pledge, by=author)
    pledge = publish_document(pledge, by=secretariat())
    assert pledge.status == ReviewStatus.PUBLISHED
    page = client.get(f"/en/pledges/{pledge.reference}/").content.decode()
    assert '<span class="badge text-bg-secondary" id="pledge-progress">Under way</span>' in page
    assert "412 grievances resolved" in page
    assert page.count('class="history-entry"') == 2
    first, second = (
        page.index("Under way</li>".replace("</li>", "")),
        page.rindex("No progress reported yet"),
    )
    assert first < second  # newest first
    detail = client.get(f"/api/v1/pledges/{pledge.reference}/").json()
    assert detail["progress"] == "under_way"
    assert [h["progress"] for h in detail["history"]] == ["under_way", ""]


def test_the_list_filters_by_objective_region_pledger_and_year(client):
    ghana = published_pledge("GHA")
    france = published_pledge("FRA", objectives=[2], regions=["ECE"], due_by="2031-06-30")

    def found(query):
        response = client.get(f"/en/pledges/{query}")
        assert response.status_code == 200, query
        return response.content.decode().count('class="pledge-row')

    assert found("") == 2
    assert found("?objective=6") == 1
    assert found("?region=ECE") == 1
    assert found("?pledger=state") == 2
    assert found("?pledger=organization") == 0
    assert found("?year=2026") == 2
    assert found("?year=2022") == 0
    assert found("?due=2031") == 1
    assert found("?q=recruitment") == 2
    page = client.get("/en/pledges/?region=ECE").content.decode()
    assert france.get_absolute_url() in page
    assert ghana.get_absolute_url() not in page


def test_a_bad_filter_value_is_answered_at_the_field(client):
    response = client.get("/en/pledges/?objective=99&pledger=%00x")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_objective_errors"' in page
    assert 'id="id_pledger_errors"' in page


def test_the_api_lists_and_exports_published_pledges(client):
    pledge = published_pledge()
    listing = client.get("/api/v1/pledges/").json()
    assert listing["count"] == 1
    row = listing["results"][0]
    assert row["reference"] == pledge.reference
    assert row["title"] == "Fair recruitment centres"
    assert (row["pledger"], row["pledger_name"], row["member_state"]) == ("state", "Ghana", "GHA")
    assert row["objectives"] == [6, 16]
    assert row["regions"] == ["ECA"]
    response = client.get("/api/v1/pledges/?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="gcm-pledges.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["reference"] for r in rows] == [pledge.reference]
    assert client.get("/api/v1/pledges/?objective=6").json()["count"] == 1
    assert client.get("/api/v1/pledges/?objective=7").json()["count"] == 0
    assert client.get("/api/v1/pledges/?objective=99").status_code == 400
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/pledges/{reference}/" in schema


def test_feed_sitemap_and_search_list_the_published_pledge(client):
    pledge = published_pledge()
    feed = client.get("/feeds/publications/").content.decode()
    assert f"<title>Ghana: pledge, {pledge.cycle.title}</title>" in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/en/pledges/{pledge.reference}/" in sitemap
    results = client.get("/en/reviews/?q=recruitment").content.decode()
    assert pledge.get_absolute_url() in results


def test_an_unpublished_pledge_is_gone(client):
    pledge = published_pledge()
    unpublish_document(pledge, by=secretariat(), comment="Published by mistake.")
    response = client.get(f"/en/pledges/{pledge.reference}/")
    assert response.status_code == 410
    assert "Published by mistake." in response.content.decode()
    assert client.get("/api/v1/pledges/").json()["count"] == 0
    assert Pledge.objects.get(pk=pledge.pk).published_revision_id is None
