"""A search's passages come from the parts its ranking already ordered (issue 17, item 3): the
ranking query hands over each document's best parts (`reviews.search.Ranks.best_parts`), so a
results page reads the first part's text instead of ranking the page's parts a second time.
The passages, their links and their order are those of the second ranking (`snippets` without
`ranks`, which other callers still use).

Marked `postgresql`: ranking and ts_headline are PostgreSQL's."""

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.documents import published_documents
from reviews.search import Ranks, best_ranks, search_reviews, snippets
from reviews.selectors import published_reviews
from tests.publishing import draft_review, published_review
from tests.regional.publishing import published_report
from tests.reviews.test_search_one_pass import QUERIES, _seeded_library

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _passages(q: str, documents, *, handed_over: bool) -> dict:
    ids = [r.pk for r in search_reviews(documents, q)]
    return snippets(ids, q, best_ranks(q) if handed_over else None)


def test_passages_from_the_ranks_are_those_of_ranking_the_parts_again():
    _seeded_library()
    # Ties: the same words in several parts are ordered by kind, then number, as before.
    published_review(
        "PER",
        sections={3: "Regular pathways.", 1: "Regular pathways.", 2: "Regular pathways."},
        objectives={5: ("under_way", "Regular pathways.")},
    )
    for q in [*QUERIES, "Peru pathways", "移民 rights", "the migration", "pathways"]:
        for documents in (published_reviews(), published_documents()):
            before = _passages(q, documents, handed_over=False)
            assert _passages(q, documents, handed_over=True) == before, q
    assert [
        s.anchor
        for s in _passages("pathways", published_reviews(), handed_over=True)[
            published_reviews().get(member_state="PER").pk
        ]
    ] == ["objective-5", "section-1", "section-2"]


def test_a_results_page_ranks_the_parts_once(client):
    published_review("GHA", sections={2: "Labour migration.", 3: "Labour migration again."})
    published_review("SEN", sections={2: "Labour migration agreements."})
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get("/en/reviews/?q=labour+migration")
    assert response.status_code == 200
    assert response.content.count(b"<mark>") >= 2
    ranking = [q["sql"] for q in context.captured_queries if "ts_rank" in q["sql"]]
    assert len(ranking) == 1


def _listed(client, url: str) -> tuple[int, list[str]]:
    """(The count the page shows, the queries that counted) of a results page, cold."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    shown = response.context["page"].paginator.count
    counts = [q["sql"] for q in context.captured_queries if "COUNT(*)" in q["sql"]]
    return shown, counts


def test_the_count_of_a_search_comes_from_its_ranking(client):
    for iso3 in ["GHA", "SEN", "MLI"]:
        published_review(iso3, sections={2: "Labour migration."})
    published_review("TGO", sections={2: "Nothing here."})
    draft_review("BEN", sections={2: "Labour migration."})
    # A regional report holding the words is no review: it is not counted among them.
    published_report("ECE", sections={2: "Labour migration in the region."})
    assert _listed(client, "/en/reviews/?q=labour+migration") == (3, [])
    assert _listed(client, "/en/reviews/?q=migration&sort=-published") == (3, [])


@pytest.mark.parametrize(
    ("q", "count"),
    [("Togo migration", 1), ("migration -Ghana", 3), ("labour -labour", 0)],
)
def test_a_search_that_names_or_leaves_out_states_or_words_counts_its_reviews(client, q, count):
    for iso3 in ["GHA", "SEN", "MLI"]:
        published_review(iso3, sections={2: "Labour migration."})
    published_review("TGO", sections={2: "Migration data."})
    # The ranks count 0, 4 and 3 reviews: the page counts those that are listed.
    shown, counts = _listed(client, "/en/reviews/?" + urlencode({"q": q}))
    assert (shown, len(counts)) == (count, 1)


def test_a_search_with_another_criterion_counts_its_reviews(client):
    published_review("GHA", sections={2: "Labour migration."})
    published_review("SEN", sections={2: "Labour migration."})
    shown, counts = _listed(client, "/en/reviews/?q=migration&state=SEN")
    assert (shown, len(counts)) == (1, 1)


def test_the_ranks_hand_each_list_its_own_documents():
    ranks = Ranks(
        [
            (1, 0.5, True, None, "section", 1, "section", 2, None, None),
            (2, 0.3, False, None, "section", 1, None, None, None, None),
        ]
    )
    assert ranks.only(reviews=True) == {1: 0.5}
    assert ranks.only(reviews=False) == {2: 0.3}
    assert ranks.published_reviews == 1
    assert ranks.best_parts == {1: [("section", 1), ("section", 2)], 2: [("section", 1)]}


def test_a_page_cut_from_the_ranking_lists_what_sorting_in_sql_listed(client, monkeypatch):
    """A search alone pages through the ranking's own order (`Ranks.reviews_in_order`), not a
    second query over the same ids: best rank first, then the latest publication, then by id,
    as `search_reviews` orders them. Seen failing with the date's order reversed and with the
    ids' order reversed."""
    from reviews.models import Document
    from reviews.selectors import listed_reviews
    from reviews.views import browse

    _seeded_library()
    same = [
        published_review(iso3, sections={2: "Labour migration."}) for iso3 in ["TGO", "BEN", "NER"]
    ]
    # Equal ranks (the same text): the latest publication first; on the same day, by id.
    Document.objects.filter(pk__in=[r.pk for r in same[1:]]).update(
        published_at=same[0].published_at
    )
    monkeypatch.setattr(browse, "PAGE_SIZE", 4)
    for q in [*QUERIES, "migration"]:
        expected = [
            f"/en/reviews/{r.cycle.slug}/{r.member_state_id}/"
            for r in search_reviews(listed_reviews(), q).select_related("cycle")
        ]
        shown = []
        for number in range(1, len(expected) // 4 + 2):
            cache.clear()
            html = client.get("/en/reviews/?" + urlencode({"q": q, "page": number})).content
            shown += re.findall(r'<h3 class="h5 mb-1"><a href="([^"#]*)"', html.decode())
        assert shown == expected, q
        assert expected or q == "intégration", q
