"""The filters of the public list of pledges and of `/api/v1/pledges/` (django-filter, so a
bad value is answered at its field): `?objective=&region=&pledger=&year=&due=&q=`.

Objective, region, the year due and the words searched are the PUBLISHED revision's, never the
working copy's: a pledge whose new draft names another objective is not found under it before
that version is published. They are read from the pinned snapshots' JSON keys in one query
(`KeyTextTransform`, the same on PostgreSQL and SQLite) and matched here; the type of pledger
and the cycle's year are the row's facts, fixed when the pledge was started.
"""

import json

import django_filters
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from django.utils.translation import gettext_lazy as _

from reviews.filters import ObjectiveChoiceFilter
from reviews.models import Objective, RegionalCommission
from reviews.search import MAX_QUERY_LENGTH, matching_parts, normalise_query
from reviews.widgets import FastSelect
from stakeholders.models import Pledge

CONTENT = "published_revision__content"


def _published_keys(queryset, key: str) -> dict[int, object]:
    """{pk: the published revision's value of `key`} for the pledges of `queryset`."""
    rows = queryset.order_by().values_list("pk", KeyTextTransform(key, CONTENT))
    found = {}
    for pk, raw in rows:
        try:
            found[pk] = json.loads(raw) if key in ("objectives", "regions") else raw
        except (TypeError, ValueError):
            found[pk] = raw
    return found


def _year_choices():
    return [(str(y), str(y)) for y in range(2018, 2051)]


class PledgeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), max_length=MAX_QUERY_LENGTH, method="filter_q")
    objective = ObjectiveChoiceFilter(
        widget=FastSelect,
        label=_("GCM objective"),
        queryset=Objective.objects.all(),
        empty_label=_("All objectives"),
        method="filter_objective",
    )
    region = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Region (regional commission)"),
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
        empty_label=_("All regions"),
        method="filter_region",
    )
    pledger = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Type of pledger"),
        choices=Pledge.Pledger.choices,
        empty_label=_("States and organizations"),
    )
    year = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Year of the IMRF cycle"),
        choices=_year_choices,
        field_name="cycle__year",
        empty_label=_("All years"),
    )
    due = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Year due"),
        choices=_year_choices,
        empty_label=_("Any year"),
        method="filter_due",
    )

    class Meta:
        model = Pledge
        fields = ["q", "objective", "region", "pledger", "year", "due"]

    # The type hints of `value` give the schema of `/api/v1/pledges/` its parameters' types.
    def filter_objective(self, queryset, name, value: Objective):
        found = _published_keys(queryset, "objectives")
        return queryset.filter(pk__in=[pk for pk, v in found.items() if value.number in (v or [])])

    def filter_region(self, queryset, name, value: RegionalCommission):
        found = _published_keys(queryset, "regions")
        return queryset.filter(pk__in=[pk for pk, v in found.items() if value.code in (v or [])])

    def filter_due(self, queryset, name, value: str):
        return queryset.filter(**{f"{CONTENT}__due_by__startswith": f"{value}-"})

    def filter_q(self, queryset, name, value):
        q = normalise_query(value)
        if not q:
            return queryset
        in_text = matching_parts(q).values("document_id")
        return queryset.filter(Q(pk__in=in_text) | Q(**{f"{CONTENT}__title__icontains": q}))
