"""The open data API: lists with the web pages' filters, details, CSV exports, the schema."""

import csv
import io

import pytest

from reviews.choice_memo import forget_choices
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


def test_review_list_and_detail_hold_the_published_text(client):
    review = published_review(
        "GHA", sections={2: "Policy **text**."}, objectives={5: ("achieved", "Pathways.")}
    )
    data = client.get("/api/v1/reviews/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["member_state"] == "GHA"
    assert row["regional_commissions"] == ["ECA"]
    assert row["language"] == "en"
    assert row["objectives_addressed"] == 1
    assert row["url"] == "http://testserver/en/reviews/imrf-2026/GHA/"
    detail = client.get(f"/api/v1/reviews/{review.pk}/").json()
    assert detail["sections"][1] == {
        "number": 2,
        "title": "Policy and enabling environment",
        "text": "Policy text.",
        "html": "<p>Policy <strong>text</strong>.</p>\n",
    }
    assert [(o["number"], o["status"]) for o in detail["objectives"]] == [(5, "achieved")]


def test_lists_take_the_filters_of_the_web_pages(client):
    published_review("GHA", objectives={5: ("achieved", "x")})
    published_review("MEX", language="es", objectives={5: ("planned", "y")})

    def states(url):
        return [r["member_state"] for r in client.get(url).json()["results"]]

    assert states("/api/v1/reviews/?commission=ECLAC") == ["MEX"]
    assert states("/api/v1/reviews/?language=en") == ["GHA"]
    assert states("/api/v1/reviews/?sort=state") == ["GHA", "MEX"]
    assert states("/api/v1/objective-entries/?objective=5&status=planned") == ["MEX"]
    assert states("/api/v1/objective-entries/?objective=6") == []


def test_bad_filters_answer_400_with_the_field(client):
    response = client.get("/api/v1/reviews/?cycle=nope&objective=x")
    assert response.status_code == 400
    assert set(response.json()) == {"cycle", "objective"}


def test_the_objectives_round_table_filter_takes_a_round_table_only(client):
    # Schemathesis sent `roundtable=7.185651025988941e-131`: read as a decimal, it listed
    # nothing with 200 instead of refusing a value the schema does not allow.
    response = client.get("/api/v1/objectives/?roundtable=7.185651025988941e-131")
    assert response.status_code == 400
    assert set(response.json()) == {"roundtable"}
    assert client.get("/api/v1/objectives/?roundtable=5").status_code == 400
    listed = client.get("/api/v1/objectives/?roundtable=4").json()["results"]
    assert [o["number"] for o in listed] == [1, 3, 7, 17, 23]


def test_csv_exports_the_whole_filtered_list(client):
    published_review("GHA")
    published_review("FRA", language="fr")
    response = client.get("/api/v1/reviews/?format=csv&language=fr")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="gcm-reviews.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["member_state"], r["regional_commissions"]) for r in rows] == [
        ("FRA", "ECE; ECLAC; ESCAP")
    ]


def test_reference_data_endpoints(client):
    assert client.get("/api/v1/states/").json()["count"] == 193
    assert client.get("/api/v1/states/?is_sids=true").json()["count"] == 37
    assert client.get("/api/v1/states/JOR/").json()["regional_commissions"] == ["ESCWA"]
    assert client.get("/api/v1/objectives/").json()["count"] == 23
    from reviews.models import Objective

    expected = Objective.objects.get(number=23).roundtable
    assert client.get("/api/v1/objectives/23/").json()["roundtable"] == expected
    assert client.get("/api/v1/commissions/").json()["count"] == 5
    published_review("GHA")
    cycles = {c["slug"]: c for c in client.get("/api/v1/cycles/").json()["results"]}
    assert cycles["imrf-2026"]["published_reviews"] == 1


def test_openapi_schema_describes_every_list(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in [
        "/api/v1/reviews/",
        "/api/v1/objective-entries/",
        "/api/v1/states/",
        "/api/v1/objectives/",
        "/api/v1/cycles/",
    ]:
        assert "get" in schema["paths"][path], path
    names = {p["name"] for p in schema["paths"]["/api/v1/reviews/"]["get"]["parameters"]}
    assert {"cycle", "commission", "objective", "language", "q", "sort", "page"} <= names


API_LISTS = [
    "/api/v1/reviews/",
    "/api/v1/reviews/?format=csv",
    "/api/v1/reviews/?q=section",
    "/api/v1/objective-entries/",
    "/api/v1/states/",
    "/api/v1/cycles/",
]


@pytest.mark.parametrize("url", API_LISTS)
def test_api_list_query_count_does_not_grow(client, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    published_review("GHA", objectives={1: ("achieved", "x")})
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for iso3 in ["MEX", "FRA"]:
        published_review(iso3, objectives={1: ("achieved", "x")})
    forget_choices()  # a search reads the State names once, then keeps them (search_query)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_api_is_rate_limited_per_client(rf):
    from reviews.api.throttling import ReaderRateThrottle
    from reviews.api.views import ObjectiveViewSet

    class TwoPerMinute(ReaderRateThrottle):
        rate = "2/minute"
        scope = "test-two"

    ObjectiveViewSet.throttle_classes, previous = [TwoPerMinute], ObjectiveViewSet.throttle_classes
    try:
        view = ObjectiveViewSet.as_view({"get": "list"})
        statuses = [view(rf.get("/api/v1/objectives/", REMOTE_ADDR="203.0.113.9")).status_code
                    for _ in range(3)]  # fmt: skip
    finally:
        ObjectiveViewSet.throttle_classes = previous
        from django.core.cache import cache

        cache.delete("throttle_test-two_203.0.113.9")
    assert statuses == [200, 200, 429]


def test_the_api_root_lists_every_list_of_every_app(client):
    links = client.get("/api/v1/").json()
    for name in ["reviews", "states", "regional-reports", "regional-inputs", "stakeholder-inputs"]:
        assert links[name].endswith(f"/api/v1/{name}/")
