"""Filters of the API's reference lists whose values the API checks itself (the public pages
have no such lists): a yes/no filter refuses a value that is neither (400), where django-filter's
own boolean filter would ignore it and list everything."""

import django_filters
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState

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
