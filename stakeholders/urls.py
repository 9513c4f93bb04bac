"""The stakeholders' pages: events, registration and self-service, the secretariat's desk,
written inputs. Each views module lists its own routes; they share the "stakeholders"
namespace."""

from stakeholders.views import (
    accreditation_focal_points,
    accreditation_public,
    accreditation_secretariat,
    dashboard,
    event_admin,
    events,
    inputs,
    inputs_moderation,
    inputs_public,
    pledges,
    pledges_moderation,
    pledges_public,
    registration,
    secretariat,
)

app_name = "stakeholders"

urlpatterns = [
    *events.urlpatterns,
    *registration.urlpatterns,
    *accreditation_public.urlpatterns,
    *accreditation_secretariat.urlpatterns,
    *accreditation_focal_points.urlpatterns,
    *secretariat.urlpatterns,
    *inputs.urlpatterns,
    *inputs_moderation.urlpatterns,
    *inputs_public.urlpatterns,
    *pledges.urlpatterns,
    *pledges_moderation.urlpatterns,
    *pledges_public.urlpatterns,
    *event_admin.urlpatterns,
    *dashboard.urlpatterns,
]
