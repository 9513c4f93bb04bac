"""The regional routes of the open data API; the project's URLconf adds them to `api/v1/`
(namespace "api") beside reviews' own."""

from regional import api
from reviews.api.urls import _routes

urlpatterns = [
    *_routes("regional-reports", api.RegionalReportViewSet),
    *_routes("regional-inputs", api.RegionalInputViewSet),
]
