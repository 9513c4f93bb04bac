"""The passages a search result shows: per review, its best-matching part with a highlighted
passage, then up to two more matching parts (links without a passage). Each links to its
section or objective (`PublishedPart.anchor`).

The passage is cut from the stored plain text: Python finds where the words are (accents and
case aside, a stem's likely forms too) and PostgreSQL's ts_headline marks them, in the part's
own configuration, in that short window only, one query for the whole results page. ts_headline
over the whole part (20 calls per page) was the costliest step of a search. Where it marks
nothing (Chinese, whose hex bigrams it does not see; words matched only without their accents;
SQLite) the words are marked in Python, in the folded text.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import Case, F, QuerySet, TextField, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reviews import search_match
from reviews.models import PublishedPart
from reviews.public_index import HAN_RUN, SEARCH_CONFIGS
from reviews.search_match import matching_parts, normalise_query, parts_matching, search_query
from reviews.search_query import (
    Query,
    find_states,
    fold,
    original_offset,
    parse_query,
    words,
)

SNIPPETS_PER_REVIEW = 3
# Private-use characters mark the hits inside ts_headline's output: the text is escaped first,
# then the markers become <mark>, so nothing the author typed is ever read as HTML.
START, STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = {
    "max_words": 30,
    "min_words": 12,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
# The window handed to ts_headline: a little before the first word found, enough after it for
# two fragments of 30 words. ts_headline's cost grows with the text it reads: a window of
# ~800 characters costs a fifth of a whole 2,000-character part.
BEFORE, AFTER = 200, 600


@dataclass(frozen=True)
class Snippet:
    anchor: str
    kind: str
    number: int
    html: SafeString


def _highlight(headline: str) -> SafeString:
    text = escape(headline)
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _items(clauses: Query) -> list[list[str]]:
    """The words of each word or phrase asked for, folded."""
    items = {item for alternatives in clauses.clauses for item in alternatives}
    return [w for w in (words(item) for item in sorted(items)) if w]


def _highlight_pattern(clauses: Query) -> re.Pattern | None:
    """The words and phrases asked for, in folded text, a phrase's words across punctuation."""
    pieces = sorted((r"\W+".join(map(re.escape, w)) for w in _items(clauses)), key=len)
    return re.compile("|".join(reversed(pieces))) if pieces else None


def _stem_pattern(clauses: Query) -> re.Pattern | None:
    """Words that likely share a stem with a word asked for (`migrations` finds `migration`,
    `миграция` finds `миграции`): the first place to look when no word is there as typed."""
    stems = {w[: max(4, len(w) - 3)] for item in _items(clauses) for w in item}
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(stems, key=len))) + r")\w*")


def _first_hit(text: str, clauses: Query) -> int | None:
    """Where in `text` the first word asked for is, as typed (accents and case aside) or,
    failing that, in another form of its stem."""
    folded = fold(text)
    for pattern in (_highlight_pattern(clauses), _stem_pattern(clauses)):
        match = pattern.search(folded) if pattern else None
        if match:
            return original_offset(text, match.start())
    return None


def _window(text: str, clauses: Query) -> tuple[int, int]:
    """The slice of `text` ts_headline reads: around the first word found, at word bounds."""
    hit = _first_hit(text, clauses) or 0
    start = max(0, hit - BEFORE)
    end = min(len(text), hit + AFTER)
    if start:
        space = text.find(" ", start, hit)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", hit, end)
        end = space if space > hit else end
    return start, end


