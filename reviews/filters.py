import django_filters
from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from reviews import kinds
from reviews.filterset import LeanFilterSet
from reviews.models import (
    Document,
    ImplementationStatus,
    MemberState,
    ModerationEvent,
    Objective,
    PublishedPart,
    RegionalCommission,
    ReviewCycle,
    ReviewStatus,
    VoluntaryReview,
)
from reviews.models.document import EVENT_LABELS
from reviews.names import name_order
from reviews.search import MAX_QUERY_LENGTH, best_ranks, normalise_query, search_reviews
from reviews.widgets import FastSelect, MemoSelect


def _kind_choices():
    # A kind's label is lower case for use inside sentences ("the pledge of …"): an option
    # starts with a capital in every language.
    return [(k.slug, capfirst(k.label)) for k in kinds.registered_kinds()]


# The queue's views: what needs the secretariat (its opening view), or every document.
NEEDS_ACTION, EVERY_DOCUMENT = "needs_action", "all"


class ModerationQueueFilter(django_filters.FilterSet):
    """The queue lists documents of every kind: `?show=&kind=&status=&cycle=&commission=&state=`.

    `show=needs_action` keeps the submitted documents that nobody else took: unassigned, or
    assigned to the person reading (pass `request`). The view adds the overdue ones, whose due
    dates each kind computes (`reviews.moderation`).
    """

    show = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Show"),
        choices=[(NEEDS_ACTION, _("What needs action")), (EVERY_DOCUMENT, _("Every document"))],
        empty_label=None,
        method="filter_show",
    )
    kind = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Kind of document"), choices=_kind_choices
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Status"), choices=ReviewStatus.choices
    )
    cycle = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Cycle"),
        queryset=ReviewCycle.objects.all(),
        to_field_name="slug",
    )
    commission = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Regional commission"),
        queryset=RegionalCommission.objects.all(),
        to_field_name="code",
        method="filter_commission",
    )
    state = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Member State"),
        field_name="national_review__member_state",
        queryset=MemberState.objects.all(),
    )
    language = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Language"), choices=settings.LANGUAGES
    )

    class Meta:
        model = Document
        fields = ["show", "kind", "status", "cycle", "commission", "state", "language"]

    def filter_show(self, queryset, name, value):
        if value != NEEDS_ACTION:
            return queryset
        reader = getattr(self.request, "user", None)
        mine = models.Q(assigned_to__isnull=True)
        if reader is not None and reader.is_authenticated:
            mine |= models.Q(assigned_to=reader)
        return queryset.filter(mine, status=ReviewStatus.SUBMITTED)

    def filter_commission(self, queryset, name, value):
        # A national review by its State's commissions; a regional document by its body's key,
        # which for a commission's report is its code and for an input starts with it
        # ("ECE:budapest-process"): no kind's tables are named here.
        return queryset.filter(
            models.Q(national_review__member_state__regional_commissions=value)
            | models.Q(authored_by=value.code)
            | models.Q(authored_by__startswith=f"{value.code}:")
        )


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Action"),
        # What each action means in words (the history's labels), never the stored code.
        choices=[(action, label) for action, label in EVENT_LABELS.items()],
    )
    cycle = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Cycle"),
        field_name="document__cycle",
        queryset=ReviewCycle.objects.all(),
        to_field_name="slug",
    )
    state = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Member State"),
        field_name="document__national_review__member_state",
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


# --- Public filters: shared by the HTML pages, the JSON API and the CSV exports ---------------


class StateCategory(models.TextChoices):
    LDC = "ldc", _("Least developed countries (LDC)")
    LLDC = "lldc", _("Landlocked developing countries (LLDC)")
    SIDS = "sids", _("Small island developing States (SIDS)")


def state_filters(prefix: str) -> type[LeanFilterSet]:
    """A base FilterSet of the filters on the cycle and the reporting State, for querysets that
    reach the State through `prefix` (reviews: "member_state__", entries:
    "document__national_review__member_state__").
    """

    def by_category(queryset, name, value):
        return queryset.filter(**{f"{prefix}is_{value}": True})

    filters = {
        "cycle": django_filters.ModelChoiceFilter(
            widget=MemoSelect,
            label=_("Cycle"),
            field_name=f"{prefix.removesuffix('member_state__')}cycle",
            queryset=ReviewCycle.objects.all(),
            to_field_name="slug",
            empty_label=_("All cycles"),
        ),
        "commission": django_filters.ModelChoiceFilter(
            widget=MemoSelect,
            label=_("Regional commission"),
            field_name=f"{prefix}regional_commissions",
            queryset=RegionalCommission.objects.all(),
            to_field_name="code",
            empty_label=_("All commissions"),
        ),
        "group": django_filters.ChoiceFilter(
            widget=MemoSelect,
            label=_("UN regional group"),
            field_name=f"{prefix}un_regional_group",
            choices=MemberState.RegionalGroup.choices,
            empty_label=_("All groups"),
        ),
        "state": django_filters.ModelChoiceFilter(
            widget=MemoSelect,
            label=_("Member State"),
            field_name=prefix.removesuffix("__"),
            queryset=MemberState.objects.all(),
            empty_label=_("All Member States"),
        ),
        "category": django_filters.ChoiceFilter(
            widget=MemoSelect,
            label=_("Country group"),
            choices=StateCategory.choices,
            method=by_category,
            empty_label=_("All countries"),
        ),
    }
    return type("StateFilters", (LeanFilterSet,), filters)


