"""Cold public pages stay cheap (issue 17, item 2): an objective's entries are counted and paged
in the database, the dropdowns read only the names they show, the reference data's version is
read once per request. (Speed itself is measured by bench/cold.py.)"""

import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reviews import choice_memo
from reviews.filters import PublicReviewFilter
from reviews.models import ImplementationStatus, PublishedPart, VoluntaryReview
from reviews.selectors import status_distribution
from reviews.views import browse
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


def _names(html: str) -> list[str]:
    return re.findall(r'<h3 class="h5"><a href="[^"]*">([^<]*)</a>', html)


def test_objective_page_pages_the_sorted_entries_then_reads_their_text(client, monkeypatch):
    for iso3 in ("MEX", "GHA", "FRA"):
        published_review(iso3, objectives={5: ("achieved", f"Text of {iso3}.")})
    published_review("DEU", objectives={6: ("planned", "Not objective five.")})
    monkeypatch.setattr(browse, "PAGE_SIZE", 2)
    first = client.get("/en/objectives/5/").content.decode()
    second = client.get("/en/objectives/5/?page=2").content.decode()
    assert _names(first) == ["France", "Ghana"]
    assert _names(second) == ["Mexico"]
    assert "Text of MEX." in second and "Text of FRA." not in second


def test_status_distribution_is_counted_by_the_database_in_one_query():
    published_review("GHA", objectives={5: ("achieved", "x"), 6: ("planned", "y")})
    published_review("MEX", objectives={5: ("achieved", "z")})
    entries = PublishedPart.objects.filter(kind=PublishedPart.Kind.OBJECTIVE)
    with CaptureQueriesContext(connection) as done:
        counted = status_distribution(entries)
    assert len(done.captured_queries) == 1
    assert "GROUP BY" in done.captured_queries[0]["sql"]
    assert counted == status_distribution(["achieved", "planned", "achieved"])
    assert {d["status"].value: (d["count"], d["percent"]) for d in counted if d["count"]} == {
        "achieved": (2, 67),
        "planned": (1, 33),
    }
    assert len(counted) == len(ImplementationStatus) - 1  # every status but "not addressed"


def test_dropdowns_read_only_the_active_and_english_names():
    choice_memo.forget_choices()
    with translation.override("fr"), CaptureQueriesContext(connection) as done:
        str(PublicReviewFilter(None, queryset=VoluntaryReview.objects.none()).form["state"])
    (states,) = [q["sql"] for q in done.captured_queries if "reviews_memberstate" in q["sql"]]
    columns = re.findall(r'"reviews_memberstate"\."(\w+)"', states.split(" FROM ")[0])
    assert sorted(columns) == ["iso3", "name_en", "name_fr"]


def test_the_reference_version_is_read_once_per_request(client):
    published_review("GHA", objectives={5: ("achieved", "x")})
    with mock.patch.object(
        choice_memo, "_read_generation", wraps=choice_memo._read_generation
    ) as read:
        assert client.get("/en/reviews/").status_code == 200
        assert read.call_count == 1  # eight dropdowns
        assert client.get("/en/objectives/5/").status_code == 200
        assert read.call_count == 2
    # Outside a request, every call reads it (a change made meanwhile is seen).
    with mock.patch.object(choice_memo, "_read_generation", return_value=7) as read:
        choice_memo.reference_generation()
        choice_memo.reference_generation()
    assert read.call_count == 2


@pytest.mark.parametrize(
    ("number", "previous", "following"), [(1, None, 2), (5, 4, 6), (23, 22, None)]
)
def test_objective_page_links_its_neighbours_read_in_one_query(
    client, number, previous, following, django_assert_num_queries
):
    published_review("GHA", objectives={number: ("achieved", "x")})
    choice_memo.forget_choices()
    # The objective and its neighbours, the chart, the count, the page's entries, and the
    # dropdowns' cycles, commissions and States.
    with django_assert_num_queries(7):
        html = client.get(f"/en/objectives/{number}/").content.decode()
    links = re.findall(r'<a href="/en/objectives/(\d+)/" rel="(prev|next)">', html)
    expected = [(str(n), rel) for n, rel in ((previous, "prev"), (following, "next")) if n]
    assert links == expected


def test_objective_page_of_no_objective_is_not_found(client):
    assert client.get("/en/objectives/24/").status_code == 404
    assert client.get("/en/objectives/0/").status_code == 404


@pytest.mark.parametrize(
    ("table", "name", "columns", "orders"),
    [
        ("reviews_document", "published_documents_latest", ["published_at", "id"], ["DESC", "ASC"]),
        (
            "reviews_publishedpart",
            "published_objective_entries",
            ["objective_id", "status", "document_id", "id"],
            ["ASC", "ASC", "ASC", "ASC"],
        ),
    ],
)
def test_the_public_pages_indexes_exist(table, name, columns, orders):
    """Why each: their `Meta.indexes` (measured by bench/cold.py)."""
    with connection.cursor() as cursor:
        index = connection.introspection.get_constraints(cursor, table)[name]
    assert (index["columns"], index["orders"], index["index"]) == (columns, orders, True)
