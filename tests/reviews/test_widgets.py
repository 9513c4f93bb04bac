"""FastSelect writes the same markup as Django's template-rendered Select."""

import re

import pytest
from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from reviews.widgets import FastSelect, escape

CHOICES = [
    ("", "All <States>"),
    ("a&b", "A & B"),
    ("q", 'Côte "d’Ivoire"'),
    ("o'k", "Saint Kitts & Nevis's <b>"),
    *[(str(n), f"Objective {n}") for n in range(1, 24)],
]
GROUPED = [("Round table <1>", [("1", "one"), ("2", "two")]), ("3", "three")]


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


@pytest.mark.parametrize(
    ("choices", "value"),
    [(CHOICES, "q"), (CHOICES, None), (CHOICES, "a&b"), (GROUPED, "2"), ([], None)],
)
def test_fast_select_renders_like_django_select(choices, value):
    attrs = {"class": "form-select", "required": True, "disabled": False, "data-n": 3}
    extra = {"id": "id_state", "aria-describedby": "id_state_helptext"}
    django_html = forms.Select(choices=choices, attrs=attrs).render("state", value, extra)
    fast_html = FastSelect(choices=choices, attrs=attrs).render("state", value, extra)
    assert normalised(fast_html) == normalised(django_html)
    assert "<States>" not in fast_html and "<1>" not in fast_html  # labels escaped


def test_fast_select_in_a_bound_form_keeps_the_choice_and_its_errors():
    def bound(widget):
        class Form(forms.Form):
            state = forms.ChoiceField(choices=CHOICES[1:], widget=widget)

        form = Form(data={"state": "q", "other": "x"})
        form.add_error("state", "Checked")
        return str(form["state"])

    html = bound(FastSelect)
    assert 'aria-invalid="true"' in html and '<option value="q" selected>' in html
    assert normalised(html) == normalised(bound(forms.Select))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A & B <c> \"d\" 'e'",
        "Côte d’Ivoire",
        mark_safe("<b>kept</b>"),
        gettext_lazy("Search"),
        3,
        None,
    ],
)
def test_escape_is_djangos_conditional_escape(text):
    assert escape(text) == conditional_escape(text)


TWICE = [("", "Any"), ("x", "first"), ("y", "other"), ("x", "second")]


@pytest.mark.parametrize(
    ("choices", "value"),
    [
        (CHOICES, "q"),
        (CHOICES, None),
        (CHOICES, "o'k"),
        (GROUPED, "2"),
        (GROUPED, "3"),
        (TWICE, "x"),  # only the first option of a value is selected, as Django does
        (TWICE, "nope"),
        ([], None),
    ],
)
def test_memo_select_writes_what_fast_select_writes(choices, value):
    """MemoSelect keeps its options as one string and writes ` selected` into it: the same
    markup, to the byte, built or from the memo."""
    from reviews.choice_memo import forget_choices
    from reviews.widgets import MemoSelect

    forget_choices()
    attrs = {"class": "form-select", "data-n": 3}
    fast_html = FastSelect(choices=choices, attrs=attrs).render("state", value, {"id": "s"})
    for _ in range(2):  # built, then from the memo
        memo_html = MemoSelect(choices=choices, attrs=attrs).render("state", value, {"id": "s"})
        assert memo_html == fast_html
