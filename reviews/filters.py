import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reviews.models import (
    MemberState,
    ModerationEvent,
    RegionalCommission,
    ReviewCycle,
    ReviewStatus,
    VoluntaryReview,
)


class ModerationQueueFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReviewStatus.choices)
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"), queryset=ReviewCycle.objects.all(), to_field_name="slug"
    )
    commission = django_filters.ModelChoiceFilter(
        label=_("Regional commission"),
        field_name="member_state__regional_commissions",
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
    )
    state = django_filters.ModelChoiceFilter(
        label=_("Member State"), field_name="member_state", queryset=MemberState.objects.all()
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = VoluntaryReview
        fields = ["status", "cycle", "commission", "state", "language"]


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"),
        choices=[(a, a) for a in ["submit", "sign_off", "send_back", "request_changes", "publish",
                                  "unpublish", "withdraw", "reopen", "revise", "comment",
                                  "assign"]],
    )  # fmt: skip
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"),
        field_name="review__cycle",
        queryset=ReviewCycle.objects.all(),
        to_field_name="slug",
    )
    state = django_filters.ModelChoiceFilter(
        label=_("Member State"),
        field_name="review__member_state",
        queryset=MemberState.objects.all(),
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="created_at", lookup_expr="date__gte"
    )
    until = django_filters.DateFilter(
        label=_("Until"), field_name="created_at", lookup_expr="date__lte"
    )

    class Meta:
        model = ModerationEvent
        fields = ["action", "cycle", "state", "since", "until"]
