from django import template
from django.utils.safestring import mark_safe

from reviews.markdown import render_markdown
from reviews.template import SECTIONS

register = template.Library()


@register.simple_tag
def review_sections():
    return SECTIONS


@register.filter
def markdown(text):
    # Safe: render_markdown escapes raw HTML and sanitises the result with nh3.
    return mark_safe(render_markdown(text))  # noqa: S308


@register.filter
def text_direction(language_code):
    return "rtl" if language_code == "ar" else "ltr"


@register.filter
def html_lang(language_code):
    return "zh-Hans" if language_code == "zh-hans" else language_code
