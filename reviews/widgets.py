"""Form widgets shared by the filters of reviews and of the apps built on it."""

import html
import re

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.utils.safestring import mark_safe
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translated_language

from reviews.choice_memo import memoized_options
from reviews.choice_rows import LABEL_COLUMNS, OTHER_COLUMNS, reads, reference_rows
from reviews.names import english_attrs, localised_order_key

ENGLISH = {"lang": "en", "dir": "ltr"}
_NEEDS_ESCAPING = re.compile("[&<>\"']").search


def escape(text) -> str:
    """Django's `conditional_escape`, for the few hundred values and labels of a page's
    dropdowns: the same characters escaped (`html.escape`), safe strings kept as they are,
    without the lazy-string wrapper around `django.utils.html.escape` that cost about a third of
    rendering them cold (issue 17)."""
    if type(text) is not str:
        if hasattr(text, "__html__"):
            return text.__html__()
        text = str(text)
    # Most names have nothing to escape: one search instead of html.escape's five replaces.
    return html.escape(text) if _NEEDS_ESCAPING(text) else text


def html_attrs(attrs: dict) -> str:
    """Attributes as Django's widget templates write them: in order, `True` as a bare name,
    `False` left out, other values (even `None`) written as strings, escaped."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def query_signature(queryset) -> tuple | str:
    """What rows `queryset` gives, cheaply: its model, conditions and order, without compiling
    its SQL (about 0.2 ms a dropdown, on every page, issue 17). A query with anything more
    (annotations, slices, extra, distinct, unions, values) is named by its SQL, as before."""
    query = queryset.query
    plain = not (
        query.annotations
        or query.extra
        or query.extra_order_by
        or query.distinct
        or query.combinator
        or query.low_mark
        or query.high_mark is not None
        or query.values_select
        or query.select_related
        or query.group_by is not None
    )
    if not plain:
        return str(query)
    return (
        queryset.model._meta.label,
        str(query.where),
        tuple(query.order_by),
        query.default_ordering,
        query.standard_ordering,
    )


def in_reading_order(queryset):
    """`queryset` in its model's default order as the active language reads it.
    modeltranslation writes a model's default ordering ("name") into a queryset when the
    queryset is made, in the language active then: a filter's `MemberState.objects.all()`,
    made at import, listed the States by their English names in every language ("Allemagne"
    under G in French). Ordered again now, "name" is the active language's column (with its ICU
    collation on PostgreSQL). Any other `order_by` is kept as it is."""
    ordering = queryset.model._meta.ordering
    if not ordering or not _in_default_order(queryset):
        return queryset
    return queryset.order_by(*ordering)


def _in_default_order(queryset) -> bool:
    """Whether `queryset` is in its model's default order, as modeltranslation wrote it in
    whichever language was active when the queryset was made (or not ordered at all)."""
    query, ordering = queryset.query, queryset.model._meta.ordering
    if not query.default_ordering:
        return False
    if not query.order_by:
        return True
    translated = get_translatable_fields_for_model(queryset.model) or ()
    made_in = {
        tuple(localised_order_key(key, code, translated) for key in ordering)
        for code, _name in settings.LANGUAGES
    }
    return tuple(query.order_by) in made_in


class FastSelect(forms.Select):
    """A `<select>` rendered in Python rather than through a template per option.

    Django renders every option with the template engine: for the public filters (193 Member
    States, 23 objectives, cycles, commissions: about 250 options a page) that was most of the
    time of an uncached list page. Same markup, attributes and escaping as `forms.Select`
    (tests/test_widgets.py compares the two), option groups included."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        # A reference name shown in English in another language is marked so (issue 15).
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"].update(english_attrs(instance))
        return option

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(self.choices, ModelChoiceIterator):  # this request's copy of the field's
            self.choices.queryset = in_reading_order(self.choices.queryset)
        widget = self.get_context(name, value, attrs)["widget"]
        name_attr = escape(widget["name"])
        out = [f'<select name="{name_attr}"{html_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'<optgroup label="{escape(group_name)}">')
            out.extend(
                f'<option value="{escape("" if o["value"] is None else o["value"])}"'
                f"{html_attrs(o['attrs'])}>{escape(o['label'])}</option>"
                for o in options
            )
            if group_name:
                out.append("</optgroup>")
        out.append("</select>")
        return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


class MemoSelect(FastSelect):
    """A `FastSelect` whose options are built once per language and version of the reference
    data (`reviews.choice_memo`), for the public filters: their choices are the reference
    rows (Member States, cycles, commissions, objectives) or fixed lists, the same for every
    reader. Only which option is selected is decided per request. Same markup as FastSelect."""

    def render(self, name, value, attrs=None, renderer=None):
        options, places = memoized_options(self._signature(name), self._rendered_options)
        # As Django's Select: only the first option whose value is chosen is selected.
        chosen = [places[v] for v in {str(v) for v in self.format_value(value)} if v in places]
        if chosen:
            at = min(chosen)
            options = f"{options[:at]} selected{options[at:]}"
        widget_attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe(  # noqa: S308 - every value is escaped when memoised
            f'<select name="{escape(name)}"{html_attrs(widget_attrs)}>{options}</select>'
        )

    def _rendered_options(self) -> tuple[str, dict[str, int]]:
        """`_build_options` as markup, escaped once when memoised rather than at every render:
        every option (and group) with none selected, and where to write ` selected` in each
        value's first option (right after its value, where Django's Select writes it)."""
        out, places, length = [], {}, 0
        for group_name, options in self._build_options():
            if group_name:
                out.append(f'<optgroup label="{escape(group_name)}">')
                length += len(out[-1])
            for option_value, extra, label in options:
                start = f'<option value="{escape(option_value)}"'
                places.setdefault(option_value, length + len(start))
                attrs = html_attrs(extra) if extra else ""
                out.append(f"{start}{attrs}>{escape(label)}</option>")
                length += len(out[-1])
            if group_name:
                out.append("</optgroup>")
                length += len(out[-1])
        return "".join(out), places

    def _signature(self, name) -> tuple:
        """What the choices are: for rows, the query and how they are named; else the list."""
        if not isinstance(self.choices, ModelChoiceIterator):
            return (name, tuple((str(v), str(label)) for v, label in self.choices))
        field = self.choices.field
        return (
            name,
            query_signature(field.queryset),
            field.to_field_name,
            str(field.empty_label),
            field.label_from_instance.__func__
            if hasattr(field.label_from_instance, "__func__")
            else field.label_from_instance,
        )

    def _build_options(self) -> list:
        """[(group label, [(value, option attributes, label)])], nothing selected."""
        if self._by_columns():
            return [(None, self._options_from_columns())]
        if not isinstance(self.choices, ModelChoiceIterator):
            return self._plain_options()
        return [
            (
                group_name,
                [
                    (
                        "" if o["value"] is None else str(o["value"]),
                        {k: v for k, v in o["attrs"].items() if k != "selected"},
                        str(o["label"]),
                    )
                    for o in options
                ],
            )
            for group_name, options, _index in self.optgroups("", [], {})
        ]

    def _plain_options(self) -> list:
        """`_build_options` of a fixed list (groups included), read as Django's `optgroups`
        reads it, without an option dictionary per choice: such options carry no attributes."""
        groups = []
        for value, label in self.choices:
            choices = label if isinstance(label, (list, tuple)) else [(value, label)]
            groups.append(
                (
                    value if isinstance(label, (list, tuple)) else None,
                    [("" if v is None else str(v), {}, str(text)) for v, text in choices],
                )
            )
        return groups

    def _by_columns(self) -> bool:
        """Whether the choices are reference rows named as `LABEL_COLUMNS` says."""
        if not isinstance(self.choices, ModelChoiceIterator):
            return False
        field = self.choices.field
        return (
            field.queryset.model._meta.label in LABEL_COLUMNS
            and getattr(field.label_from_instance, "__func__", None)
            is ModelChoiceField.label_from_instance
        )

    def _options_from_columns(self) -> list:
        """The options of `_build_options` from a `values()` of the columns a label needs: the
        active language's name and the English one it falls back to (then marked English, as
        `english_attrs` does), in the queryset's order."""
        field = self.choices.field
        model = field.queryset.model._meta.label
        translated, label = LABEL_COLUMNS[model]
        language = translated_language()
        own = build_localized_fieldname(translated, language)
        english = build_localized_fieldname(translated, "en")
        key = field.to_field_name or "pk"
        queryset = field.queryset
        if reads(queryset.model, key) and _every_row(queryset):
            rows = reference_rows(queryset.model, language)  # with the other dropdowns' rows
        else:
            # `raw_values`: the columns as stored; modeltranslation's `values` would resolve
            # each row's fallback again, in Python, for nothing (the two columns are read here).
            rows = in_reading_order(queryset).raw_values(
                key, own, english, *OTHER_COLUMNS.get(model, ())
            )
        options = [] if field.empty_label is None else [("", {}, str(field.empty_label))]
        in_english = ENGLISH if language != "en" else {}
        for row in rows:
            name = row[own]
            options.append(
                (str(row[key]), {} if name else in_english, str(label(row, name or row[english])))
            )
        return options


def _every_row(queryset) -> bool:
    """Whether `queryset` is all its model's rows in the default order: what `reference_rows`
    reads for it."""
    return (
        not queryset.query.where
        and _in_default_order(queryset)
        and (isinstance(query_signature(queryset), tuple))
    )
