"""The search's tsquery without its repeated branches, and no ts_headline where it can mark
nothing (issue 17, item 3): the same results, ranks (to the last bit) and passages as with
every configuration's branch kept (`reviews.search_match.LEAN`, which only bench/search.py and
these tests flip), in fewer branches and, for Chinese, one query less.

Marked `postgresql`: ranking, stemming and ts_headline are PostgreSQL's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import search_match
from reviews.documents import published_documents
from reviews.search import search_reviews, snippets
from reviews.selectors import published_reviews
from tests.publishing import published_review
from tests.reviews.test_search_one_pass import QUERIES, _seeded_library

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _tsquery(*texts: str) -> str | None:
    """The tsquery the parts are matched against, as PostgreSQL prints it."""
    sql, params = search_match.search_query(*texts).as_sql(None, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]


def test_the_query_keeps_each_different_branch_once():
    # English and French stem `migration` alike; Arabic, Russian, Spanish and both 'simple'
    # readings keep it as typed: two branches where there were seven.
    assert _tsquery("labour migration") == "'labour' & 'migrat' | 'labour' & 'migration'"


def test_a_branch_met_in_every_configuration_stays_an_or_of_two_copies():
    # A Han phrase reads alike in all seven: ts_rank scores an OR of its words, as before.
    phrase = "'zhe7a7bbe6b091' <-> 'zhe6b091e5b7a5'"
    assert _tsquery("移民工") == f"{phrase} | {phrase}"


def test_a_query_of_stop_words_only_matches_nothing():
    # Every configuration but 'simple' drops `the`: what is left is 'simple''s twice.
    assert _tsquery("the") == "'the' | 'the'"
    assert _tsquery("!!") is None
    published_review("GHA", sections={2: "Labour migration."})
    assert list(search_reviews(published_reviews(), "!!")) == []


def _everything(q: str, documents) -> list:
    results = list(search_reviews(documents, q))
    found = snippets([r.pk for r in results], q)
    return [(r.pk, r.rank, found.get(r.pk)) for r in results]


def test_results_ranks_and_passages_are_those_of_every_branch_kept(monkeypatch):
    _seeded_library()
    for q in [*QUERIES, "the migration", "移民", "移民 rights", "-migration"]:
        for documents in (published_reviews(), published_documents()):
            monkeypatch.setattr(search_match, "LEAN", False)
            before = _everything(q, documents)
            monkeypatch.setattr(search_match, "LEAN", True)
            assert _everything(q, documents) == before, q
    assert len(_everything("移民工人", published_reviews())) > 0


def _snippet_queries(review, q: str) -> list[str]:
    snippets([review.pk], q)  # the State names read, as at every search after a server's first
    with CaptureQueriesContext(connection) as context:
        snippets([review.pk], q)
    return [query["sql"] for query in context.captured_queries]


def test_chinese_passages_are_marked_without_asking_ts_headline():
    review = published_review(
        "CHN", language="zh-hans", sections={2: "各国保护移民工人的权利。Migration data."}
    )
    sqls = _snippet_queries(review, "移民工人")
    assert len(sqls) == 1
    assert "ts_headline" not in sqls[0]
    assert snippets([review.pk], "移民工人")[review.pk][0].html == (
        "各国保护<mark>移民工人</mark>的权利。Migration data."
    )
    # A word PostgreSQL can mark beside the Chinese: ts_headline is asked, as before.
    sqls = _snippet_queries(review, "移民 migration")
    assert ["ts_headline" in sql for sql in sqls] == [False, True]