def _plain_headline(text: str, clauses: Query, width: int = 220) -> str:
    """A window of the text around the first word asked for, the words wrapped in markers;
    accents and case aside, as the search itself."""
    pattern = _highlight_pattern(clauses)
    if pattern is None:
        return text[:width]
    first = pattern.search(fold(text))
    start = max(0, (original_offset(text, first.start()) if first else 0) - width // 3)
    end = start + width
    # Only where each word found starts and ends is looked up in the text: folding the window a
    # character at a time for its offsets (`fold_with_offsets`) cost most of a Chinese passage.
    window_text = text[start:end]
    spans = [
        (
            start + original_offset(window_text, m.start()),
            start + original_offset(window_text, m.end() - 1) + 1,
        )
        for m in pattern.finditer(fold(window_text))
    ]
    window, at = [], start
    for a, b in spans:
        if a < at or b > end:
            continue
        window += [text[at:a], START, text[a:b], STOP]
        at = b
    window.append(text[at:end])
    return ("… " if start else "") + "".join(window) + (" …" if end < len(text) else "")


def _config() -> Case:
    return Case(
        *[When(language=code, then=Value(name)) for code, name in SEARCH_CONFIGS.items()],
        default=Value("simple"),
    )


def _ranked(parts: QuerySet, clauses: Query) -> QuerySet:
    """The parts numbered per document, best first (`place`), up to three per document."""
    query = search_query(clauses.websearch())
    return (
        parts.annotate(
            rank=SearchRank(F("search_vector"), query),
            place=Window(
                RowNumber(),
                partition_by=F("document_id"),
                order_by=[F("rank").desc(), F("kind"), F("number")],
            ),
        )
        .filter(place__lte=SNIPPETS_PER_REVIEW)
        .order_by("document_id", "place")
    )


def _only_first(field) -> Case:
    return Case(When(place=1, then=field), default=Value(""), output_field=TextField())


def _snippet_rows(parts: QuerySet, clauses: Query) -> list[tuple]:
    """(document, kind, number, headline, text) of up to three parts per document, best first;
    the text only for the first, whose passage is shown."""
    if connection.vendor != "postgresql":
        rows = parts.order_by("document_id", "kind", "number").values_list(
            "document_id", "kind", "number", "language", "text"
        )
        return [(d, k, n, "", text) for d, k, n, _, text in rows]
    if not search_match.ONE_PASS:
        return list(_headline_rows(parts, clauses))
    rows = list(
        _ranked(parts, clauses)
        .annotate(best_text=_only_first(F("text")))
        .values_list("document_id", "kind", "number", "language", "best_text")
    )
    return _marked(rows, clauses)


def _marked(rows: list[tuple], clauses: Query) -> list[tuple]:
    """(document, kind, number, headline, text) from (document, kind, number, language, text):
    ts_headline's passage of each text (there is one only for a document's first part)."""
    windows = {}
    if _sql_can_mark(clauses):
        windows = {i: _window(row[4], clauses) for i, row in enumerate(rows) if row[4]}
    headlines = _headlines(
        [(rows[i][3], rows[i][4][a:b]) for i, (a, b) in windows.items()], clauses
    )
    marked = dict(zip(windows, headlines, strict=True))
    return [(d, k, n, marked.get(i, ""), text) for i, (d, k, n, _, text) in enumerate(rows)]


def _sql_can_mark(clauses: Query) -> bool:
    """False when every word asked for is Han: the query then holds only the hex bigrams the
    index stores, which no passage's own text holds, so ts_headline would mark nothing (and cost
    a query) and the words are marked in Python anyway."""
    if not search_match.LEAN:
        return True
    return any(not HAN_RUN.fullmatch(word) for item in _items(clauses) for word in item)


def _headlines(windows: list[tuple[str, str]], clauses: Query) -> list[str]:
    """ts_headline of each (language, text) window, in one query, in the window's language."""
    if not windows:
        return []
    query = search_query(clauses.websearch(), every_branch=True)
    compiler = PublishedPart.objects.none().query.get_compiler(connection=connection)
    query_sql, query_params = query.as_sql(compiler, connection)
    options = (
        f"StartSel={START}, StopSel={STOP}, MaxWords={HEADLINE_OPTIONS['max_words']}, "
        f"MinWords={HEADLINE_OPTIONS['min_words']}, "
        f"MaxFragments={HEADLINE_OPTIONS['max_fragments']}, "
        f'FragmentDelimiter="{HEADLINE_OPTIONS["fragment_delimiter"]}"'
    )
    sql = (
        "SELECT ts_headline(w.config::regconfig, w.body, " + query_sql + ", %s) "
        "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS w(config, body, i) ORDER BY w.i"
    )
    configs = [SEARCH_CONFIGS.get(language, "simple") for language, _ in windows]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*query_params, options, configs, [body for _, body in windows]])
        return [row[0] for row in cursor.fetchall()]


