"""The pledges' routes of the open data API; the project's URLconf adds them to `api/v1/`
(namespace "api") beside the other apps' routes."""

from reviews.api.urls import _routes
from stakeholders.pledges import api

urlpatterns = [*_routes("pledges", api.PledgeViewSet, lookup="reference", converter="slug")]
