"""The public side of regional reviews: the list and its filters, a report, an input, 404 and
410, the IMRF's tracker and the regional cycle's coverage, search, API, feed and sitemap."""

import pytest
from django.core.management import call_command

from reviews.models import PdfRendition, PdfStatus, PublishedPart
from tests.publishing import published_review
from tests.regional.publishing import (
    draft_report,
    published_input,
    published_report,
    submitted_report,
    unpublished_report,
)

pytestmark = pytest.mark.django_db

REPORT = "/en/regional/regional-2024/ECE/"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 0


def test_the_list_shows_published_reports_only(client):
    published_report("ECE", sections={1: "Europe met in Geneva."})
    submitted_report("ESCAP")
    draft_report("ECA")
    page = client.get("/en/regional/").content.decode()
    assert "1 regional review report found" in page
    results = page.split('<div class="results">')[1]
    assert results.count("<article") == 1
    assert '<a href="/en/regional/regional-2024/ECE/">Economic Commission for Europe</a>' in results


def test_the_list_filters_by_cycle_and_body(client):
    published_report("ECE")
    published_report("ESCWA")
    assert (
        "1 regional review report found" in client.get("/en/regional/?body=ESCWA").content.decode()
    )
    page = client.get("/en/regional/?cycle=regional-2020").content.decode()
    assert "0 regional review reports found" in page
    assert (
        "2 regional review reports found"
        in client.get("/en/regional/?cycle=regional-2024").content.decode()
    )


@pytest.mark.parametrize(
    ("query", "field"), [("?body=NOPE", "body"), ("?cycle=imrf-2026", "cycle")]
)
def test_a_bad_filter_is_refused_at_its_field(client, query, field):
    published_report("ECE")
    response = client.get(f"/en/regional/{query}")
    assert response.status_code == 200
    form = response.context["filter"].form
    assert list(form.errors) == [field]
    assert "Select a valid choice" in form.errors[field][0]


def test_the_report_page_reads_the_published_revision(client):
    review = published_review("FRA", "regional-2024", sections={1: "France reported."})
    published_review("GHA", "regional-2024")  # not in the ECE region
    report = published_report(
        "ECE", sections={3: "Key **findings** of Europe."}, objectives=[5, 23]
    )
    regional_input = published_input("ECE", organization="Migrant Rights Network")
    response = client.get(REPORT)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>findings</strong>" in page
    assert "(iii) Key findings" in page
    assert "Round table 1" in page and "5. " in page and "23. " in page
    assert "Geneva" in page and "Hybrid" in page and "English, French, Russian" in page
    assert review.get_absolute_url() in page
    assert "/en/reviews/regional-2024/GHA/" not in page
    assert regional_input.get_absolute_url() in page
    assert report.get_absolute_url() == REPORT


def test_arabic_report_is_right_to_left(client):
    published_report("ESCWA", language="ar", sections={1: "مقدمة التقرير"})
    page = client.get("/en/regional/regional-2024/ESCWA/").content.decode()
    assert '<article lang="ar" dir="rtl"' in page
    assert "مقدمة التقرير" in page


def test_a_draft_or_submitted_report_is_404_an_unpublished_one_410(client):
    draft_report("ECA", sections={1: "DRAFTMARKER"})
    submitted_report("ESCAP", sections={1: "SUBMITTEDMARKER"})
    unpublished_report("ECE", sections={1: "UNPUBLISHEDMARKER"})
    assert client.get("/en/regional/regional-2024/ECA/").status_code == 404
    assert client.get("/en/regional/regional-2024/ESCAP/").status_code == 404
    assert client.get("/en/regional/regional-2024/NOPE/").status_code == 404
    gone = client.get(REPORT)
    assert gone.status_code == 410
    assert "UNPUBLISHEDMARKER" not in gone.content.decode()
    assert "Withdrawn by the commission." in gone.content.decode()


