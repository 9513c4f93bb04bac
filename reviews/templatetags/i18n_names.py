"""Which language a reference name is shown in: `{{ objective|name_lang:"title" }}` is "en" when
the active language has no sourced name and the English one is shown (mark the element
`lang="en"`, so that screen readers and the visible-English test know), else "".

Usage: `<span{% with l=o|name_lang:"title" %}{% if l %} lang="{{ l }}"{% endif %}{% endwith %}>`
or the shorter `{{ o|name_lang_attr:"title" }}`, which writes ` lang="en" dir="ltr"` or nothing."""

from django import template
from django.utils.safestring import mark_safe

from reviews.names import shown_in_english

register = template.Library()


def _shown_language(obj, field: str) -> str:
    return "en" if shown_in_english(obj, field) else ""


@register.filter
def name_lang(obj, field: str = "name") -> str:
    return _shown_language(obj, field)


@register.filter
def name_lang_attr(obj, field: str = "name") -> str:
    return mark_safe(' lang="en" dir="ltr"') if _shown_language(obj, field) else ""
