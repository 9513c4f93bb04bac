"""Full-text search over published reviews (`PublishedPart`), with highlighted snippets.

What was typed is read the same way on every backend (`reviews.search_query`): clauses that must
all match, each a choice of words or "phrases" (`or`), words left out (`-word`: a review with
a part that holds one is left out), and State names (a State's review matches its name, the
other words then being looked for in its parts). Accents and case never matter.

PostgreSQL: the clauses are parsed once per UN language configuration (websearch syntax) and the
queries are OR-ed with the folded query in 'simple', which meets the folded copy of the text
each stored vector holds (`public_index`): a constant query meets the GIN index. Han runs in the
query become the same hex bigrams the index stores, quoted as a phrase. Ranking is ts_rank of a
review's best-matching part, plus one for a State named. Snippets come from ts_headline in the
part's own configuration or, where it marks nothing (Chinese, a word matched only without its
accents), from the folded text.

SQLite (the embedded default): the folded text (SQL function `gcm_fold`) must contain each
clause's word or phrase; most recent publications first. Same results page, no stemming.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
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
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reviews.models import PublishedPart
from reviews.public_index import HAN_RUN, SEARCH_CONFIGS, han_ngrams
from reviews.search_query import (
    Query,
    find_states,
    fold,
    fold_with_offsets,
    parse_query,
    register_sqlite_fold,
    sqlite_fold,
    words,
)

MAX_QUERY_LENGTH = 200
SNIPPETS_PER_REVIEW = 3
# Private-use characters mark the hits inside ts_headline's output: the text is escaped first,
# then the markers become <mark>, so nothing the author typed is ever read as HTML.
START, STOP = "\ue000", "\ue001"


def normalise_query(q: str) -> str:
    return " ".join((q or "").split())[:MAX_QUERY_LENGTH]


def _postgres_query_text(q: str) -> str:
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


def _search_query(q: str) -> SearchQuery | None:
    """Websearch text in every UN language's configuration, and folded (no accents, no case)
    in 'simple', which meets the folded copy of the text each stored vector also holds."""
    if not q:
        return None
    text = _postgres_query_text(q)
    query = None
    for config in sorted(set(SEARCH_CONFIGS.values())):
        part = SearchQuery(text, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query | SearchQuery(fold(text), config="simple", search_type="websearch")


def _sqlite_match(item: str) -> Q:
    # The folded text (registered function `gcm_fold`, see search_query) holds the item's words.
    return Q(folded__contains=sqlite_fold(item))


def _parts_matching(clauses: Query) -> QuerySet:
    """Parts that match every clause (one of its alternatives), none if there is no clause."""
    if not clauses.clauses:
        return PublishedPart.objects.none()
    if connection.vendor == "postgresql":
        return PublishedPart.objects.filter(search_vector=_search_query(clauses.websearch()))
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


def _documents_excluded(query: Query) -> QuerySet:
    """Ids of the documents with a part that holds a word or phrase after a minus."""
    if not query.excluded:
        return PublishedPart.objects.none().values("document_id")
    if connection.vendor == "postgresql":
        search = None
        for item in query.excluded:
            one = _search_query(item)
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
    parts = _parts_matching(query)
    if query.excluded:
        parts = parts.exclude(document_id__in=_documents_excluded(query))
    return parts


def _state_field(reviews: QuerySet) -> str:
    names = {f.name for f in reviews.model._meta.get_fields()}
    return "member_state" if "member_state" in names else "national_review__member_state"


def search_reviews(reviews: QuerySet, q: str) -> QuerySet:
    """The reviews that match what the help under the search box says, best first (`rank`):
    a part holds the words, or the review is of a State named and a part holds the other
    words; none holds a word left out, and it is no State left out."""
    query = parse_query(normalise_query(q))
    states, rest, excluded_states = find_states(query)
    state = _state_field(reviews)
    if query.clauses:
        found = Q(pk__in=_parts_matching(query).values("document_id"))
        if states:
            of_state = Q(**{f"{state}__in": states})
            if rest.clauses:
                of_state &= Q(pk__in=_parts_matching(rest).values("document_id"))
            found |= of_state
        reviews = reviews.filter(found)
    elif not query.excluded:
        return reviews.none()
    if query.excluded:
        reviews = reviews.exclude(pk__in=_documents_excluded(query))
    if excluded_states:
        reviews = reviews.exclude(**{f"{state}__in": excluded_states})
    boost = (
        Case(When(**{f"{state}__in": states}, then=Value(1.0)), default=Value(0.0))
        if states
        else Value(0.0)
    )
    if connection.vendor != "postgresql" or not query.clauses:
        return reviews.annotate(rank=boost).order_by("-rank", "-published_at", "pk")
    search = _search_query(query.websearch())
    best = (
        PublishedPart.objects.filter(document_id=OuterRef("pk"), search_vector=search)
        .annotate(part_rank=SearchRank(F("search_vector"), search))
        .values("document_id")
        .annotate(best=Max("part_rank"))
        .values("best")
    )
    rank = Coalesce(Subquery(best), Value(0.0), output_field=FloatField()) + boost
    return reviews.annotate(rank=rank).order_by("-rank", "-published_at", "pk")


@dataclass(frozen=True)
class Snippet:
    anchor: str
    kind: str
    number: int
    html: SafeString


def _highlight(headline: str) -> SafeString:
    text = escape(headline)
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _highlight_pattern(clauses: Query) -> re.Pattern | None:
    """The words and phrases asked for, in folded text, a phrase's words across punctuation."""
    items = {item for alternatives in clauses.clauses for item in alternatives}
    pieces = sorted(
        (r"\W+".join(re.escape(w) for w in words(item)) for item in items), key=len, reverse=True
    )
    pieces = [p for p in pieces if p]
    return re.compile("|".join(pieces)) if pieces else None


