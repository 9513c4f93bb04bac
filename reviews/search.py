"""Full-text search over published reviews (`PublishedPart`), with highlighted snippets.

PostgreSQL: the query is parsed once per UN language configuration (websearch syntax: words,
"a phrase", -not, or) and the six queries are OR-ed, so a constant query meets the GIN index on
the stored vectors; Han runs in the query become the same hex bigrams the index stores, quoted as
a phrase. Ranking is ts_rank of a review's best-matching part. Snippets come from ts_headline in
the part's own configuration, or, for Chinese text, from a plain substring match.

SQLite (the embedded default): every term must occur in the part's text (case-insensitive),
most recent publications first. Same results page, simpler matching.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    F,
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
from django.db.models.functions import RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reviews.models import PublishedPart
from reviews.public_index import HAN_RUN, SEARCH_CONFIGS, han_ngrams

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


def _search_query(q: str) -> SearchQuery:
    text = _postgres_query_text(q)
    query = None
    for config in sorted(set(SEARCH_CONFIGS.values())):
        part = SearchQuery(text, config=config, search_type="websearch")
        query = part if query is None else query | part
    return query


def _sqlite_terms(q: str) -> list[str]:
    phrases = re.findall(r'"([^"]+)"', q)
    rest = re.sub(r'"[^"]*"?', " ", q).split()
    return [t for t in phrases + rest if t and not t.startswith("-")]


def matching_parts(q: str) -> QuerySet:
    q = normalise_query(q)
    if connection.vendor == "postgresql":
        return PublishedPart.objects.filter(search_vector=_search_query(q))
    terms = _sqlite_terms(q)
    condition = Q()
    for term in terms:
        condition &= Q(text__icontains=term)
    return PublishedPart.objects.filter(condition) if terms else PublishedPart.objects.none()


def search_reviews(reviews: QuerySet, q: str) -> QuerySet:
    """Only the reviews with a matching part, best first (`rank`)."""
    parts = matching_parts(q)
    reviews = reviews.filter(pk__in=parts.values("document_id"))
    if connection.vendor != "postgresql":
        return reviews.annotate(rank=Value(0.0)).order_by("-published_at", "pk")
    query = _search_query(normalise_query(q))
    best = (
        parts.filter(document_id=OuterRef("pk"))
        .annotate(part_rank=SearchRank(F("search_vector"), query))
        .values("document_id")
        .annotate(best=Max("part_rank"))
        .values("best")
    )
    return reviews.annotate(rank=Subquery(best)).order_by("-rank", "-published_at", "pk")


@dataclass(frozen=True)
class Snippet:
    anchor: str
    kind: str
    number: int
    html: SafeString


def _highlight(headline: str) -> SafeString:
    text = escape(headline)
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _plain_headline(text: str, q: str, width: int = 220) -> str:
    """A window of the text around the first occurrence of a term, terms wrapped in markers."""
    terms = sorted({t for t in _sqlite_terms(q) if t}, key=len, reverse=True)
    if not terms:
        return text[:width]
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    window = text[start : start + width]
    window = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
    return ("… " if start else "") + window + (" …" if start + width < len(text) else "")


def snippets(document_ids: list[int], q: str) -> dict[int, list[Snippet]]:
    """Per review, its best-matching part with a highlighted passage, then up to two more
    matching parts (links without a passage: ts_headline reads a whole part, the costliest step
    of a search). One query for the whole results page."""
    if not document_ids:
        return {}
    q = normalise_query(q)
    parts = matching_parts(q).filter(document_id__in=document_ids)
    if connection.vendor == "postgresql":
        query = _search_query(q)
        config = Case(
            *[When(language=code, then=Value(name)) for code, name in SEARCH_CONFIGS.items()],
            default=Value("simple"),
        )
        parts = (
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
                # The text itself only where a passage is shown and ts_headline cannot find
                # it: Chinese, whose hex bigrams it does not see.
                best_text=Case(
                    When(place=1, language="zh-hans", then=F("text")),
                    default=Value(""),
                    output_field=TextField(),
                ),
            )
            .filter(place__lte=SNIPPETS_PER_REVIEW)
            .order_by("document_id", "place")
            .values_list("document_id", "kind", "number", "place", "headline", "best_text")
        )
    else:
        parts = (
            parts.order_by("document_id", "kind", "number")
            .annotate(place=Value(0), headline=Value(""))
            .values_list("document_id", "kind", "number", "place", "headline", "text")
        )
    found: dict[int, list[Snippet]] = {}
    for document_id, kind, number, _place, headline, text in parts:
        bucket = found.setdefault(document_id, [])
        if len(bucket) >= SNIPPETS_PER_REVIEW:
            continue
        html = ""
        if not bucket:
            if START not in headline:
                headline = _plain_headline(text, q)  # Chinese, SQLite
            html = _highlight(headline)
        bucket.append(Snippet(f"{kind}-{number}", kind, number, html))  # PublishedPart.anchor
    return found
