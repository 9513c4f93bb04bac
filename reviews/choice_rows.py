"""The rows of the public filters' reference dropdowns (Member States, cycles, commissions,
objectives), read for all four in one statement once per language and version of the
reference data (`reviews.choice_memo`), not in a query of their own each.

Four querysets made, compiled and sent one after the other were most of what a cold list or
objective page spent on its dropdowns (about 1.5 ms of 4, issue 17): the statement here is
written from the models' own tables, columns and default orderings, with no compiler, in one
round trip. Only a dropdown whose queryset is all the rows in the model's default order reads
them (`MemoSelect`); a filtered or reordered one queries for itself.
"""

from django.apps import apps
from django.db import connection
from modeltranslation.utils import build_localized_fieldname

from reviews.choice_memo import memoized_options
from reviews.names import localised_order_key

# How the reference models of the public filters name themselves (their `__str__`), as the
# columns it reads: (the translated field, the label from a row's columns and that field's
# value), and the columns read besides: what a label needs, and the keys a filter may choose
# by (`to_field_name`). MemoSelect builds these options from those columns alone, not from
# model instances with six names each, so that even the first request after a change stays
# cheap (issue 17); tests/reviews/test_choice_memo.py compares them with Django's rendering.
LABEL_COLUMNS = {
    "reviews.MemberState": ("name", lambda row, name: name),
    "reviews.ReviewCycle": ("title", lambda row, title: title),
    "reviews.Objective": ("title", lambda row, title: f"{row['number']}. {title}"),
    "reviews.RegionalCommission": ("name", lambda row, name: row["code"]),
}
OTHER_COLUMNS = {
    "reviews.Objective": ("number",),
    "reviews.RegionalCommission": ("code",),
    "reviews.ReviewCycle": ("slug",),
}
_WIDEST = max(len(columns) for columns in OTHER_COLUMNS.values())
# Every name written in is the models' own, quoted: nothing comes from a request.
BRANCH_SQL = """SELECT {source}, ROW_NUMBER() OVER (ORDER BY {order}), CAST({pk} AS TEXT), {others},
       {own}, {english} FROM {table}"""


def reference_rows(model, language: str) -> list[dict]:
    """`model`'s rows in its default order as `language` reads it, each as
    `{"pk", other columns, own, english}` (`own` and `english`: the translated field's columns
    in `language` and in English, as stored), read with the other reference models' rows."""
    rows = memoized_options(("reference rows",), lambda: _read_all(language))
    return rows[model._meta.label]


def reads(model, key: str) -> bool:
    """Whether `reference_rows(model)` has what a dropdown keyed by `key` needs."""
    label = model._meta.label
    return label in LABEL_COLUMNS and key in ("pk", *OTHER_COLUMNS.get(label, ()))


def _read_all(language: str) -> dict[str, list[dict]]:
    labels = list(LABEL_COLUMNS)
    statement = " UNION ALL ".join(_branch(n, label, language) for n, label in enumerate(labels))
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} ORDER BY 1, 2")
        found = cursor.fetchall()
    # Each source's other columns (its placeholders up to the widest are left out), then its
    # two name columns.
    columns = [(OTHER_COLUMNS.get(label, ()), *_name_columns(label, language)) for label in labels]
    rows = {label: [] for label in labels}
    for source, _position, pk, *values in found:
        others, own, english = columns[source]
        row = {"pk": pk, **dict(zip(others, values, strict=False))}
        row[own], row[english] = values[_WIDEST:]
        rows[labels[source]].append(row)
    return rows


def _name_columns(label: str, language: str) -> tuple[str, str]:
    translated = LABEL_COLUMNS[label][0]
    return build_localized_fieldname(translated, language), build_localized_fieldname(
        translated, "en"
    )


def _branch(source: int, label: str, language: str) -> str:
    """One model's rows: its number in `LABEL_COLUMNS`, its place in its order, its key
    columns as text (padded to the widest), its names in `language` and in English."""
    meta = apps.get_model(label)._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    others = [f"CAST({column(name)} AS TEXT)" for name in OTHER_COLUMNS.get(label, ())]
    others += ["CAST(NULL AS TEXT)"] * (_WIDEST - len(others))
    own, english = _name_columns(label, language)
    return BRANCH_SQL.format(
        source=source,
        order=_order(meta, label, language),
        pk=quote(meta.pk.column),
        others=", ".join(others),
        own=column(own),
        english=column(english),
        table=quote(meta.db_table),
    )


def _order(meta, label: str, language: str) -> str:
    """The model's default ordering as SQL, its translated field read in `language` (whose
    column sorts as that language's readers do on PostgreSQL, migration 0015), as
    `widgets.in_reading_order` orders a queryset."""
    translated = (LABEL_COLUMNS[label][0],)
    keys = []
    for key in meta.ordering:
        name = localised_order_key(key, language, translated).lstrip("-")
        direction = "DESC" if key.startswith("-") else "ASC"
        keys.append(f"{connection.ops.quote_name(meta.get_field(name).column)} {direction}")
    return ", ".join(keys)