def _plain_headline(text: str, clauses: Query, width: int = 220) -> str:
    """A window of the text around the first word asked for, the words wrapped in markers;
    accents and case aside, as the search itself."""
    pattern = _highlight_pattern(clauses)
    if pattern is None:
        return text[:width]
    folded, offsets = fold_with_offsets(text)
    spans = [(offsets[m.start()], offsets[m.end() - 1] + 1) for m in pattern.finditer(folded)]
    start = max(0, (spans[0][0] if spans else 0) - width // 3)
    end = start + width
    window, at = [], start
    for a, b in spans:
        if a < at or b > end:
            continue
        window += [text[at:a], START, text[a:b], STOP]
        at = b
    window.append(text[at:end])
    return ("… " if start else "") + "".join(window) + (" …" if end < len(text) else "")


def _snippet_rows(parts: QuerySet, clauses: Query):
    """(document, kind, number, headline, text) of up to three parts per document, best first;
    a headline only for the first, the text only where it may be needed to make one."""
    if connection.vendor != "postgresql":
        return (
            parts.order_by("document_id", "kind", "number")
            .annotate(headline=Value(""))
            .values_list("document_id", "kind", "number", "headline", "text")
        )
    query = _search_query(clauses.websearch())
    config = Case(
        *[When(language=code, then=Value(name)) for code, name in SEARCH_CONFIGS.items()],
        default=Value("simple"),
    )
    return (
        parts.annotate(
            rank=SearchRank(F("search_vector"), query),
            place=Window(
                RowNumber(),
                partition_by=F("document_id"),
                order_by=[F("rank").desc(), F("kind"), F("number")],
            ),
        )
        .annotate(
            headline=Case(
                When(
                    place=1,
                    then=SearchHeadline(
                        "text",
                        query,
                        config=config,
                        start_sel=START,
                        stop_sel=STOP,
                        max_words=30,
                        min_words=12,
                        max_fragments=2,
                        fragment_delimiter=" … ",
                    ),
                ),
                default=Value(""),
                output_field=TextField(),
            ),
            # The text itself only where a passage is shown, for when ts_headline finds no
            # word: Chinese, whose hex bigrams it does not see, and words matched only
            # without their accents.
            best_text=Case(
                When(place=1, then=F("text")), default=Value(""), output_field=TextField()
            ),
        )
        .filter(place__lte=SNIPPETS_PER_REVIEW)
        .order_by("document_id", "place")
        .values_list("document_id", "kind", "number", "headline", "best_text")
    )


def snippets(document_ids: list[int], q: str) -> dict[int, list[Snippet]]:
    """Per review, its best-matching part with a highlighted passage, then up to two more
    matching parts (links without a passage: ts_headline reads a whole part, the costliest step
    of a search). One query for the whole results page, and one more for the reviews found by
    their State's name, whose parts hold the other words."""
    if not document_ids:
        return {}
    query = parse_query(normalise_query(q))
    found: dict[int, list[Snippet]] = {}
    _collect(found, matching_parts(q).filter(document_id__in=document_ids), query)
    states, rest, _ = find_states(query)
    missing = [pk for pk in document_ids if pk not in found]
    if states and rest.clauses and missing:
        _collect(found, _parts_matching(rest).filter(document_id__in=missing), rest)
    return found


def _collect(found: dict[int, list[Snippet]], parts: QuerySet, clauses: Query) -> None:
    for document_id, kind, number, headline, text in _snippet_rows(parts, clauses):
        bucket = found.setdefault(document_id, [])
        if len(bucket) >= SNIPPETS_PER_REVIEW:
            continue
        html = ""
        if not bucket:
            if START not in headline:
                headline = _plain_headline(text, clauses)  # Chinese, folded words, SQLite
            html = _highlight(headline)
        bucket.append(Snippet(f"{kind}-{number}", kind, number, html))  # PublishedPart.anchor
