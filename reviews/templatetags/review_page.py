"""Tags for the parts of a review's page written in Python (reviews.document_html): the
templates keep their names and places, the repeated markup is written in one pass."""

from django import template

from reviews import document_html
from reviews.templatetags.reviews_tags import ui_lang

register = template.Library()


@register.simple_tag(takes_context=True)
def document_sections(context):
    """The body of the review in `context` (`sections`, `objective_rows`, `language`)."""
    return document_html.document_sections_html(
        context.get("sections", []),
        context.get("objective_rows", []),
        context.get("language", ""),
        ui_lang(context),
    )


@register.simple_tag
def practice(p):
    return document_html.practice_html(p)


@register.simple_tag
def objectives_table(objective_rows):
    return document_html.objectives_table_html(objective_rows)


@register.simple_tag
def review_changes(parts):
    return document_html.changes_html(parts)


@register.simple_tag(takes_context=True)
def review_contents(context):
    """The public page's table of contents, from its context."""
    return document_html.contents_html(context.flatten())