class ReadersOrderingFilter(django_filters.OrderingFilter):
    """Sorts by a State's name in the reader's language, with its collation (migration 0015):
    `member_state__name` is the English names' column whatever the language, since
    modeltranslation rewrites only a translated model's own queries (in French, "Pays-Bas"
    came before "Norvège"). Ties (a State's reviews of several cycles) keep one order from page
    to page."""

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = value.lstrip("-")
        if field == "member_state__name":
            return value.replace(field, name_order("member_state__"))
        return value

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        return ordered.order_by(*ordered.query.order_by, "pk") if value else ordered


@extend_schema_field(OpenApiTypes.INT)
class ObjectiveChoiceFilter(django_filters.ModelChoiceFilter):
    """An objective by its number (1-23); the schema says so."""


class PublicReviewFilter(state_filters("member_state__")):
    """`/reviews/?cycle=&commission=&group=&state=&objective=&language=&category=&q=&sort=`"""

    objective = ObjectiveChoiceFilter(
        widget=MemoSelect,
        label=_("Objective addressed"),
        queryset=Objective.objects.all(),
        method="filter_objective",
        empty_label=_("Any objective"),
    )
    language = django_filters.ChoiceFilter(
        widget=MemoSelect,
        label=_("Language of the review"),
        field_name="published_language",
        choices=settings.LANGUAGES,
        empty_label=_("All languages"),
    )
    q = django_filters.CharFilter(
        label=_("Words or “a phrase”"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            'Words in any order; "a phrase" in quotes; -word leaves out the reviews that '
            "contain it; or between alternatives. A State's name finds its review; accents "
            "and capitals do not matter."
        ),
    )
    sort = ReadersOrderingFilter(
        widget=MemoSelect,
        label=_("Sort by"),
        empty_label=_("Relevance or most recent"),
        fields=(
            ("published_at", "published"),
            ("member_state__name", "state"),
            ("cycle__year", "cycle"),
        ),
        # django-filter looks an ascending label up by the MODEL FIELD ("published_at") and a
        # descending one by the "-" + PARAMETER ("-published"); an ascending label keyed by the
        # parameter is never used and the option shows the parameter's English ("State").
        field_labels={
            "published_at": _("Oldest publication first"),
            "-published": _("Newest publication first"),
            "member_state__name": _("Member State (A–Z)"),
            "-state": _("Member State (Z–A)"),
            "cycle__year": _("Earliest cycle first"),
            "-cycle": _("Latest cycle first"),
        },
    )

    class Meta:
        model = VoluntaryReview
        fields = ["cycle", "commission", "group", "state", "objective", "language", "category"]

    def filter_objective(self, queryset, name, value):
        return queryset.filter(
            Exists(
                PublishedPart.objects.filter(
                    document=OuterRef("pk"), kind=PublishedPart.Kind.OBJECTIVE, objective=value
                )
            )
        )

    def filter_search(self, queryset, name, value):
        if not normalise_query(value):
            return queryset
        # Kept for the view: its search of the other kinds' documents reads the same ranks.
        self.ranks = best_ranks(value)
        ranks = None if self.ranks is None else self.ranks.only(reviews=True)
        return search_reviews(queryset, value, ranks=ranks)

    def filter_queryset(self, queryset):
        """A value that is none of the choices (`?cycle=nope`, `?objective=99`) finds nothing:
        the page says so at the field instead of listing every review as if nothing had been
        asked. (The API answers 400 with the same messages before it gets here.)"""
        if self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)


class ObjectiveEntryFilter(state_filters("document__national_review__member_state__")):
    """What published reviews say on one objective: `?cycle=&commission=&status=…`"""

    status = django_filters.ChoiceFilter(
        widget=MemoSelect,
        label=_("Implementation status"),
        choices=[
            c for c in ImplementationStatus.choices if c[0] != ImplementationStatus.NOT_ADDRESSED
        ],
        empty_label=_("Any status"),
    )
    language = django_filters.ChoiceFilter(
        widget=MemoSelect,
        label=_("Language of the review"),
        choices=settings.LANGUAGES,
        empty_label=_("All languages"),
    )

    class Meta:
        model = PublishedPart
        fields = ["cycle", "commission", "group", "state", "category", "status", "language"]


class ObjectiveEntryApiFilter(ObjectiveEntryFilter):
    """The API lists every objective's entries: it also filters by objective."""

    objective = ObjectiveChoiceFilter(
        widget=MemoSelect, label=_("Objective"), queryset=Objective.objects.all()
    )

    class Meta(ObjectiveEntryFilter.Meta):
        fields = [*ObjectiveEntryFilter.Meta.fields, "objective"]


class TrackerFilterForm(forms.Form):
    """A cycle's tracker: `?commission=&reported=`. The tracker lists every Member State (not a
    queryset of reviews), so a plain form: the view filters the rows it built."""

    REPORTED, NOT_REPORTED = "1", "0"

    commission = forms.ModelChoiceField(
        label=_("Regional commission"),
        queryset=RegionalCommission.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("All commissions"),
        widget=FastSelect,
    )
    reported = forms.ChoiceField(
        widget=FastSelect,
        label=_("Reported"),
        choices=[
            ("", _("All Member States")),
            (REPORTED, _("Only the States that reported")),
            (NOT_REPORTED, _("Only the States that have not reported")),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "ECLAC · Economic Commission for Latin America…": the code first, as the table shows it.
        self.fields["commission"].label_from_instance = lambda c: f"{c.code} · {c.name}"
