"""A search with a phrase (quoted words, a hyphenated word, any Chinese run) reads each
matching part's vector once (issue 17, item 3): the index is asked for the phrase's words, each
vector is read into memory once, then checked for the phrase and ranked from there
(`reviews.search.PHRASE_RANKED_PARTS_SQL`). The parts found and their ranks must be those of
the plain statement (`RANKED_PARTS_SQL`: the index asked for the phrase, the vectors read again
to rank them), to the last bit, and a part that holds the words but not in a row is not found.

Marked `postgresql`: phrases, the GIN index and ts_rank are PostgreSQL's."""

import pytest
from django.db import connection

from reviews import search
from reviews.search_match import normalise_query, search_query
from reviews.search_query import parse_query
from tests.publishing import published_review
from tests.reviews.test_search_one_pass import _seeded_library

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

PHRASES = [
    "移民工人",
    "工人移民",
    '"labour migration"',
    '"migration labour"',
    '"regular pathways" or 移民',
    "well-being of workers",
    '"-pathways regular"',
]


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _plain_statement(q: str) -> tuple[str, list]:
    """The ranks' statement as it was before phrases had their own: the index asked for the
    phrase, each part's vector read by the recheck and again by ts_rank."""
    sql, params = search_query(parse_query(normalise_query(q)).websearch()).as_sql(None, connection)
    parts = search.RANKED_PARTS_SQL.format(query=sql)
    return search.best_ranks_sql(parts), [
        *params,
        *params,
    ]


def _library() -> dict[str, int]:
    _seeded_library()
    near = published_review(
        "PER",
        sections={
            1: "Labour migration and the well-being of workers.",
            2: "移民工人的权利。",  # the phrase, in a row
            3: "Migration of labour.",
        },
    )
    apart = published_review(
        "CHL",
        sections={
            1: "Labour, then migration: the words apart.",
            2: "工人和移民。",  # the words of 移民工人, not in a row
            3: "Being well.",
        },
    )
    return {"near": near.pk, "apart": apart.pk}


def test_a_phrase_finds_and_ranks_what_the_plain_statement_found_and_ranked():
    reviews = _library()
    for q in PHRASES:
        query = parse_query(normalise_query(q))
        sql, params = search.best_ranks_statement(query)
        assert "setweight" in sql, q  # the statement for phrases
        plain = _rows(*_plain_statement(q))
        assert _rows(sql, params) == plain, q
    assert reviews["near"] in _found("移民工人")
    assert reviews["apart"] not in _found("移民工人")  # its part holds 工人 and 移民, apart
    assert reviews["near"] in _found('"labour migration"')
    assert reviews["apart"] not in _found('"labour migration"')


def _found(q: str) -> set[int]:
    return {document for document, *_ in _rows(*search.best_ranks_statement(parse_query(q)))}


def test_words_without_a_phrase_keep_the_plain_statement():
    _library()
    for q in ["labour migration", "rights or droits", "Peru workers"]:
        sql, params = search.best_ranks_statement(parse_query(normalise_query(q)))
        assert "setweight" not in sql, q
        assert _rows(sql, params) == _rows(*_plain_statement(q)), q
