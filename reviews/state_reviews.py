"""A State's reviews as its public review page reads them: one statement written once as SQL.

The page links to the State's other published reviews and compares with the previous cycle's,
so it reads them all with its own: one row per review, with its cycle, State, published revision
and PDF rendition, as `select_related` would give them. The ORM built and compiled that query at
every cold request: 2.0 of its 3.6 ms (issue 17, item 2: the review page is the slowest of the
cold pages). Here the statement is written once per process, its columns taken from the models
(a field added to one of them is read without touching this), and each row becomes the same
model instances, the values passing through the same converters (dates on SQLite, JSON).

Only the page's own revision brings its content (tens of kilobytes for a long review, to send,
decompress and decode); the others' is deferred, read only where a missing diff with the
previous review is computed (it is stored). The drafts' texts are never read.
"""

import functools

from django.db import connection
from django.db.models.sql import Query

from reviews.models import (
    Document,
    MemberState,
    PdfRendition,
    ReviewCycle,
    ReviewRevision,
    VoluntaryReview,
)
from reviews.selectors import _WORKING_COPY_FIELDS

SQL = """SELECT {columns},
       CASE WHEN cycle.slug = %s THEN revision.content END
  FROM {review} AS review
  JOIN {document} AS document ON document.id = review.{review_pk}
  JOIN {cycle} AS cycle ON cycle.id = document.cycle_id
  JOIN {state} AS state ON state.{state_pk} = review.member_state_id
  LEFT JOIN {revision} AS revision ON revision.id = document.published_revision_id
  LEFT JOIN {pdf} AS pdf ON pdf.document_id = document.id
 WHERE review.member_state_id = %s
   AND (cycle.slug = %s OR document.published_revision_id IS NOT NULL)
 ORDER BY cycle.year DESC, cycle.slug"""

# Each model's columns under its alias in `SQL`, and the review's field that holds the instance
# (None: the review itself). The review's own columns come from two tables (multi-table
# inheritance): `_table_alias` says which.
PARTS = (
    (None, VoluntaryReview, None),
    ("cycle", ReviewCycle, "cycle"),
    ("state", MemberState, "member_state"),
    ("revision", ReviewRevision, "published_revision"),
    ("pdf", PdfRendition, "pdf"),  # the reverse one-to-one: `Document.rendition` reads it
)


# Never read: the drafts' texts; a revision's content, but the page's own (the last column).
SKIPPED = {VoluntaryReview: set(_WORKING_COPY_FIELDS), ReviewRevision: {"content"}}


def _fields(model) -> list:
    skip = SKIPPED.get(model, set())
    return [f for f in model._meta.concrete_fields if f.name not in skip]


def _table_alias(alias, field) -> str:
    if alias is not None:
        return alias
    return "document" if field.model is Document else "review"


@functools.cache
def _statement(vendor: str):
    """The SQL, and per part its model, the attribute names of its columns, where its columns
    end and the review's field that holds it (as `select_related` sets it: the field's
    `set_cached_value`), with the converters of every column: once per process and database."""
    quote = connection.ops.quote_name
    parts, columns, expressions = [], [], []
    for alias, model, held_by in PARTS:
        fields = _fields(model)
        columns += [f"{_table_alias(alias, f)}.{quote(f.column)}" for f in fields]
        expressions += [f.get_col(f.model._meta.db_table) for f in fields]
        holder = held_by and VoluntaryReview._meta.get_field(held_by)
        parts.append((holder, model, [f.attname for f in fields], len(columns)))
    content = ReviewRevision._meta.get_field("content")
    expressions.append(content.get_col(ReviewRevision._meta.db_table))
    sql = SQL.format(
        columns=", ".join(columns),
        review=quote(VoluntaryReview._meta.db_table),
        review_pk=quote(VoluntaryReview._meta.pk.column),
        document=quote(Document._meta.db_table),
        cycle=quote(ReviewCycle._meta.db_table),
        state=quote(MemberState._meta.db_table),
        state_pk=quote(MemberState._meta.pk.column),
        revision=quote(ReviewRevision._meta.db_table),
        pdf=quote(PdfRendition._meta.db_table),
    )
    compiler = Query(VoluntaryReview).get_compiler(connection=connection)
    return sql, parts, compiler, compiler.get_converters(expressions)


def state_reviews(cycle: str, iso3: str) -> list[VoluntaryReview]:
    """The State's review of `cycle` (published or not: the caller says 404 or 410) and its
    other published reviews, newest cycle first, each with its cycle, State, published
    revision (None if unpublished) and PDF rendition read; only `cycle`'s revision content."""
    sql, parts, compiler, converters = _statement(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle, iso3, cycle])
        rows = cursor.fetchall()
    if converters:
        rows = compiler.apply_converters(rows, converters)
    return [_review(row, parts) for row in rows]


def _review(row, parts) -> VoluntaryReview:
    start, review = 0, None
    for holder, model, attnames, end in parts:
        values = row[start:end]
        start = end
        # A left join that found nothing: no revision (unpublished), no rendition yet.
        instance = None if values[0] is None else model.from_db(connection.alias, attnames, values)
        if holder is None:
            review = instance
        else:
            holder.set_cached_value(review, instance)
    if review.published_revision is not None and row[-1] is not None:
        review.published_revision.content = row[-1]
    return review
