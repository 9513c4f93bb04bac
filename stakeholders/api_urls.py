"""The stakeholders' routes of the open data API; the project's URLconf adds them to `api/v1/`
(namespace "api") beside reviews' own and regional's."""

from reviews.api.urls import _routes
from stakeholders import api

urlpatterns = [*_routes("stakeholder-inputs", api.StakeholderInputViewSet)]
