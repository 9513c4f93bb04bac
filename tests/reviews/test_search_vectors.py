"""What a published part's search vector holds and how it is stored (issue 17, item 3: a search
reads every matching part's vector, so its size and its decompression grow with the archive).

- Han runs are indexed by their bigrams and characters only, not also as words of the text and
  of its folded copy: a query's Han runs become bigrams too, so those words were never met.
- Of the characters, only those that start no bigram (each run's last): a query of one
  character asks for a prefix, which meets it in its bigrams too. Every character is still
  found, and a query of two or more characters ranks each part as when every character was
  indexed (the vectors are compared below).
- A Chinese part's vector is stored with lz4 (it is stored out of its row whatever the method,
  and lz4 decompresses faster); another language's with the default, pglz.

Marked `postgresql`: vectors, compression and search are PostgreSQL's."""

import pytest
from django.db import connection

from reviews.public_index import HAN_RUN, _han_token, _lz4_available, han_index_text, han_ngrams
from reviews.search import search_reviews
from reviews.search_match import search_query
from reviews.search_query import parse_query
from reviews.selectors import published_reviews
from tests.publishing import published_review

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _vectors(review) -> list[tuple[str, list[str], str]]:
    """(language, lexemes, compression) of each of `review`'s parts that has a vector."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT language, tsvector_to_array(search_vector),
                      coalesce(pg_column_compression(search_vector), 'none')
                 FROM reviews_publishedpart WHERE document_id = %s AND search_vector IS NOT NULL""",
            [review.pk],
        )
        return cursor.fetchall()


def test_han_runs_are_indexed_as_bigrams_and_the_characters_no_bigram_starts():
    text = "国际移民工人的权利。Migration 移民 rights, Ghana. 人"
    review = published_review("CHN", language="zh-hans", sections={1: text})
    lexemes = {lexeme for _, words, _ in _vectors(review) for lexeme in words}
    assert not [word for word in lexemes if HAN_RUN.search(word)]  # no Han run as a word
    assert {"migration", "rights", "ghana"} <= lexemes  # the other words are
    assert "zhe7a7bbe6b091" in lexemes  # 移民, a bigram
    characters = {word for word in lexemes if len(word) == len("zh") + 6}
    # Each run's last character (利, 民, and 人 a run of one), not those that start a bigram.
    assert characters == {_han_token(run[-1]) for run in ("国际移民工人的权利", "移民", "人")}
    for q in ["移民工人", "工人", "权利", "国际移民", "migration 移民", "Ghana 权利"]:
        assert [r.pk for r in search_reviews(published_reviews(), q)] == [review.pk], q
    assert list(search_reviews(published_reviews(), "移民国际")) == []  # not in a row
    for character in set("".join(HAN_RUN.findall(text))):
        found = [r.pk for r in search_reviews(published_reviews(), character)]
        assert found == [review.pk], character  # every character, wherever it is in its run
    assert list(search_reviews(published_reviews(), "治")) == []
    assert list(search_reviews(published_reviews(), "国际 -民")) == []  # left out: 民 in 移民


def _every_character_indexed(text: str) -> str:
    """The Han index text as it was before: bigrams, then every character."""
    runs = HAN_RUN.findall(text)
    bigrams = " ".join(" ".join(han_ngrams(run)) for run in runs if len(run) > 1)
    return bigrams + " " + " ".join(_han_token(ch) for run in runs for ch in run)


SEVERAL_CHARACTERS = ["移民工人", "工人", "国际移民", "移民 权利", '"工人的" 权利', "移民 or 难民"]


@pytest.mark.parametrize("q", SEVERAL_CHARACTERS)
def test_a_query_of_several_characters_ranks_as_when_every_character_was_indexed(q):
    text = "国际移民工人的权利。移民工人和移民家庭。工人权利，工人工人。难民"
    search_sql, params = search_query(parse_query(q).websearch()).as_sql(None, connection)
    vectors = "to_tsvector('simple', %s) AS now, to_tsvector('simple', %s) AS before"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank(now, q), ts_rank(before, q), now @@ q, before @@ q "  # noqa: S608
            f"FROM (SELECT {vectors}, {search_sql} AS q) AS part",
            [han_index_text(text), _every_character_indexed(text), *params],
        )
        now, before, found_now, found_before = cursor.fetchone()
    assert found_now and found_before
    assert now == before > 0


def test_chinese_vectors_are_stored_with_lz4_the_others_with_the_default():
    if not _lz4_available():
        pytest.skip("this PostgreSQL has no lz4")
    # Long enough to be compressed: PostgreSQL compresses a value only past about 2 kB.
    chinese = "".join(chr(0x4E00 + (i * 37) % 4000) for i in range(1200))
    english = " ".join(f"migrant{i} worker{i}" for i in range(600))
    zh = published_review("CHN", language="zh-hans", sections={2: chinese})
    en = published_review("GHA", language="en", sections={2: english})
    assert {method for lang, _, method in _vectors(zh) if lang == "zh-hans"} >= {"lz4"}
    assert "lz4" not in {method for _, _, method in _vectors(en)}
    # The setting went back to the default for what the transaction stored next.
    with connection.cursor() as cursor:
        cursor.execute("SHOW default_toast_compression")
        assert cursor.fetchone()[0] == "pglz"
