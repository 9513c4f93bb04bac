"""Full-text search over published reviews (`PublishedPart`), with highlighted snippets.

What was typed is read the same way on every backend (`reviews.search_query`): clauses that must
all match, each a choice of words or "phrases" (`or`), words left out (`-word`: a review with
a part that holds one is left out), and State names (a State's review matches its name, the
other words then being looked for in its parts). Accents and case never matter. Which parts
match is `reviews.search_match`; the passages shown are `reviews.search_snippets`.

PostgreSQL: a review's rank is ts_rank of its best-matching part, plus one for a State named,
computed in ONE pass over the index's matches (one query grouped by document), then handed to
the reviews' query as a JSON object {document id: rank} that it filters and sorts by: a
subquery per review read every part of every matching review again, and joining the parts
to the reviews' query would group the whole row (its own subqueries then run once per part).
The same pass keeps each document's best parts, in the passages' order, and whether it is a
published review (`Ranks`): the passages of a results page are then read without ranking its
parts again, and the list counts what a search alone found without a COUNT query.
SQLite (the embedded default): most recent publications first; no stemming.
"""

import json
from collections.abc import Mapping

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from reviews import search_match
from reviews.models import PublishedPart
from reviews.search_match import (
    MAX_QUERY_LENGTH,
    documents_excluded,
    matches,
    matching_parts,
    normalise_query,
    parts_matching,
    postgres_query_text,
    search_query,
)
from reviews.search_query import Query, find_states, parse_query
from reviews.search_snippets import (
    SNIPPETS_PER_REVIEW,
    START,
    STOP,
    Snippet,
    _highlight,
    snippets,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "START",
    "STOP",
    "Ranks",
    "Snippet",
    "_highlight",
    "_postgres_query_text",
    "best_ranks",
    "matching_parts",
    "normalise_query",
    "reviews_found",
    "search_reviews",
    "snippets",
]
_postgres_query_text = postgres_query_text  # the name tests/reviews/test_search.py imports


class BestParts(Mapping):
    """{document id: its best-matching parts as (kind, number), best first}, each list built
    when asked: a results page asks for its twenty documents' (`search_snippets.snippets`),
    and building one for each of the hundreds found grew with the archive (issue 17)."""

    def __init__(self, places: dict[int, tuple]):
        """`places`: {document id: (kind, number, kind, number, …), None where it has fewer}."""
        self._places = places

    def __getitem__(self, document_id: int) -> list[tuple[str, int]]:
        places = self._places[document_id]
        pairs = zip(places[::2], places[1::2], strict=True)
        return [place for place in pairs if place[0] is not None]

    def __contains__(self, document_id) -> bool:
        return document_id in self._places

    def __iter__(self):
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


class Ranks(dict):
    """{document id: rank of its best-matching part}, and in `best_parts` {document id: its
    best-matching parts as (kind, number), best first, up to `SNIPPETS_PER_REVIEW`}: the
    ranking already orders every matching part, so the passages of a results page are read from
    here rather than by ranking the page's parts again (`reviews.search_snippets.snippets`)."""

    def __init__(self, rows=()):
        """`rows`: (document, rank, is a published review, published at, then the kind and
        number of each of its best parts, best first: None where it has fewer) per document.
        Read column by column (`zip`), not row by row in Python: there is a row per document
        found, hundreds at 4,000 reviews."""
        columns = list(zip(*rows, strict=True)) or [()] * 4  # no row: four empty columns
        ids, ranks, published_review, published_at, *places = columns
        super().__init__(zip(ids, ranks, strict=True))
        best = zip(ids, zip(*places, strict=True), strict=True) if places else ()
        self.best_parts = BestParts(dict(best))
        # Which of them are published national reviews, and when each was published: how many
        # is the list's count, and its order, when the search is all it asks (`reviews_found`,
        # `reviews_in_order`), without a query over the same ids again.
        self.reviews: dict[int, object] = {
            pk: at
            for pk, review, at in zip(ids, published_review, published_at, strict=True)
            if review
        }

    def reviews_in_order(self) -> list[int]:
        """The published reviews found, in the order `search_reviews` gives them when no State
        is named: best rank first, then the latest publication, then by id."""
        ids = sorted(self.reviews)
        ids.sort(key=self.reviews.__getitem__, reverse=True)  # sorts are stable, reversed too
        ids.sort(key=self.__getitem__, reverse=True)
        return ids

    @property
    def published_reviews(self) -> int:
        return len(self.reviews)

    def only(self, *, reviews: bool) -> dict[int, float]:
        """{document id: rank} of the published national reviews (`reviews`), or of every other
        document: what the list of reviews, or that of the other kinds' documents, can show.
        Each list's query then carries its own ids and ranks, not the other list's too."""
        return {pk: rank for pk, rank in self.items() if (pk in self.reviews) == reviews}


