"""Which published parts match what was typed: the SQL side of the public search, shared by the
ranking (`reviews.search`) and the snippets (`reviews.search_snippets`).

PostgreSQL: the clauses are parsed once per UN language configuration (websearch syntax) and the
queries are OR-ed with the folded query in 'simple', which meets the folded copy of the text
each stored vector holds (`public_index`): a constant query meets the GIN index. Han runs in the
query become the same hex bigrams the index stores, quoted as a phrase.

SQLite (the embedded default): the folded text (SQL function `gcm_fold`) must contain each
clause's word or phrase; no stemming.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField

from reviews.models import PublishedPart
from reviews.public_index import HAN_RUN, SEARCH_CONFIGS, han_ngrams
from reviews.search_query import (
    Query,
    fold,
    parse_query,
    register_sqlite_fold,
    sqlite_fold,
)

MAX_QUERY_LENGTH = 200
# False: the previous implementation (a rank subquery per review, ts_headline over whole parts),
# kept only so that bench/search.py measures both in one run; nothing else sets it.
ONE_PASS = True


def normalise_query(q: str) -> str:
    return " ".join((q or "").split())[:MAX_QUERY_LENGTH]


def postgres_query_text(q: str) -> str:
    """Rewrite Han runs as hex bigrams; outside quotes a run becomes a quoted phrase."""
    out, quoted = [], False
    for piece in re.split(r'(")', q):
        if piece == '"':
            quoted = not quoted
            out.append(piece)
            continue

        def bigrams(match, quoted=quoted):
            tokens = " ".join(han_ngrams(match.group(0)))
            return f" {tokens} " if quoted else f' "{tokens}" '

        out.append(HAN_RUN.sub(bigrams, piece))
    return "".join(out)


def search_query(q: str) -> SearchQuery | None:
    """Websearch text in every UN language's configuration, and folded (no accents, no case)
    in 'simple', which meets the folded copy of the text each stored vector also holds."""
    if not q:
        return None
    text = postgres_query_text(q)
    query = None
    for config in sorted(set(SEARCH_CONFIGS.values())):
        part = SearchQuery(text, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query | SearchQuery(fold(text), config="simple", search_type="websearch")


def _sqlite_match(item: str) -> Q:
    # The folded text (registered function `gcm_fold`, see search_query) holds the item's words.
    return Q(folded__contains=sqlite_fold(item))


def parts_matching(clauses: Query) -> QuerySet:
    """Parts that match every clause (one of its alternatives), none if there is no clause."""
    if not clauses.clauses:
        return PublishedPart.objects.none()
    if connection.vendor == "postgresql":
        return PublishedPart.objects.filter(search_vector=search_query(clauses.websearch()))
    condition = Q()
    for alternatives in clauses.clauses:
        either = Q()
        for item in alternatives:
            either |= _sqlite_match(item)
        condition &= either
    return _folded_parts().filter(condition)


def _folded_parts() -> QuerySet:
    connection.ensure_connection()
    register_sqlite_fold(connection)
    return PublishedPart.objects.annotate(
        folded=Func(F("text"), function="gcm_fold", output_field=TextField())
    )


def documents_excluded(query: Query) -> QuerySet:
    """Ids of the documents with a part that holds a word or phrase after a minus."""
    if not query.excluded:
        return PublishedPart.objects.none().values("document_id")
    if connection.vendor == "postgresql":
        search = None
        for item in query.excluded:
            one = search_query(item)
            search = one if search is None else search | one
        parts = PublishedPart.objects.filter(search_vector=search)
    else:
        condition = Q()
        for item in query.excluded:
            condition |= _sqlite_match(item)
        parts = _folded_parts().filter(condition)
    return parts.values("document_id")


def matching_parts(q: str) -> QuerySet:
    """Parts that match the words (not the State names), of documents without a word left out."""
    query = parse_query(normalise_query(q))
    parts = parts_matching(query)
    if query.excluded:
        parts = parts.exclude(document_id__in=documents_excluded(query))
    return parts
