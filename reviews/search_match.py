"""Which published parts match what was typed: the SQL side of the public search, shared by the
ranking (`reviews.search`) and the snippets (`reviews.search_snippets`).

PostgreSQL: the clauses are parsed once per UN language configuration (websearch syntax) and the
queries are OR-ed with the folded query in 'simple', which meets the folded copy of the text
each stored vector holds (`public_index`): a constant query meets the GIN index. Han runs in the
query become the same hex bigrams the index stores, quoted as a phrase. That tsquery is written
as SQL once (`WebSearch`) and matched with `Matches`: built from Django's SearchQuery it was a
tree of some twenty expressions that the ORM resolved and copied again in every query of a
results page, and compiling those queries took about as long as running them.

SQLite (the embedded default): the folded text (SQL function `gcm_fold`) must contain each
clause's word or phrase; no stemming.
"""

import re

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, Expression, F, Func, Q, QuerySet, TextField

from reviews.models import PublishedPart
from reviews.public_index import HAN_CHARACTER_PATTERN, HAN_RUN, SEARCH_CONFIGS, han_ngrams
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
# False: every configuration's branch of the tsquery kept, duplicates included, and ts_headline
# called on Chinese passages too (issue 17 before item 3's last changes); kept only so that
# bench/search.py and tests/reviews/test_search_lean.py compare both; nothing else sets it.
LEAN = True


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


# The same tsquery without its repeated branches: most configurations read most words alike
# (`labour migration` gives 2 different branches out of 7, a Han phrase 1), and every matching
# part was tested and ranked against each copy. Exact: `@@` does not care, and ts_rank of an
# OR counts each distinct word once (tsrank.c, SortAndUniqItems); one branch met
# several times stays an OR of two copies (ts_rank scores an AND differently), an empty branch
# vanishes as `||` makes it vanish, and nothing left is NULL (matches nothing, as the empty
# tsquery). One InitPlan per query: computed once, and the GIN index still answers `@@`.
# Not for ts_headline: it counts a word once per copy of it in the query (wparser_def.c,
# hlfinditem's `repeated` entries), so its fragments' lengths depend on the copies.
DISTINCT_BRANCHES = """(SELECT (CASE WHEN count(DISTINCT branch) = 1 AND count(*) > 1
                    THEN '(' || min(branch) || ') | (' || min(branch) || ')'
                    ELSE string_agg(DISTINCT '(' || branch || ')', ' | ') END)::tsquery
      FROM unnest(ARRAY[%s]) AS branches(branch) WHERE branch <> '')"""


# A Han character on its own in the query (a run of one). The index holds a character only where
# it starts no bigram (`public_index.han_index_text`), so the query asks for every token that
# starts with it, bigram or character: 'zh<its 6 hex digits>':*, a prefix, which websearch
# syntax cannot say; the tsquery's text is rewritten instead. Bigrams (12 hex digits) stay.
HAN_CHARACTER = re.compile(rf"\b{HAN_CHARACTER_PATTERN}\b")


def _han_characters_as_prefixes(piece: str) -> str:
    """`piece` (SQL of a tsquery) with its one-character tokens made prefixes."""
    pattern = f"'''({HAN_CHARACTER_PATTERN})'''"
    return f"regexp_replace(({piece})::text, {pattern}, '''\\1'':*', 'g')::tsquery"


class WebSearch(Expression):
    """The tsquery of websearch texts, OR-ed: each in every UN language's configuration, and
    folded (no accents, no case) in 'simple', which meets the folded copy of the text each
    stored vector also holds. Its SQL is written once, here, not compiled per query."""

    output_field = SearchQueryField()

    def __init__(self, *texts: str, every_branch: bool = False, phrases_as_words: bool = False):
        super().__init__()
        configs = sorted(set(SEARCH_CONFIGS.values()))
        self.params, han_character = [], False
        for text in map(postgres_query_text, texts):
            if phrases_as_words:
                text = _phrases_as_words(text)
            han_character = han_character or HAN_CHARACTER.search(text) is not None
            self.params += [value for config in configs for value in (config, text)]
            self.params += ["simple", fold(text)]
        piece = "websearch_to_tsquery(%s::regconfig, %s)"
        if han_character:
            piece = _han_characters_as_prefixes(piece)
        pieces = [piece] * (len(self.params) // 2)
        self.sql = "(" + " || ".join(pieces) + ")"
        if LEAN and not every_branch:
            self.sql = DISTINCT_BRANCHES % ", ".join(f"({piece})::text" for piece in pieces)

    def as_sql(self, compiler, connection):
        return self.sql, list(self.params)


class Matches(Func):
    """`vector @@ query`, a condition for `filter()` (the `search_vector=` lookup accepts
    Django's SearchQuery only)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _phrases_as_words(text: str) -> str:
    """`text` (websearch syntax, Han runs already bigrams) with every phrase's words required
    anywhere rather than in a row: without its quotes, and without a hyphen, which websearch
    would read as NOT at the start of a word. What matches `text` matches this too (its words
    are among the phrase's), so it can pick the parts to check for the phrases themselves."""
    return text.replace('"', " ").replace("-", " ")


def search_query(
    *texts: str, every_branch: bool = False, phrases_as_words: bool = False
) -> WebSearch | None:
    """What the parts' vectors are matched and ranked against: any of `texts`, in websearch
    syntax, in every configuration; None when there is nothing to look for. `every_branch`:
    with its repeated branches, for ts_headline, whose choice of fragments depends on them.
    `phrases_as_words`: a phrase's words anywhere (`_phrases_as_words`)."""
    texts = tuple(text for text in texts if text)
    if not texts:
        return None
    return WebSearch(*texts, every_branch=every_branch, phrases_as_words=phrases_as_words)


def matches(query: WebSearch) -> Matches:
    return Matches(F("search_vector"), query)


def _sqlite_match(item: str) -> Q:
    # The folded text (registered function `gcm_fold`, see search_query) holds the item's words.
    return Q(folded__contains=sqlite_fold(item))


def parts_matching(clauses: Query) -> QuerySet:
    """Parts that match every clause (one of its alternatives), none if there is no clause."""
    if not clauses.clauses:
        return PublishedPart.objects.none()
    if connection.vendor == "postgresql":
        return PublishedPart.objects.filter(matches(search_query(clauses.websearch())))
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
        parts = PublishedPart.objects.filter(matches(search_query(*query.excluded)))
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