def _state_field(reviews: QuerySet) -> str:
    names = {f.name for f in reviews.model._meta.get_fields()}
    return "member_state" if "member_state" in names else "national_review__member_state"


def search_reviews(reviews: QuerySet, q: str, ranks: dict[int, float] | None = None) -> QuerySet:
    """The reviews that match what the help under the search box says, best first (`rank`):
    a part holds the words, or the review is of a State named and a part holds the other
    words; none holds a word left out, and it is no State left out. `ranks`: `best_ranks(q)`
    when the caller has it already (a search of the reviews and of the other kinds' documents
    then reads the index's matches once, not twice)."""
    query = parse_query(normalise_query(q))
    states, rest, excluded_states = find_states(query)
    state = _state_field(reviews)
    one_pass = _one_pass(query)
    if not one_pass:
        ranks = {}
    elif ranks is None:
        ranks = _best_ranks(query)
    if query.clauses:
        if one_pass:
            found = Q(AmongIds(F("pk"), list(ranks)))
        else:
            found = Q(pk__in=parts_matching(query).values("document_id"))
        if states:
            of_state = Q(**{f"{state}__in": states})
            if rest.clauses:
                of_state &= Q(pk__in=parts_matching(rest).values("document_id"))
            found |= of_state
        reviews = reviews.filter(found)
    elif not query.excluded:
        return reviews.none()
    if query.excluded:
        reviews = reviews.exclude(pk__in=documents_excluded(query))
    if excluded_states:
        reviews = reviews.exclude(**{f"{state}__in": excluded_states})
    boost = (
        Case(When(**{f"{state}__in": states}, then=Value(1.0)), default=Value(0.0))
        if states
        else Value(0.0)
    )
    if one_pass:
        rank = RankIn(ranks, F("pk")) + boost
    elif connection.vendor == "postgresql" and query.clauses:
        rank = _rank_per_review(query) + boost
    else:
        rank = boost
    return reviews.annotate(rank=rank).order_by("-rank", "-published_at", "pk")


def _one_pass(query: Query) -> bool:
    return connection.vendor == "postgresql" and bool(query.clauses) and search_match.ONE_PASS


def best_ranks(q: str) -> Ranks | None:
    """What `search_reviews(..., q)` ranks by, to hand to several of its calls: {document id:
    rank of its best-matching part} of every document, whatever its kind; None where it does not
    rank in one pass (SQLite, a query of left-out words only)."""
    query = parse_query(normalise_query(q))
    return _best_ranks(query) if _one_pass(query) else None


# Written once as SQL (the ORM compiled the aggregate on every search). The parts' order within
# a document is the passages' order (`search_snippets._ranked`): rank, then kind and number; a
# document's rank is its first part's. One sort of the matching parts orders them: two ordered
# aggregates per document (array_agg ... ORDER BY) cost a sort each, more than the ranking.
# The tsquery is written twice, as the ORM wrote it: each is an InitPlan computed once, and the
# one in WHERE a constant that the GIN index answers. NOT MATERIALIZED: the scan feeds the
# window's sort directly instead of through a stored copy of every matching part (5,854 rows
# at 4,000 reviews): 0.96 of the time in English at 800 and 4,000 reviews, the same rows;
# ts_rank is still computed once per part, by the scan.
# One row per document: its best part, the next ones' (kind, number) beside it (`lead()` over
# the same window: {followers}), and whether it is a published review and when it was
# published, looked up by primary key. A row per part, a document's first alone carrying the
# date, sent three times the rows: 2,004 at 4,000 reviews, whose transfer and reading were
# 0.6 ms more, growing with the archive.
BEST_RANKS_SQL = """
WITH parts AS NOT MATERIALIZED (
    {parts})
SELECT ranked.document_id, ranked.rank,
       document.published_revision_id IS NOT NULL AND review.id IS NOT NULL,
       document.published_at, ranked.kind, ranked.number{followers}
  FROM (SELECT parts.*, ROW_NUMBER() OVER same AS place{leads}
          FROM parts
        WINDOW same AS (PARTITION BY document_id ORDER BY rank DESC, kind, number)) AS ranked
  JOIN reviews_document AS document ON document.id = ranked.document_id
  LEFT JOIN reviews_voluntaryreview AS review ON review.id = ranked.document_id
 WHERE ranked.place = 1"""


def best_ranks_sql(parts: str) -> str:
    """`BEST_RANKS_SQL` ranking the parts that `parts` selects, with the (kind, number) of each
    document's `SNIPPETS_PER_REVIEW` best parts."""
    places = range(1, SNIPPETS_PER_REVIEW)
    return BEST_RANKS_SQL.format(
        parts=parts,
        followers="".join(f", ranked.kind_{n}, ranked.number_{n}" for n in places),
        leads="".join(
            f", lead(kind, {n}) OVER same AS kind_{n}, lead(number, {n}) OVER same AS number_{n}"
            for n in places
        ),
    )


