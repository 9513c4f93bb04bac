"""The search ranks in one pass over the index's matches and cuts its passages from a window of
the stored text (issue 17, item 3): same results, order and highlighting as the previous
implementation (a rank subquery per review, ts_headline over whole parts, still callable through
`reviews.search_match.ONE_PASS` for bench/search.py), in a number of queries that does not grow
with the number of results.

Marked `postgresql`: ranking, stemming and ts_headline are PostgreSQL's."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.synthetic import KEY_SENTENCES, text_of, vocabulary
from reviews import choice_memo, search_match
from reviews.documents import published_documents
from reviews.models import MemberState
from reviews.search import search_reviews, snippets
from reviews.selectors import published_reviews
from tests.publishing import published_review

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

FILLER = "Consultations were held with partners across the country. " * 40  # ~320 words


def found(q: str) -> list[str]:
    return [r.member_state_id for r in search_reviews(published_reviews(), q)]


def passage(review, q: str) -> str:
    return snippets([review.pk], q)[review.pk][0].html


def test_a_review_whose_best_part_matches_more_ranks_first():
    # Senegal says "remittances" twice in each of three parts; Ghana four times in one part:
    # the rank is the best part's (not a sum), so Ghana comes first, then Senegal, then Mali.
    published_review("SEN", sections={n: f"Remittances, remittances {n}." for n in (1, 2, 3)})
    published_review("GHA", sections={2: "Remittances and remittances: " + "remittances " * 2})
    published_review("MLI", sections={4: "Remittances are mentioned once among many words."})
    published_review("TGO", sections={4: "Nothing about money sent home."})
    assert found("remittances") == ["GHA", "SEN", "MLI"]
    ranks = [r.rank for r in search_reviews(published_reviews(), "remittances")]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] > ranks[1] > ranks[2] > 0


def test_a_state_named_ranks_above_reviews_that_only_hold_the_words():
    published_review("GHA", sections={2: "Ghana works with Senegal on labour migration."})
    published_review("SEN", sections={2: "Labour migration agreements."})
    assert found("Senegal labour") == ["SEN", "GHA"]


@pytest.mark.parametrize(
    ("language", "text", "q", "html"),
    [
        (
            "en",
            "Ghana expanded labour migration agreements.",
            "agreement",
            "Ghana expanded labour migration <mark>agreements</mark>",
        ),
        (
            "fr",
            "La France a renforcé les voies de migration régulière.",
            "migrations",
            "France a renforcé les voies de <mark>migration</mark> régulière",
        ),
        (
            "es",
            "España consultó a los sindicatos.",
            "sindicato",
            "España consultó a los <mark>sindicatos</mark>",
        ),
        (
            "ru",
            "Россия расширила программы трудовой миграции.",
            "миграция",
            "Россия расширила программы трудовой <mark>миграции</mark>",
        ),
        (
            "ar",
            "عززت الأردن حماية العمال المهاجرين.",
            "المهاجرين",
            "عززت الأردن حماية العمال <mark>المهاجرين</mark>",
        ),
        (
            "zh-hans",
            "国家计划加强正常移民渠道并保护移民工人的权利。",
            "移民工人",
            "国家计划加强正常移民渠道并保护<mark>移民工人</mark>的权利。",
        ),
        (
            "fr",
            "Les politiques d'éducation des migrants.",
            "EDUCATION",
            "Les politiques d&#x27;<mark>éducation</mark> des migrants.",
        ),
        (
            "en",
            "Fees < 5 & rising danger.",
            "danger",
            "Fees &lt; 5 &amp; rising <mark>danger</mark>",
        ),
    ],
)
def test_the_passage_marks_the_words_in_every_language(language, text, q, html):
    # ts_headline's passages (every language but Chinese and words matched only without their
    # accents) leave out the punctuation and stop words at their edges, as they always did.
    review = published_review("GHA", language=language, sections={2: text})
    assert passage(review, q) == html
    assert [s.anchor for s in snippets([review.pk], q)[review.pk]] == ["section-2"]


def test_a_word_far_into_a_long_part_is_shown_and_marked():
    # The window handed to ts_headline starts shortly before the first word found.
    review = published_review(
        "GHA", sections={2: FILLER + "The new policies protect seasonal workers. " + FILLER}
    )
    html = passage(review, "seasonal")
    assert "<mark>seasonal</mark> workers" in html
    assert html.count("<mark>") == 1
    # Only in another form of its stem: found as well, and marked by PostgreSQL's stemmer.
    html = passage(review, "policy")
    assert "The new <mark>policies</mark> protect" in html


def test_snippets_link_the_best_part_first_then_two_more_without_passage():
    review = published_review(
        "GHA",
        sections={1: "Migration.", 2: "Migration, migration, migration.", 3: "Migration data."},
        objectives={5: ("under_way", "Migration pathways.")},
    )
    result = snippets([review.pk], "migration")[review.pk]
    assert result[0].anchor == "section-2"
    assert len(result) == 3
    assert [bool(s.html) for s in result] == [True, False, False]


def _queries(callable_) -> int:
    """Queries of `callable_` with the State names not yet read (a server's first search)."""
    choice_memo.forget_choices()
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def _search_page(q: str) -> None:
    page = list(search_reviews(published_reviews(), q)[:20])
    snippets([r.pk for r in page], q)


def test_a_search_runs_the_same_number_of_queries_for_one_result_or_many():
    published_review("GHA", sections={2: "Labour migration agreements."})
    one = _queries(lambda: _search_page("labour migration"))
    for iso3 in ["SEN", "MLI", "TGO", "BEN"]:
        published_review(iso3, sections={2: "Labour migration.", 3: "Labour migration again."})
    assert _queries(lambda: _search_page("labour migration")) == one
    # search_reviews: the States' names, the ranks, the page, its States' commissions;
    # snippets: the parts, their passages (the States' names are read once).
    assert one == 6


def _state_name_reads(callable_) -> tuple[int, int]:
    """(Reads of the State names, all queries) of `callable_`."""
    with CaptureQueriesContext(connection) as context:
        callable_()
    sqls = [q["sql"] for q in context.captured_queries]
    return sum('FROM "reviews_memberstate" ' in sql for sql in sqls), len(sqls)


def test_a_search_reads_the_state_names_once_then_not_until_they_change(
    django_capture_on_commit_callbacks,
):
    published_review("GHA", sections={2: "Labour migration agreements."})
    choice_memo.forget_choices()
    assert _state_name_reads(lambda: _search_page("labour migration")) == (1, 6)
    assert _state_name_reads(lambda: _search_page("labour migration")) == (0, 5)
    # A State renamed (the admin, fixtures) is found by its new name at the next search.
    ghana = MemberState.objects.get(iso3="GHA")
    with django_capture_on_commit_callbacks(execute=True):
        ghana.name = "Ghanaland"
        ghana.save()
    assert found("ghanaland") == ["GHA"]


def test_the_results_page_runs_the_same_number_of_queries_for_one_result_or_many(client):
    published_review("GHA", sections={2: "Labour migration agreements."})
    url = "/en/reviews/?q=labour+migration"
    one = _queries(lambda: client.get(url))
    for iso3 in ["SEN", "MLI", "TGO"]:
        published_review(iso3, sections={2: "Labour migration.", 3: "Labour migration again."})
    from django.core.cache import cache

    cache.clear()
    assert _queries(lambda: client.get(url)) == one


def _seeded_library() -> None:
    """Twelve reviews of ~300 words each, two per language, from the bench's text generator
    (half of their paragraphs hold the sentence the bench searches for)."""
    rng = random.Random(17)
    states = ["GHA", "SEN", "FRA", "MLI", "ESP", "MEX", "JOR", "EGY", "CHN", "SGP", "RUS", "KAZ"]
    languages = ["en", "fr", "es", "ar", "zh-hans", "ru"]
    for i, iso3 in enumerate(states):
        language = languages[i // 2]
        vocab = vocabulary(language, random.Random(language), size=300)
        sections = {
            n: text_of(rng, language, vocab, 60, key_rate=0.5 if i % 2 else 0.1)[0]
            for n in range(1, 6)
        }
        published_review(iso3, language=language, sections=sections)


QUERIES = [
    "labour migration",
    "移民工人",
    "travailleurs migrants",
    "migración",
    "миграции",
    "العمال",
    '"regular pathways"',
    "rights or droits",
    "migration -pathways",
    "Ghana migration",
    "intégration",
]


def _everything(q: str, documents) -> list:
    results = list(search_reviews(documents, q))
    found = snippets([r.pk for r in results], q)
    return [(r.pk, round(r.rank, 6), found.get(r.pk)) for r in results]


def test_results_are_those_of_the_previous_implementation(monkeypatch):
    _seeded_library()
    assert KEY_SENTENCES  # the generator's search phrase is in the texts
    for q in QUERIES:
        for documents in (published_reviews(), published_documents()):
            monkeypatch.setattr(search_match, "ONE_PASS", False)
            before = _everything(q, documents)
            monkeypatch.setattr(search_match, "ONE_PASS", True)
            after = _everything(q, documents)
            assert after == before, q
    assert len(_everything("labour migration", published_reviews())) > 0


def test_the_query_is_read_in_every_configuration_and_folded_in_simple():
    sql, params = search_match.search_query("Intégration 移民").as_sql(None, connection)
    branches = ", ".join(["(websearch_to_tsquery(%s::regconfig, %s))::text"] * 7)
    assert sql == search_match.DISTINCT_BRANCHES % branches  # each different branch once
    text = 'Intégration  "zhe7a7bbe6b091" '  # the Han run as a phrase of hex bigrams
    assert params == [
        *("arabic", text, "english", text, "french", text, "russian", text),
        *("simple", text, "spanish", text, "simple", text.replace("é", "e").lower()),
    ]


def test_words_left_out_are_read_in_every_configuration_too():
    _, params = search_match.search_query("data", '"brain drain"').as_sql(None, connection)
    assert params[1::2] == ["data"] * 7 + ['"brain drain"'] * 7


def test_the_search_vectors_are_kept_in_their_rows_where_they_fit():
    # Migration 0019: the ranking reads every matching part's vector; out of line, each read
    # cost a few TOAST lookups.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'reviews_publishedpart'::regclass"
            " AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


@pytest.mark.parametrize("q", ["labour migration", '"labour migration"', "移民工人"])
def test_each_matching_part_is_ranked_once(q):
    """The rank statement reads the matching parts as a CTE that is not materialized (the scan
    feeds the window's sort directly): `ts_rank` must still be computed once per part, by the
    scan, and only referred to above it (EXPLAIN VERBOSE writes a reference in parentheses).
    Seen failing with the rank computed a second time in a condition on it."""
    from reviews.search import best_ranks_statement
    from reviews.search_query import parse_query

    published_review("GHA", sections={2: "Labour migration. 移民工人"})
    sql, params = best_ranks_statement(parse_query(q))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (VERBOSE, COSTS OFF) {sql}", params)
        plan = [line for (line,) in cursor.fetchall()]
    computed = [line.strip() for line in plan if _computes_rank(line.strip())]
    assert len(computed) == 1, "\n".join(plan)
    assert computed[0].startswith("Output:")  # the scan's
    assert sum("(ts_rank(" in line for line in plan) >= 2  # the sort and window read its value


def _computes_rank(line: str) -> bool:
    """Whether a line of EXPLAIN VERBOSE computes `ts_rank`: in a node's output, a value
    computed below is written in parentheses; a sort key only names a value; any other
    expression (a filter, a condition) computes what it holds."""
    if line.startswith("Output:"):
        return re.search(r"(?<!\()ts_rank\(", line) is not None
    return "ts_rank(" in line and not line.startswith("Sort Key:")
