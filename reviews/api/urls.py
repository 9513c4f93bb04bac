from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from reviews import converters  # noqa: F401  (registers <iso3:…>)
from reviews.api import views
from reviews.views.common import cache_public_page

app_name = "api"


def _routes(prefix: str, viewset, lookup: str = "pk", converter: str = "int"):
    # Explicit paths rather than a router: each list and item is cached like a public page.
    return [
        path(
            f"{prefix}/",
            cache_public_page(viewset.as_view({"get": "list"})),
            name=f"{prefix}-list",
        ),
        path(
            f"{prefix}/<{converter}:{lookup}>/",
            cache_public_page(viewset.as_view({"get": "retrieve"})),
            name=f"{prefix}-detail",
        ),
    ]


urlpatterns = [
    path("", views.api_root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *_routes("reviews", views.ReviewViewSet),
    *_routes("objective-entries", views.ObjectiveEntryViewSet),
    *_routes("states", views.MemberStateViewSet, "iso3", "iso3"),
    *_routes("objectives", views.ObjectiveViewSet, "pk", "int"),
    *_routes("cycles", views.CycleViewSet, "slug", "slug"),
    *_routes("commissions", views.CommissionViewSet, "code", "str"),
]
