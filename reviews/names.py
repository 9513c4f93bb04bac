"""Reference names in the six languages (registered in reviews/translation.py): helpers for
queries that read them."""

from collections.abc import Callable, Sequence

from django.utils import translation
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


def all_languages(path: str) -> list[str]:
    """`path` (a translated field, e.g. "document__cycle__title") as each language's column, for
    `.only()`: reading the field in whatever language is active then needs no query of its own
    (modeltranslation does not rewrite `only()` across relations)."""
    prefix, _, field = path.rpartition("__")
    columns = [build_localized_fieldname(field, language) for language in AVAILABLE_LANGUAGES]
    return [f"{prefix}__{column}" if prefix else column for column in columns]


def read_columns(path: str) -> list[str]:
    """`path` (a translated field, e.g. "member_state__name") as the columns that reading it in
    the active language needs, for `.only()`: that language's and those it falls back to
    (English). modeltranslation does not rewrite `only()` across relations; the other four
    columns are left in the database (issue 17: every column costs in a cold page's query)."""
    prefix, _, field = path.rpartition("__")
    columns = [build_localized_fieldname(field, code) for code in resolution_order(get_language())]
    return [f"{prefix}__{column}" if prefix else column for column in columns]


def name_order(prefix: str = "") -> str:
    """An `order_by` key for a translated `name` reached through `prefix` (e.g.
    "member_state__"): the active language's column, whose collation sorts the names as its
    readers read them (migration 0015). `member_state__name` alone is the English names' column
    in every language ("Pays-Bas" before "Norvège" in French): modeltranslation rewrites the
    translated model's own queries only, not a relation's from another model."""
    return f"{prefix}{build_localized_fieldname('name', get_language())}"


def localised_order_key(key: str, language: str, translated) -> str:
    """An ordering key ("name", "-year") as modeltranslation writes it in `language` when its
    field is one of `translated` ("name" → "name_fr"); any other key as it is."""
    name = key.lstrip("-")
    if name not in translated:
        return key
    return key[: len(key) - len(name)] + build_localized_fieldname(name, language)


def state_and_cycle_names() -> tuple[str, Callable[[Sequence], tuple[str, str]]]:
    """For SQL written by hand that joins a State as `state` and a cycle as `cycle`: the select
    list of the State's names and the cycle's titles that the active language reads (its
    column, then those it falls back to: `read_columns`), and a function from those values of a
    row, in that order, to (name, title) as the translated fields answer them."""
    states, cycles = read_columns("name"), read_columns("title")
    select = ", ".join([*(f"state.{c}" for c in states), *(f"cycle.{c}" for c in cycles)])

    def names(values) -> tuple[str, str]:
        first = len(states)
        return first_of(values[:first]), first_of(values[first:])

    return select, names


def first_given(row: dict, columns: list[str]) -> str:
    """The value of the first of `columns` (`read_columns`) that has one in `row` (a `values()`
    row), as modeltranslation falls back ("" and None are "not translated"); else ""."""
    return first_of(row[column] for column in columns)


def first_of(values) -> str:
    """The first of `values` that is a name ("" and None are "not translated"); else ""."""
    return next((value for value in values if value), "")


def shown_in_english(obj, field: str) -> bool:
    """Whether `obj.<field>` shows the English fallback: the active language is not English and
    no source gave this name in it (fixtures/SOURCES.md §7). False for a field that is not
    translated (whatever it holds is not ours to mark)."""
    language = (translation.get_language() or "en").lower()
    if obj is None or language.startswith("en"):
        return False
    column = build_localized_fieldname(field, language)
    return hasattr(obj, column) and not getattr(obj, column)


def english_attrs(obj) -> dict:
    """`{"lang": "en", "dir": "ltr"}` for an object whose name or title shows in English, for a
    widget's option or an element; else empty."""
    field = "title" if hasattr(obj, "title_en") else "name"
    return {"lang": "en", "dir": "ltr"} if shown_in_english(obj, field) else {}


class Name(str):
    """A name as text that knows whether it shows the English fallback (`lang`: "en" or ""),
    for kinds whose `body_name` lists show: `{{ row.body|text_lang_attr }}` marks it."""

    lang = ""


def name_of(obj, field: str = "name") -> str:
    """`obj.<field>` in the active language, as a `Name` marked when it is the English
    fallback; an object without that field gives its text."""
    name = Name(getattr(obj, field, obj))
    name.lang = "en" if shown_in_english(obj, field) else ""
    return name
