"""The public filters' dropdowns are built once per language and reference data (issue 17):
same markup as before, the choice kept per request, a renamed Member State shown at once."""

import contextlib
import re
from unittest import mock

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reviews.filters import ObjectiveEntryFilter, PublicReviewFilter
from reviews.models import (
    MemberState,
    Objective,
    PublishedPart,
    ReviewCycle,
    VoluntaryReview,
)
from reviews.widgets import FastSelect, MemoSelect

pytestmark = pytest.mark.django_db


def _selects(filterset) -> dict[str, str]:
    return {name: str(filterset.form[name]) for name in filterset.form.fields if name != "q"}


def _as_fast_select(filterset_class, data):
    """The same filters rendered by FastSelect, as before the memo."""
    filterset = filterset_class(data, queryset=filterset_class._meta.model.objects.none())
    with mock.patch.object(MemoSelect, "render", FastSelect.render):
        return _selects(filterset)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize(
    ("filterset_class", "data"),
    [
        (PublicReviewFilter, None),
        (PublicReviewFilter, {"state": "CIV", "cycle": "imrf-2022", "sort": "-state"}),
        (PublicReviewFilter, {"commission": "ECA", "objective": "5", "language": "fr"}),
        (ObjectiveEntryFilter, {"status": "achieved", "group": "African", "category": "sids"}),
        (PublicReviewFilter, {"state": "nope"}),  # no choice: nothing selected
    ],
)
def test_memoized_dropdowns_read_as_before(filterset_class, data, language):
    with translation.override(language):
        for _ in range(2):  # built, then from the memo
            filterset = filterset_class(data, queryset=filterset_class._meta.model.objects.none())
            assert _selects(filterset) == _as_fast_select(filterset_class, data)


def test_the_options_are_read_once_then_kept_per_language():
    def queries(language):
        with translation.override(language), CaptureQueriesContext(connection) as done:
            _selects(PublicReviewFilter(None, queryset=VoluntaryReview.objects.none()))
        return len(done.captured_queries)

    # Cycles, commissions, States and objectives in one statement (`reviews.choice_rows`).
    assert queries("en") == 1
    assert queries("en") == 0
    assert queries("fr") == 1
    html = _selects(PublicReviewFilter({"state": "GHA"}, queryset=VoluntaryReview.objects.none()))
    assert re.findall(r"<option [^>]*selected[^>]*>[^<]*", html["state"]) == [
        '<option value="GHA" selected>Ghana'
    ]
    entries = ObjectiveEntryFilter({"state": "MEX"}, queryset=PublishedPart.objects.none())
    assert '<option value="MEX" selected>Mexico</option>' in str(entries.form["state"])


def test_a_member_state_renamed_in_the_admin_shows_in_the_filters(
    client, django_capture_on_commit_callbacks
):
    assert ">Ghana</option>" in client.get("/en/reviews/").content.decode()
    ghana = MemberState.objects.get(iso3="GHA")
    with django_capture_on_commit_callbacks(execute=True):
        ghana.name_en = "Republic of Ghana"
        ghana.save()  # what the admin's change form does (ModelAdmin.save_model)
    html = client.get("/en/reviews/").content.decode()
    assert '<option value="GHA">Republic of Ghana</option>' in html
    assert ">Ghana</option>" not in html
    objective_page = client.get("/en/objectives/5/").content.decode()
    assert '<option value="GHA">Republic of Ghana</option>' in objective_page


def test_the_memo_tells_querysets_apart_without_compiling_their_sql():
    """Same field name, other rows: regional cycles only, or every cycle. Naming them by their
    conditions (not their SQL, issue 17) must still keep two entries."""
    from reviews.models import ReviewCycle
    from reviews.widgets import query_signature

    every = ReviewCycle.objects.all()
    regional = ReviewCycle.objects.filter(kind=ReviewCycle.Kind.REGIONAL)
    newest = ReviewCycle.objects.order_by("-year")
    with mock.patch(
        "django.db.models.sql.query.Query.sql_with_params", side_effect=AssertionError("compiled")
    ):
        names = {query_signature(qs) for qs in (every, regional, newest)}
        assert query_signature(ReviewCycle.objects.all()) == query_signature(every)
    assert len(names) == 3
    # Anything the signature does not read is named by its SQL, as before.
    assert query_signature(every[:2]) == str(every[:2].query)


@pytest.mark.parametrize("widget", [MemoSelect, FastSelect])
def test_the_states_are_listed_in_the_readers_language_order(widget):
    """The filter's queryset is made at import, in English: the dropdowns order it again in
    the reader's language (French: "Afrique du Sud" and "Allemagne" among the A)."""
    with (
        translation.override("fr"),
        mock.patch.object(MemoSelect, "render", widget.render)
        if widget is FastSelect
        else contextlib.nullcontext(),
    ):
        html = str(PublicReviewFilter(None, queryset=VoluntaryReview.objects.none()).form["state"])
    names = re.findall(r'<option value="[A-Z]{3}"[^>]*>([^<]*)', html)
    assert names[:6] == [
        "Afghanistan",
        "Afrique du Sud",
        "Albanie",
        "Algérie",
        "Allemagne",
        "Andorre",
    ]
    assert len(names) == 193


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize(
    "queryset",
    [
        lambda: ReviewCycle.objects.filter(kind=ReviewCycle.Kind.REGIONAL),
        lambda: ReviewCycle.objects.order_by("year"),
        lambda: MemberState.objects.filter(is_sids=True),
        lambda: Objective.objects.order_by("-number"),
    ],
)
def test_a_dropdown_of_some_rows_or_in_another_order_reads_them_itself(queryset, language):
    """The one statement of `reviews.choice_rows` reads every row in the default order: a
    dropdown that asks for fewer rows, or another order, must not be given them."""
    field = forms.ModelChoiceField(queryset=queryset(), widget=MemoSelect, to_field_name=None)
    with translation.override(language):
        memoized = field.widget.render("f", None)
        with mock.patch.object(MemoSelect, "render", FastSelect.render):
            assert memoized == field.widget.render("f", None)
    # Each of them has fewer options, or the same in another order, than every row.
    every = forms.ModelChoiceField(queryset=queryset().model.objects.all(), widget=MemoSelect)
    with translation.override(language):
        assert memoized != every.widget.render("f", None)
