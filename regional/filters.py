"""Public filters of regional documents: `/regional/?cycle=&body=`, shared by the page and the
API. A value that names no regional cycle or no body is refused at its field, with a message
in the reader's language, never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from regional.models import RegionalInput, RegionalProcess, RegionalReviewReport
from regional.published import regional_cycles
from reviews.models import RegionalCommission
from reviews.widgets import FastSelect


class _Code(str):
    """A choice's value that remembers its commission, so that `FastSelect` marks a name shown
    in English (issue 15); it compares and renders as the code itself."""

    instance = None


def _code(commission) -> _Code:
    value = _Code(commission.code)
    value.instance = commission
    return value


def body_choices() -> list[tuple[str, str]]:
    """The five commissions (by code), then the processes the secretariat added (by slug)."""
    commissions = [
        (_code(c), f"{c.code} · {c.name}") for c in RegionalCommission.objects.order_by("code")
    ]
    processes = [(p.slug, p.name) for p in RegionalProcess.objects.order_by("name")]
    return commissions + processes


class RegionalReportFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Regional cycle"),
        queryset=regional_cycles(),
        to_field_name="slug",
        empty_label=_("All cycles"),
    )
    body = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Regional body"),
        field_name="authored_by",
        choices=body_choices,
        empty_label=_("All regional bodies"),
    )

    class Meta:
        model = RegionalReviewReport
        fields = ["cycle", "body"]


class RegionalInputFilter(django_filters.FilterSet):
    """Inputs by the regional review they feed: `?cycle=&commission=`."""

    cycle = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Regional cycle"),
        queryset=regional_cycles(),
        to_field_name="slug",
        empty_label=_("All cycles"),
    )
    commission = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Regional review of"),
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
        empty_label=_("All commissions"),
    )

    class Meta:
        model = RegionalInput
        fields = ["cycle", "commission"]
