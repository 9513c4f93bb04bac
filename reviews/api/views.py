"""The read-only open data API, `/api/v1/`. Lists take the filters of their web pages and
`format=csv` for a CSV of the whole filtered list (no pagination). Anonymous and cached like the
public pages; throttled per client address."""

import logging

from django.db.models import Count, Prefetch, Q
from django.urls import get_resolver
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view, renderer_classes
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework_csv.renderers import CSVRenderer

from reviews.api import serializers
from reviews.api.filters import MemberStateApiFilter, ObjectiveApiFilter
from reviews.csvsafe import safe_row
from reviews.filters import ObjectiveEntryApiFilter, PublicReviewFilter
from reviews.models import (
    NATIONAL_REVIEW,
    MemberState,
    Objective,
    PublishedPart,
    RegionalCommission,
    ReviewCycle,
)
from reviews.selectors import published_reviews
from reviews.views.common import answers_page

log = logging.getLogger(__name__)


class OpenDataCSVRenderer(CSVRenderer):
    """CSV with the columns in the serializer's order, nested values flattened, and text that
    a spreadsheet would run as a formula quoted (`reviews.csvsafe`)."""

    def tablize(self, data, header=None, labels=None):
        for row in super().tablize(data, header=header, labels=labels):
            yield safe_row(row)

    def render(self, data, media_type=None, renderer_context=None, writer_opts=None):
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, list):
            # A list of codes is one cell ("ECE; ESCAP"), not a column per item.
            data = [
                {
                    key: "; ".join(map(str, value)) if isinstance(value, list) else value
                    for key, value in row.items()
                }
                for row in data
            ]
        return super().render(data, media_type, renderer_context, writer_opts)


class OpenDataViewSet(viewsets.ReadOnlyModelViewSet):
    renderer_classes = [JSONRenderer, OpenDataCSVRenderer]
    csv_name = "gcm-data"

    def paginate_queryset(self, queryset):
        # A bad `page` or `page_size` is refused, even by an export, so that the API accepts
        # exactly what its schema says.
        self.paginator.get_page_size(self.request)
        self.paginator.page_number(self.request)
        if self.request.accepted_renderer.format == "csv":
            return None  # an export is the whole filtered list
        return super().paginate_queryset(queryset)

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["header"] = list(self.get_serializer_class().Meta.fields)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(request, "accepted_renderer", None)
            and request.accepted_renderer.format == "csv"
        ):
            response["Content-Disposition"] = f'attachment; filename="{self.csv_name}.csv"'
        response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
        page = getattr(self.paginator, "page", None) if self.action == "list" else None
        if page is not None:
            answers_page(response, request, page)  # `?page=N` alone may be cached
        return response


@extend_schema(tags=["reviews"])
class ReviewViewSet(OpenDataViewSet):
    """Published voluntary GCM reviews. Filters as on `/<lang>/reviews/`, including `q`."""

    filterset_class = PublicReviewFilter
    csv_name = "gcm-reviews"

    def get_queryset(self):
        reviews = published_reviews()
        if self.action == "retrieve":
            reviews = reviews.prefetch_related(
                Prefetch(
                    "published_parts",
                    queryset=PublishedPart.objects.select_related("objective").order_by(
                        "kind", "number"
                    ),
                )
            )
        return reviews

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ReviewDetailSerializer
        return serializers.ReviewSerializer


@extend_schema(tags=["objective entries"])
class ObjectiveEntryViewSet(OpenDataViewSet):
    """Every published review's entry on each objective. Filter with `objective=<n>`,
    `status`, `cycle`, `commission`, `group`, `state`, `category`, `language`."""

    serializer_class = serializers.ObjectiveEntrySerializer
    filterset_class = ObjectiveEntryApiFilter
    csv_name = "gcm-objective-entries"

    def get_queryset(self):
        entries = (
            PublishedPart.objects.filter(
                kind=PublishedPart.Kind.OBJECTIVE, document__published_revision__isnull=False
            )
            .select_related("document__national_review__member_state", "document__cycle")
            .order_by(
                "number", "document__national_review__member_state__name", "document__cycle__year"
            )
        )
        return entries


@extend_schema(tags=["reference data"])
class MemberStateViewSet(OpenDataViewSet):
    """The 193 Member States of the United Nations, with their groups."""

    serializer_class = serializers.MemberStateSerializer
    queryset = MemberState.objects.prefetch_related("regional_commissions").order_by("name")
    lookup_field = "iso3"
    filterset_class = MemberStateApiFilter
    csv_name = "gcm-member-states"


@extend_schema(tags=["reference data"])
class ObjectiveViewSet(OpenDataViewSet):
    """The 23 objectives of the GCM and the IMRF round table that reviews each."""

    serializer_class = serializers.ObjectiveSerializer
    queryset = Objective.objects.order_by("number")
    filterset_class = ObjectiveApiFilter
    csv_name = "gcm-objectives"


@extend_schema(tags=["reference data"])
class CycleViewSet(OpenDataViewSet):
    """Review cycles (regional reviews, IMRF) with their number of published reviews."""

    serializer_class = serializers.CycleSerializer
    queryset = ReviewCycle.objects.annotate(
        published_reviews=Count(
            "documents",
            filter=Q(documents__kind=NATIONAL_REVIEW, documents__published_revision__isnull=False),
        )
    ).order_by("-year", "slug")
    lookup_field = "slug"
    filterset_fields = ["kind", "year"]
    csv_name = "gcm-cycles"


@extend_schema(tags=["reference data"])
class CommissionViewSet(OpenDataViewSet):
    """The five UN regional commissions."""

    serializer_class = serializers.CommissionSerializer
    queryset = RegionalCommission.objects.order_by("code")
    lookup_field = "code"
    csv_name = "gcm-regional-commissions"


@extend_schema(exclude=True)
@api_view(["GET"])
@renderer_classes([JSONRenderer])
def api_root(request):
    """What the API offers, as links."""
    # Every list of the "api" namespace, whichever app declares it (regional reports,
    # stakeholder inputs, …): reviews names none of them.
    api = get_resolver().namespace_dict["api"][1]
    names = sorted(
        name.removesuffix("-list")
        for name in api.reverse_dict
        if isinstance(name, str) and name.endswith("-list")
    )
    links = {name: reverse(f"api:{name}-list", request=request) for name in names}
    links["schema"] = reverse("api:schema", request=request)
    return Response(links)
