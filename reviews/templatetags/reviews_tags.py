from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from reviews.content import html_lang, text_direction
from reviews.list_html import review_rows_html
from reviews.markdown import render_markdown
from reviews.template import SECTIONS, guidance_for, template_heading
from reviews.textdiff import blocks

register = template.Library()


@register.simple_tag
def review_sections():
    return SECTIONS


@register.filter
def markdown(text):
    # Safe: render_markdown escapes raw HTML and sanitises the result with nh3.
    return mark_safe(render_markdown(text))  # noqa: S308


@register.filter
def prompts_for(section, cycle):
    """The section's guidance as `cycle`'s template words it (IMRF or regional)."""
    return guidance_for(section, cycle.kind)


@register.filter
def heading_for(cycle):
    """{"title", "note"}: which template `cycle` follows, as the seeds name it."""
    return template_heading(cycle.kind)


@register.filter
def over_limit(counts):
    """The section counts over their limit (reviews.content.SectionCount)."""
    return [c for c in counts if c.over]


@register.simple_tag(takes_context=True)
def ui_lang(context):
    """What reviews/_ui_lang.html writes (the interface's lang and dir, issue 15), as a tag:
    `{% ui_lang as ui %}` once, then `<h2 {{ ui }}>`. A review page has about eighty such
    headings; an include for each was a tenth of rendering it cold (issue 17)."""
    direction = "rtl" if context.get("LANGUAGE_BIDI") else "ltr"
    return format_html('lang="{}" dir="{}"', html_lang(context.get("LANGUAGE_CODE", "")), direction)


register.filter("text_direction", text_direction)
register.filter("html_lang", html_lang)


@register.filter
def get_item(mapping, key):
    """`labels|get_item:status`: a dictionary lookup with a variable key."""
    return mapping.get(key, "")


@register.filter
def diff_blocks(paragraphs):
    """A diff's paragraphs with Markdown list items grouped into lists (`textdiff.blocks`)."""
    return blocks(paragraphs)


@register.filter
def addressed(entries):
    """The rows of `objective_rows` whose objective the review addresses."""
    return [e for e in entries if e["entry"] and e["entry"].get("status") != "not_addressed"]


@register.filter
def bootstrap_widget(field):
    """A bound field's widget with Bootstrap's classes, marked invalid and described by its
    help text and errors (ids of `reviews/_field.html`): what crispy-forms writes, without its
    templates, for the public filters rendered on every cached-out page view."""
    select = isinstance(field.field.widget, forms.Select)
    classes = ["form-select" if select else "form-control"]
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    if field.errors:
        classes.append("is-invalid")
        described.append(f"{field.auto_id}_errors")
    attrs = {"class": " ".join(classes)}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def form_field(field):
    """A bound field as a block: label, widget (`bootstrap_widget`), errors and help text, ids
    as `aria-describedby` names them. Written in Python rather than an included template: the
    public filters show up to nine on every uncached page, and an include per field cost more
    than the field itself (issue 17). `reviews/_field.html` is this tag, for the forms that
    include it."""
    errors = help_text = ""
    if field.errors:
        errors = format_html(
            '<div class="invalid-feedback d-block" id="{}_errors">{}</div>',
            field.auto_id,
            format_html_join("", '<p class="mb-0">{}</p>', ((error,) for error in field.errors)),
        )
    if field.help_text:
        help_text = format_html(
            '<div class="form-text" id="{}_helptext">{}</div>', field.auto_id, field.help_text
        )
    return format_html(
        '<div class="mb-2">\n  <label class="form-label" for="{}">{}</label>\n  {}\n  {}\n  {}\n'
        "</div>\n",
        field.id_for_label,
        field.label,
        bootstrap_widget(field),
        errors,
        help_text,
    )


@register.simple_tag
def review_rows(rows):
    """The rows of `reviews.list_html.review_rows` as HTML."""
    return review_rows_html(rows)
