"""The secretariat's registration queue: its filters and the rows it reads.

`?event=&status=&category=&level=&commission=&group=&travel=&priority=`; a value that is not a
choice is a message at its field (the list then shows nothing rather than everything).
`queue_registrations` joins what a row shows: the page costs the same few queries whatever
its length.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, RegionalCommission, StakeholderCategory
from reviews.widgets import FastSelect
from stakeholders.models import Event, Registration


class RegistrationQueueFilter(django_filters.FilterSet):
    event = django_filters.ModelChoiceFilter(
        widget=FastSelect, label=_("Event"), queryset=Event.objects.all(), to_field_name="slug"
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Status"), choices=Registration.Status.choices
    )
    category = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Stakeholder category"),
        queryset=StakeholderCategory.objects.all(),
        to_field_name="key",
    )
    level = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Level of work"), choices=Registration.Level.choices
    )
    commission = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Regional commission (country of residence)"),
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
        # A country belongs to a commission once: the join adds no duplicate rows.
        field_name="residence__regional_commissions",
    )
    group = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("UN regional group (country of residence)"),
        choices=MemberState.RegionalGroup.choices,
        field_name="residence__un_regional_group",
    )
    travel = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Travel support"), choices=Registration.Travel.choices
    )
    priority = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Priority country for travel support (LDC, LLDC, SIDS)"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        method="filter_priority",
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "category", "level", "commission", "group", "travel"]

    def filter_priority(self, queryset, name, value):
        return queryset.filter(travel_priority=value == "yes")


def queue_registrations():
    return Registration.objects.select_related("event", "category", "residence").order_by(
        "created_at", "pk"
    )
