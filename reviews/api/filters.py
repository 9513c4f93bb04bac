"""Filters of the API's reference lists whose values the API checks itself (the public pages
have no such lists): a yes/no filter refuses a value that is neither (400), where django-filter's
own boolean filter would ignore it and list everything; a round table is one of the four
(400 for anything else), where a filter made from the integer column reads a decimal."""

import django_filters
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, Objective

YES_NO = [("true", _("yes")), ("false", _("no"))]


def _yes_no(label):
    return django_filters.TypedChoiceFilter(
        choices=YES_NO, coerce=lambda v: v == "true", label=label
    )


class MemberStateApiFilter(django_filters.FilterSet):
    """`/api/v1/states/?un_regional_group=&is_ldc=&is_lldc=&is_sids=` (`true` or `false`)."""

    is_ldc = _yes_no(_("Least developed country"))
    is_lldc = _yes_no(_("Landlocked developing country"))
    is_sids = _yes_no(_("Small island developing State"))

    class Meta:
        model = MemberState
        fields = ["un_regional_group", "is_ldc", "is_lldc", "is_sids"]


class ObjectiveApiFilter(django_filters.FilterSet):
    """`/api/v1/objectives/?roundtable=` (1 to 4)."""

    roundtable = django_filters.TypedChoiceFilter(
        choices=[(str(n), str(n)) for n in range(1, 5)], coerce=int, label=_("Round table")
    )

    class Meta:
        model = Objective
        fields = ["roundtable"]
