"""The stakeholders' pages: events, registration and self-service, the secretariat's desk,
written inputs. Each views module lists its own routes; they share the "stakeholders"
namespace."""

from stakeholders.views import (
    dashboard,
    event_admin,
    events,
    inputs,
    inputs_moderation,
    inputs_public,
    registration,
    secretariat,
)

app_name = "stakeholders"

urlpatterns = [
    *events.urlpatterns,
    *registration.urlpatterns,
    *secretariat.urlpatterns,
    *inputs.urlpatterns,
    *inputs_moderation.urlpatterns,
    *inputs_public.urlpatterns,
    *event_admin.urlpatterns,
    *dashboard.urlpatterns,
]
