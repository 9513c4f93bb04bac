"""The public filters copy their filters per request without a deep copy (issue 17), and
behave as django-filter's deep copies did: each FilterSet its own filters, fields and methods."""

import copy
from unittest import mock

import pytest
from django.db.models import QuerySet

from reviews.filters import ObjectiveEntryFilter, PublicReviewFilter
from reviews.models import PublishedPart, VoluntaryReview
from reviews.search import best_ranks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("filterset_class", [PublicReviewFilter, ObjectiveEntryFilter])
def test_no_queryset_is_deep_copied_for_a_request(filterset_class):
    copied = []
    real = QuerySet.__deepcopy__

    def counting(self, memo):
        copied.append(self.model)
        return real(self, memo)

    with mock.patch.object(QuerySet, "__deepcopy__", counting):
        filterset = filterset_class(
            {"state": "GHA"}, queryset=filterset_class._meta.model.objects.none()
        )
        assert filterset.form.is_valid()
    assert copied == []


def test_each_filterset_has_its_own_filters_fields_and_extra():
    first = PublicReviewFilter({"state": "GHA"}, queryset=VoluntaryReview.objects.none())
    second = PublicReviewFilter({"state": "SEN"}, queryset=VoluntaryReview.objects.none())
    base = PublicReviewFilter.base_filters
    for name in base:
        assert first.filters[name] is not base[name]
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].extra is not base[name].extra
        assert first.filters[name].parent is first and second.filters[name].parent is second
        assert first.form.fields[name] is not second.form.fields[name]
    assert first.is_valid() and second.is_valid()
    assert first.form.cleaned_data["state"].pk == "GHA"
    assert second.form.cleaned_data["state"].pk == "SEN"


def test_a_method_filter_calls_its_own_filterset():
    """`q` filters through `filter_search`, which keeps the ranks on ITS FilterSet."""
    searched = PublicReviewFilter({"q": "labour"}, queryset=VoluntaryReview.objects.all())
    plain = PublicReviewFilter({}, queryset=VoluntaryReview.objects.all())
    list(searched.qs), list(plain.qs)
    assert searched.ranks == best_ranks("labour")
    assert not hasattr(plain, "ranks")


def test_the_filters_are_the_same_as_a_deep_copy_gives():
    """Same attributes as django-filter's own copy, but for the parent each is given."""
    lean = ObjectiveEntryFilter({"status": "achieved"}, queryset=PublishedPart.objects.none())
    deep = copy.deepcopy(dict(ObjectiveEntryFilter.base_filters))
    for name, filter_ in lean.filters.items():
        own = {"parent", "model", "filter", "_field"}  # given by each FilterSet; or built
        mine = {k: v for k, v in vars(filter_).items() if k not in own}
        theirs = {k: v for k, v in vars(deep[name]).items() if k not in own}
        assert mine.keys() == theirs.keys(), name
        assert repr(sorted(mine.items(), key=str)) == repr(sorted(theirs.items(), key=str))


def test_the_form_class_is_built_once_and_speaks_every_language(monkeypatch):
    """The form class is kept per FilterSet class; its labels and options still follow the
    language of each request (they are lazy), whichever language built it."""
    from django.utils import translation

    def form(language):
        with translation.override(language):
            filterset = PublicReviewFilter({}, queryset=VoluntaryReview.objects.none())
            return (
                type(filterset.form),
                str(filterset.form["commission"].label),
                str(filterset.form["sort"]),
            )

    monkeypatch.delattr(PublicReviewFilter, "_form_class", raising=False)  # built below
    built_in_english, label_en, sort_en = form("en")
    kept, label_fr, sort_fr = form("fr")
    assert kept is built_in_english
    assert (label_en, label_fr) == ("Regional commission", "Commission régionale")
    assert "Newest publication first" in sort_en and "Trier" not in sort_en
    assert "Publications les plus récentes en premier" in sort_fr
    assert "Newest publication first" not in sort_fr
