"""Which language a reference name is shown in: `{{ objective|name_lang:"title" }}` is "en" when
the active language has no sourced name and the English one is shown (mark the element
`lang="en"`, so that screen readers and the visible-English test know), else "".

Usage: `<span{% with l=o|name_lang:"title" %}{% if l %} lang="{{ l }}"{% endif %}{% endwith %}>`
or the shorter `{{ o|name_lang_attr:"title" }}`, which writes ` lang="en" dir="ltr"` or nothing."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reviews.names import shown_in_english

register = template.Library()


def _shown_language(obj, field: str) -> str:
    return "en" if shown_in_english(obj, field) else ""


@register.filter
def name_html(obj, field: str = "name"):
    """`obj.<field>` wrapped in `<span lang="en" dir="ltr">` when it is the English fallback:
    for a name inside a translated sentence ({% blocktranslate with body=x|name_html %})."""
    name = getattr(obj, field, "")
    if shown_in_english(obj, field):
        return format_html('<span lang="en" dir="ltr">{}</span>', name)
    return name


@register.filter
def text_lang_attr(text) -> str:
    """` lang="en" dir="ltr"` for a `reviews.names.Name` that shows the English fallback."""
    return mark_safe(' lang="en" dir="ltr"') if getattr(text, "lang", "") == "en" else ""


@register.filter
def name_lang(obj, field: str = "name") -> str:
    return _shown_language(obj, field)


@register.filter
def name_lang_attr(obj, field: str = "name") -> str:
    return mark_safe(' lang="en" dir="ltr"') if _shown_language(obj, field) else ""
