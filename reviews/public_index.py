"""The public index of published documents of every kind: one `PublishedPart` row per section
(and, for a national review, per addressed objective) of the pinned revision, its plain text,
sanitised HTML and (on PostgreSQL) a search vector in the document's language, Chinese indexed
by Han bigrams.

`index_published_review` is called by `workflow.transition` inside the publish and unpublish
transactions, so the index changes atomically with `published_revision`; the cached public pages
are rendered again after commit (`reviews.warming`). Nothing here reads the working copy: only
the pinned revision.
"""

import contextlib
import functools
import re

from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import translation

from reviews.markdown import plain_text, render_markdown
from reviews.models import NATIONAL_REVIEW, Document, ImplementationStatus, PublishedPart
from reviews.search_query import fold
from reviews.warming import refresh_after_commit

# PostgreSQL's text-search configuration per UN language. Chinese has no stemmer in PostgreSQL:
# it is indexed with 'simple' plus the character n-grams below.
SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh-hans": "simple",
}

# Han (CJK unified ideographs, extension A, compatibility ideographs).
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


# A one-character token (`_han_token` of one character of those ranges: three UTF-8 bytes), as
# a regular expression that Python and PostgreSQL read alike. A bigram's has twelve hex digits.
HAN_CHARACTER_PATTERN = "zh[0-9a-f]{6}"


def _han_token(chars: str) -> str:
    # Hex keeps the n-gram one ASCII "word" for every parser and locale, and no stemmer or stop
    # list touches it: `to_tsvector` in any configuration stores it as is.
    return "zh" + chars.encode("utf-8").hex()


def han_ngrams(run: str) -> list[str]:
    """Tokens for one run of Han characters: its bigrams in order (a phrase), or the character."""
    if len(run) == 1:
        return [_han_token(run)]
    return [_han_token(run[i : i + 2]) for i in range(len(run) - 1)]


def han_index_text(text: str) -> str:
    """Bigrams of every Han run, each run's in order so a phrase query finds them adjacent, then
    the character that starts no bigram: each run's last (a run of one, its only) character.
    A query of one character asks for every token that starts with it (a prefix:
    `search_match.WebSearch`), bigram or character, so it meets the character wherever it is,
    as when every character was indexed on its own too. Those characters made a Chinese
    part's vector a third larger (5.4 kB, now 4.0 kB, at 4,000 reviews), and a search reads
    every matching part's vector (issue 17). A query of two or more characters asks for
    bigrams only: same parts, same ranks."""
    runs = HAN_RUN.findall(text)
    if not runs:
        return ""
    bigrams = " ".join(" ".join(han_ngrams(run)) for run in runs if len(run) > 1)
    ends = " ".join(_han_token(run[-1]) for run in runs)
    return f"{bigrams} {ends}"


def _objective_text(entry: dict) -> str:
    pieces = [plain_text(entry.get("narrative", ""))]
    for practice in entry.get("practices", []):
        pieces += [practice["title"], practice["description"], practice.get("partners", "")]
    return "\n".join(p for p in pieces if p)


def _objective_html(entry: dict) -> str:
    html_ = render_markdown(entry.get("narrative", ""))
    for practice in entry.get("practices", []):
        html_ += render_to_string("reviews/_practice.html", {"p": practice})
    return html_


def _practices_text(content: dict) -> str:
    """Promising practices kept beside a kind's sections (an Annex 3 input's part (d))."""
    pieces = []
    for practice in content.get("practices", []):
        pieces += [practice.get("title", ""), practice.get("description", "")]
    return "\n".join(p for p in pieces if p)


def parts_of(document) -> list[PublishedPart]:
    """The public parts of the published revision: one per section of any kind (a regional
    report's (i)-(vi) are sections 1-6, an input's (a)-(e) sections 1-5, its promising
    practices read with (d)), and for a national review one per objective addressed."""
    content = document.published_revision.content
    language = content["language"]
    practices = "" if document.kind == NATIONAL_REVIEW else _practices_text(content)
    parts = [
        PublishedPart(
            document=document,
            kind=PublishedPart.Kind.SECTION,
            number=int(number),
            language=language,
            text="\n".join(t for t in (plain_text(text), practices if number == "4" else "") if t),
            html=render_markdown(text),
        )
        for number, text in content["sections"].items()
    ]
    if document.kind != NATIONAL_REVIEW:
        return parts
    for number, entry in content["objectives"].items():
        if entry.get("status", ImplementationStatus.NOT_ADDRESSED) == (
            ImplementationStatus.NOT_ADDRESSED
        ):
            continue
        parts.append(
            PublishedPart(
                document=document,
                kind=PublishedPart.Kind.OBJECTIVE,
                number=int(number),
                objective_id=int(number),
                status=entry["status"],
                language=language,
                text=_objective_text(entry),
                html=_objective_html(entry),
            )
        )
    return parts