RANKED_PARTS_SQL = """SELECT document_id, kind, number, ts_rank(search_vector, {query}) AS rank
      FROM reviews_publishedpart
     WHERE search_vector @@ {query}"""
# A phrase ("…", and every Han run: its bigrams must be adjacent) is one the GIN index cannot
# check: it hands over the parts that hold the phrase's words, and the scan reads each part's
# vector to check the positions ("Recheck"), then ts_rank reads it again. A vector of a
# Chinese part is some 15 kB, compressed and stored out of line: reading it was most of the
# search, and it was read twice. Here the index is asked for the words alone ({wide}: no
# recheck), each vector is read once into memory (setweight(…, 'D') returns it in memory,
# unchanged: the index stores no weights, every position is D), then checked for the phrase
# and ranked from there. OFFSET 0 keeps that read in its own step. Same parts, same ranks.
PHRASE_RANKED_PARTS_SQL = """SELECT document_id, kind, number, ts_rank(vector, {query}) AS rank
      FROM (SELECT document_id, kind, number, setweight(search_vector, 'D') AS vector
              FROM reviews_publishedpart
             WHERE search_vector @@ {wide}
            OFFSET 0) AS found
     WHERE vector @@ {query}"""


def _best_ranks(query: Query) -> Ranks:
    """{document id: ts_rank of its best-matching part} and its best parts, in one pass over
    the index's matches (one query, whatever the number of documents)."""
    with connection.cursor() as cursor:
        cursor.execute(*best_ranks_statement(query))
        return Ranks(cursor.fetchall())


def best_ranks_statement(query: Query) -> tuple[str, list]:
    """`BEST_RANKS_SQL` for `query` and its parameters (bench/search.py explains it)."""
    text = query.websearch()
    search = search_query(text)
    search_sql, params = search.as_sql(None, connection)
    wide = search_query(text, phrases_as_words=True)
    if wide.params == search.params:  # no phrase: the index checks it all
        parts = RANKED_PARTS_SQL.format(query=search_sql)
        params = [*params, *params]
    else:
        wide_sql, wide_params = wide.as_sql(None, connection)
        parts = PHRASE_RANKED_PARTS_SQL.format(query=search_sql, wide=wide_sql)
        params = [*params, *wide_params, *params]
    return best_ranks_sql(parts), params


def reviews_found(q: str, ranks: Ranks | None) -> int | None:
    """How many published reviews `search_reviews(published_reviews(), q, ranks)` finds, when
    `ranks` alone says it: every review found then holds the words. None when a State is named
    or left out, or a word left out (the ranks do not say which reviews those add or remove)."""
    if ranks is None:
        return None
    query = parse_query(normalise_query(q))
    states, _, excluded_states = find_states(query)
    if states or excluded_states or query.excluded:
        return None
    return ranks.published_reviews


class AmongIds(Func):
    """`pk = ANY(%s)`: whether the row is one of `ids`, the ids passed as ONE array parameter.
    `pk__in=ids` wrote, prepared and bound a placeholder per id: with thousands of documents
    found that was a millisecond per thousand, growing with the archive."""

    output_field = BooleanField()

    def __init__(self, pk, ids: list[int]):
        super().__init__(pk)
        self.ids = ids

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.get_source_expressions()[0])
        return f"{pk} = ANY(%s)", (*params, self.ids)


class RankIn(Func):
    """A document's rank looked up in a JSON object {document id: rank} (0 if it is not
    there): a binary search per row, where a subquery per row read the document's parts. The
    JSON is written when the query is compiled: a page cut from the ranks' own order
    (`Ranks.reviews_in_order`) never runs it, and need not write thousands of ranks."""

    output_field = FloatField()

    def __init__(self, ranks: dict[int, float], pk):
        super().__init__(pk)
        self.ranks = ranks

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.get_source_expressions()[0])
        sql = f"COALESCE(((%s)::jsonb ->> ({pk})::text)::float8, 0)"
        return sql, (json.dumps(self.ranks), *params)


def _rank_per_review(query: Query) -> Coalesce:
    """The previous way, kept for bench/search.py to compare: a subquery per review."""
    search = search_query(query.websearch())
    best = (
        PublishedPart.objects.filter(matches(search), document_id=OuterRef("pk"))
        .annotate(part_rank=SearchRank(F("search_vector"), search))
        .values("document_id")
        .annotate(best=Max("part_rank"))
        .values("best")
    )
    return Coalesce(Subquery(best), Value(0.0), output_field=FloatField())
