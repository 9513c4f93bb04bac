"""Marking a reference name that shows the English fallback (no source gave it in the active
language, fixtures/SOURCES.md §7), so that screen readers and the visible-English test know:

- `<span{{ obj|name_lang_attr:"title" }}>` writes ` lang="en" dir="ltr"` or nothing;
- `{{ obj|name_html:"title" }}` is the name, wrapped in such a span when it is English (also
  inside a translated sentence: `{% blocktranslate with body=x|name_html %}`);
- `{{ row.body|text_lang_attr }}` does the same for a `reviews.names.Name` (text that already
  knows its language)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reviews.names import shown_in_english

register = template.Library()

ENGLISH = ' lang="en" dir="ltr"'


@register.filter
def name_html(obj, field: str = "name"):
    name = getattr(obj, field, "")
    if shown_in_english(obj, field):
        return format_html('<span lang="en" dir="ltr">{}</span>', name)
    return name


@register.filter
def text_lang_attr(text) -> str:
    return mark_safe(ENGLISH) if getattr(text, "lang", "") == "en" else ""  # noqa: S308


@register.filter
def name_lang_attr(obj, field: str = "name") -> str:
    return mark_safe(ENGLISH) if shown_in_english(obj, field) else ""  # noqa: S308
