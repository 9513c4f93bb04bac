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
SQLite (the embedded default): most recent publications first; no stemming.
"""

import json

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import (
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
from reviews.search_snippets import START, STOP, Snippet, _highlight, snippets

__all__ = [
    "MAX_QUERY_LENGTH",
    "START",
    "STOP",
    "Snippet",
    "_highlight",
    "_postgres_query_text",
    "best_ranks",
    "matching_parts",
    "normalise_query",
    "search_reviews",
    "snippets",
]
_postgres_query_text = postgres_query_text  # the name tests/reviews/test_search.py imports


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
            found = Q(pk__in=list(ranks))
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
        rank = RankIn(Value(json.dumps(ranks)), F("pk")) + boost
    elif connection.vendor == "postgresql" and query.clauses:
        rank = _rank_per_review(query) + boost
    else:
        rank = boost
    return reviews.annotate(rank=rank).order_by("-rank", "-published_at", "pk")


def _one_pass(query: Query) -> bool:
    return connection.vendor == "postgresql" and bool(query.clauses) and search_match.ONE_PASS


def best_ranks(q: str) -> dict[int, float] | None:
    """What `search_reviews(..., q)` ranks by, to hand to several of its calls: {document id:
    rank of its best-matching part} of every document, whatever its kind; None where it does not
    rank in one pass (SQLite, a query of left-out words only)."""
    query = parse_query(normalise_query(q))
    return _best_ranks(query) if _one_pass(query) else None


def _best_ranks(query: Query) -> dict[int, float]:
    """{document id: ts_rank of its best-matching part}, in one pass over the index's matches
    (one query, whatever the number of documents)."""
    search = search_query(query.websearch())
    return dict(
        parts_matching(query)
        .order_by()
        .values("document_id")
        .annotate(best=Max(SearchRank(F("search_vector"), search)))
        .values_list("document_id", "best")
    )


class RankIn(Func):
    """A document's rank looked up in a JSON object {document id: rank} (0 if it is not
    there): a binary search per row, where a subquery per row read the document's parts."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        ranks, pk = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"COALESCE((({ranks[0]})::jsonb ->> ({pk[0]})::text)::float8, 0)"
        return sql, (*ranks[1], *pk[1])


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