def index_published_review(review: Document, *, refresh: bool = True) -> None:
    """Replace the review's public parts with those of its published revision (none if it is
    not published). Call inside the transaction that changes `published_revision`; its public
    pages are rendered again after commit unless `refresh` is off (a bulk rebuild, which then
    refreshes every page once: `reviews.warming.refresh_everything`)."""
    old = PublishedPart.objects.filter(document=review)
    touched = set(old.filter(objective__isnull=False).values_list("objective_id", flat=True))
    old.delete()
    parts = []
    if review.published_revision_id is not None:
        with translation.override(review.published_revision.content["language"]):
            parts = PublishedPart.objects.bulk_create(parts_of(review))
    # The objectives' pages it was and is on change too (their entries list it).
    touched |= {p.objective_id for p in parts if p.objective_id is not None}
    if refresh:
        refresh_after_commit(review, objectives=touched)
    if not parts:
        return
    if connection.vendor == "postgresql":
        store_search_vectors(parts)


def store_search_vectors(parts: list[PublishedPart]) -> None:
    # One UPDATE for the parts given (a review's; migration 0021: a batch of Chinese parts of
    # any documents, read with their pk, language and text only): the vector is computed by
    # PostgreSQL from the text and the Han n-grams, in the configuration of the part's language.
    # Then the text folded (no accents, lower case: `search_query.fold`) in 'simple', which
    # the search's folded query meets: `intégration` and `integration` find each other
    # without PostgreSQL's unaccent extension.
    # Han runs are indexed by their n-grams only: a query's Han runs become n-grams too
    # (`search_match.postgres_query_text`), so a run kept as a word of the text, and of its
    # folded copy, was never met, and it made a Chinese part's vector a sixth larger (issue 17:
    # a search reads every matching part's vector). A run between words is a space, as it was
    # a word break.
    rows = [
        (
            p.pk,
            SEARCH_CONFIGS[p.language],
            HAN_RUN.sub(" ", p.text),
            han_index_text(p.text),
            HAN_RUN.sub(" ", fold(p.text)),
        )
        for p in parts
    ]
    with connection.cursor() as cursor, _compressed_for(parts):
        cursor.execute(
            """
            UPDATE reviews_publishedpart AS part
               SET search_vector = to_tsvector(v.config::regconfig, v.body || ' ' || v.han)
                                   || to_tsvector('simple', v.folded)
              FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])
                   AS v(id, config, body, han, folded)
             WHERE part.id = v.id
            """,
            [list(col) for col in zip(*rows, strict=True)] if rows else [[], [], [], [], []],
        )


@contextlib.contextmanager
def _compressed_for(parts: list[PublishedPart]):
    """Chinese parts' vectors stored with lz4 where PostgreSQL has it, the others with the
    default (pglz). A Chinese vector (every Han bigram and character a token) is too large to
    stay in its row whatever the method, so what its readers pay is the decompression, which
    lz4 does several times faster; another language's vector mostly fits in its row, where
    pglz's smaller output keeps the rows narrower. The setting is the one PostgreSQL applies to
    what is stored while it is set (`default_toast_compression`), in this transaction only."""
    if not any(p.language.startswith("zh") for p in parts) or not _lz4_available():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL default_toast_compression = lz4")
        yield
        # Back to the default for the rest of an enclosing transaction. (Not in a `finally`:
        # after an error the transaction accepts no statement, and rolling back the savepoint
        # undoes the SET LOCAL anyway.)
        cursor.execute("SET LOCAL default_toast_compression TO DEFAULT")


@functools.cache
def _lz4_available() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        return bool(cursor.fetchone()[0])