def test_an_input_page_shows_its_parts_and_practices(client):
    regional_input = published_input("ECE", sections={3: "Gaps in **data**."})
    response = client.get(regional_input.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "(c) Gaps and challenges" in page and "<strong>data</strong>" in page
    assert "Migrant Rights Network" in page
    wrong = regional_input.get_absolute_url().replace("/ECE/", "/ECA/")
    assert client.get(wrong).status_code == 404


def test_the_imrf_tracker_lists_the_regional_reports_that_fed_it(client):
    report = published_report("ECE")
    submitted_report("ESCAP")
    page = client.get("/en/cycles/imrf-2026/").content.decode()
    assert f'<a href="{report.get_absolute_url()}">Economic Commission for Europe</a>' in page
    assert "Asia and the Pacific" not in page.split('id="fed-by-heading"')[1].split("</section>")[0]
    assert report.get_absolute_url() not in client.get("/en/cycles/imrf-2022/").content.decode()


def test_the_coverage_of_a_regional_cycle_shows_who_published(client):
    report = published_report("ECE")
    submitted_report("ESCAP")
    page = client.get("/en/cycles/regional-2024/coverage/").content.decode()
    table = page.split('class="table table-sm bodies-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 2  # the header and ECE
    assert report.get_absolute_url() in table


def test_search_finds_a_published_report_and_never_a_draft(client):
    published_report("ECE", sections={4: "The zanzibarish practice of Europe."})
    draft_report("ECA", sections={4: "The quokkaesque practice of Africa."})
    page = client.get("/en/reviews/?q=zanzibarish").content.decode()
    section = page.split('id="others-heading"')[1]
    assert f'<a href="{REPORT}">Economic Commission for Europe</a>' in section
    assert f"{REPORT}#section-4" in section
    assert 'id="others-heading"' not in client.get("/en/reviews/?q=quokkaesque").content.decode()


def test_the_api_lists_reports_and_inputs_with_csv_and_schema(client):
    report = published_report("ECE", objectives=[2])
    submitted_report("ESCAP")
    regional_input = published_input("ECE")
    listed = client.get("/api/v1/regional-reports/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["body"] == "ECE"
    assert listed["results"][0]["objectives_addressed"] == [2]
    detail = client.get(f"/api/v1/regional-reports/{report.pk}/").json()
    assert [s["number"] for s in detail["sections"]] == [1, 2, 3, 4, 5, 6]
    assert detail["sections"][0]["title"] == "Introduction"
    inputs = client.get("/api/v1/regional-inputs/?commission=ECE").json()
    assert [i["id"] for i in inputs["results"]] == [regional_input.pk]
    csv = client.get("/api/v1/regional-reports/?format=csv").content.decode()
    assert csv.splitlines()[0].startswith("id,body,body_name,cycle,feeds")
    assert "Economic Commission for Europe" in csv
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/regional-reports/{id}/" in schema and "/api/v1/regional-inputs/" in schema


def test_feed_and_sitemap_list_regional_publications(client):
    report = published_report("ECE")
    regional_input = published_input("ECE")
    feed = client.get("/feeds/publications/").content.decode()
    title = "Economic Commission for Europe: regional review report, Regional reviews of the GCM"
    assert f"{title} 2024–2025" in feed
    assert "gcm-regional_report:regional-2024:ECE" in feed
    assert regional_input.get_absolute_url() in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{report.get_absolute_url()}" in sitemap
    assert f"http://testserver{regional_input.get_absolute_url()}" in sitemap


def test_the_pdf_link_waits_for_the_rendition(client):
    report = published_report("ECE")
    PdfRendition.objects.update_or_create(
        document_id=report.pk, defaults={"status": PdfStatus.PENDING}
    )
    response = client.get(f"{REPORT}pdf")
    assert (response.status_code, response["Retry-After"]) == (503, "60")


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_regional_pages_cost_the_same_for_one_row_or_three(client):
    published_report("ECE")
    published_input("ECE", organization="One")
    one = [_queries(client, url) for url in ("/en/regional/", REPORT, "/en/cycles/imrf-2026/")]
    one.append(_queries(client, "/feeds/publications/"))
    published_report("ESCAP")
    published_report("ESCWA")
    published_input("ECE", organization="Two")
    published_input("ECE", organization="Three")
    three = [_queries(client, url) for url in ("/en/regional/", REPORT, "/en/cycles/imrf-2026/")]
    three.append(_queries(client, "/feeds/publications/"))
    assert three == one


def test_reindex_public_rebuilds_regional_documents_too():
    report = published_report(sections={1: "REINDEXMARKER introduction"})
    PublishedPart.objects.filter(document=report).delete()
    call_command("reindex_public", verbosity=0)
    texts = PublishedPart.objects.filter(document=report).values_list("text", flat=True)
    assert any("REINDEXMARKER" in text for text in texts)