def _headline_rows(parts: QuerySet, clauses: Query) -> QuerySet:
    """The previous way, kept for bench/search.py to compare: ts_headline over the whole best
    part, in SQL."""
    query = search_query(clauses.websearch(), every_branch=True)
    return (
        _ranked(parts, clauses)
        .annotate(
            headline=_only_first(
                SearchHeadline(
                    "text",
                    query,
                    config=_config(),
                    start_sel=START,
                    stop_sel=STOP,
                    **HEADLINE_OPTIONS,
                )
            ),
            best_text=_only_first(F("text")),
        )
        .values_list("document_id", "kind", "number", "headline", "best_text")
    )


def snippets(document_ids: list[int], q: str, ranks=None) -> dict[int, list[Snippet]]:
    """Per review, its best-matching part with a highlighted passage, then up to two more
    matching parts. Two queries for the whole results page (the parts, then the passages), and
    two more for the reviews found by their State's name, whose parts hold the other words.
    `ranks`: `reviews.search.best_ranks(q)` when the caller has it; its best parts are then
    those of the page's reviews, and only the first part's text is read (one query, not a
    second ranking of the page's parts)."""
    if not document_ids:
        return {}
    query = parse_query(normalise_query(q))
    found: dict[int, list[Snippet]] = {}
    best_parts = getattr(ranks, "best_parts", None)
    if best_parts is not None and search_match.ONE_PASS:
        known = [pk for pk in document_ids if pk in best_parts]
        _collect_rows(found, _marked(_best_part_rows(known, best_parts), query), query)
    else:
        _collect(found, matching_parts(q).filter(document_id__in=document_ids), query)
    states, rest, _ = find_states(query)
    missing = [pk for pk in document_ids if pk not in found]
    if states and rest.clauses and missing:
        _collect(found, parts_matching(rest).filter(document_id__in=missing), rest)
    return found


# The first part of each document, read by its place: its language and text, for the passage.
FIRST_PARTS_SQL = """
SELECT part.document_id, part.language, part.text
  FROM reviews_publishedpart AS part
  JOIN unnest(%s::bigint[], %s::text[], %s::int[]) AS first(document_id, kind, number)
    ON part.document_id = first.document_id AND part.kind = first.kind
       AND part.number = first.number"""


def _best_part_rows(document_ids: list[int], best_parts: dict) -> list[tuple]:
    """(document, kind, number, language, text) of each document's best parts, as
    `_snippet_rows` reads them: the text (and language) only for the first."""
    if not document_ids:
        return []
    firsts = [best_parts[pk][0] for pk in document_ids]
    with connection.cursor() as cursor:
        cursor.execute(
            FIRST_PARTS_SQL,
            [document_ids, [kind for kind, _ in firsts], [number for _, number in firsts]],
        )
        texts = {document_id: (language, text) for document_id, language, text in cursor}
    rows = []
    for pk in document_ids:
        if pk not in texts:
            continue  # unpublished since it was ranked: no passage rather than an error
        language, text = texts[pk]
        rows.append((pk, *best_parts[pk][0], language, text))
        rows += [(pk, kind, number, "", "") for kind, number in best_parts[pk][1:]]
    return rows


def _collect(found: dict[int, list[Snippet]], parts: QuerySet, clauses: Query) -> None:
    _collect_rows(found, _snippet_rows(parts, clauses), clauses)


def _collect_rows(found: dict[int, list[Snippet]], rows: list[tuple], clauses: Query) -> None:
    for document_id, kind, number, headline, text in rows:
        bucket = found.setdefault(document_id, [])
        if len(bucket) >= SNIPPETS_PER_REVIEW:
            continue
        html = ""
        if not bucket:
            if START not in headline:
                headline = _plain_headline(text, clauses)  # Chinese, folded words, SQLite
            html = _highlight(headline)
        bucket.append(Snippet(f"{kind}-{number}", kind, number, html))  # PublishedPart.anchor
