"""`{% form_field %}` writes what `reviews/_field.html` wrote as a template (issue 17: the
include per field cost more than the field on a cold page): same bytes for a select, a text
input, errors and help text, escaped the same way."""

import pytest
from django import forms
from django.template import Context, Template

from reviews.widgets import FastSelect

# reviews/_field.html before it became the tag, byte for byte.
BEFORE = (
    '{% load reviews_tags %}<div class="mb-2">\n'
    '  <label class="form-label" for="{{ field.id_for_label }}">{{ field.label }}</label>\n'
    "  {{ field|bootstrap_widget }}\n"
    '  {% if field.errors %}<div class="invalid-feedback d-block" id="{{ field.auto_id }}_errors">'
    '{% for error in field.errors %}<p class="mb-0">{{ error }}</p>{% endfor %}</div>{% endif %}\n'
    '  {% if field.help_text %}<div class="form-text" id="{{ field.auto_id }}_helptext">'
    "{{ field.help_text }}</div>{% endif %}\n"
    "</div>\n"
)


class SampleForm(forms.Form):
    q = forms.CharField(label='Words <& "quoted">', required=False, max_length=5)
    sort = forms.ChoiceField(
        label="Sort", choices=[("a", "A <first>"), ("b", "B")], widget=FastSelect
    )
    year = forms.IntegerField(label="Year", help_text="Four digits, e.g. <2026>")


@pytest.mark.parametrize(
    "data",
    [None, {"q": "x" * 9, "sort": "zz", "year": "soon"}, {"q": "ok", "sort": "b", "year": "2026"}],
)
def test_the_tag_writes_what_the_template_wrote(data):
    form = SampleForm(data)
    for field in form:
        context = Context({"field": field})
        expected = Template(BEFORE).render(context)
        assert Template("{% load reviews_tags %}{% form_field field %}").render(context) == expected
        assert Template('{% include "reviews/_field.html" %}').render(context) == expected
    if data and data["year"] == "soon":  # the invalid case did show its messages
        assert 'id="id_year_errors"' in Template(BEFORE).render(Context({"field": form["year"]}))
