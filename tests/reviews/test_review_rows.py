"""The rows of the home page and the list are read narrowly (issue 17, item 2): only the columns
`_review_row.html` shows, URLs built from the list's, the commissions' codes in one query, and
a search's ranks computed once for several calls. The pages must read exactly as before."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from reviews import search
from reviews.list_html import review_rows
from reviews.models import MemberState
from reviews.search import best_ranks, search_reviews
from reviews.selectors import listed_reviews, published_reviews
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


def _state_in_two_commissions() -> str:
    state = MemberState.objects.annotate(n=Count("regional_commissions")).filter(n__gte=2).first()
    return state.iso3


def test_rows_say_what_the_reviews_themselves_say_in_every_language():
    two = _state_in_two_commissions()
    published_review(two, language="fr")
    published_review("GHA", cycle="imrf-2022")
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            full = {r.pk: r for r in published_reviews()}
            rows = review_rows(listed_reviews(), reverse("reviews:public_list"))
            assert len(rows) == 2
            for row in rows:
                review = full[row["pk"]]
                assert row["url"] == review.get_absolute_url()
                assert row["language"] == review.get_published_language_display()
                assert row["commissions"] == [
                    c.code for c in review.member_state.regional_commissions.all()
                ]
                assert row["state"] == review.member_state.name
                assert row["cycle"] == review.cycle.title
                assert row["objectives_addressed"] == review.objectives_addressed
                assert row["published_at"] == review.published_at
                assert row["published_language"] == review.published_language
    two_row = next(r for r in rows if r["url"].endswith(f"/{two}/"))
    assert len(two_row["commissions"]) >= 2


def test_rows_read_neither_the_pdf_nor_the_working_copy_and_cost_two_queries():
    published_review("GHA")
    published_review("MEX")
    with CaptureQueriesContext(connection) as done:
        review_rows(listed_reviews()[:6], "/en/reviews/")
    assert len(done.captured_queries) == 2
    sql = done.captured_queries[0]["sql"]
    assert "reviews_pdfrendition" not in sql
    assert '"section_1"' not in sql and '"part_versions"' not in sql
    assert review_rows(listed_reviews().none(), "/en/reviews/") == []


def test_home_links_objectives_and_cycles_as_reverse_would(client):
    html = client.get("/fr/").content.decode()
    with translation.override("fr"):
        for number in (1, 5, 23):
            assert f'href="{reverse("reviews:objective_page", args=[number])}"' in html
        for slug in ("imrf-2022", "imrf-2026"):
            assert f'href="{reverse("reviews:tracker", args=[slug])}"' in html
            assert f'href="{reverse("reviews:coverage", args=[slug])}"' in html


@pytest.mark.postgresql
def test_ranks_handed_over_are_not_computed_again():
    published_review("GHA", sections={2: "Remittances and remittances."})
    published_review("SEN", sections={2: "Remittances once."})
    expected = [(r.pk, r.rank) for r in search_reviews(published_reviews(), "remittances")]
    ranks = best_ranks("remittances")
    assert ranks is not None and len(ranks) == 2
    with mock.patch.object(search, "_best_ranks", side_effect=AssertionError("again")):
        found = search_reviews(published_reviews(), "remittances", ranks=ranks)
        assert [(r.pk, r.rank) for r in found] == expected
    assert best_ranks("-remittances") is None  # left-out words only: nothing to rank by


@pytest.mark.postgresql
def test_a_search_of_the_list_ranks_the_index_matches_once(
    client, django_capture_on_commit_callbacks
):
    """The reviews' search and the other kinds' documents beside them share one rank query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.publishing import published_review

    published_review("GHA", sections={1: "Labour migration pathways."})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/reviews/", {"q": "labour migration"})
    assert response.status_code == 200
    assert 'href="/en/reviews/imrf-2026/GHA/"' in response.content.decode()
    ranked = [q["sql"] for q in queries.captured_queries if "ts_rank(" in q["sql"]]
    assert len(ranked) == 1, ranked
