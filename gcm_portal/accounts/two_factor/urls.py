"""Two-factor pages, under /<lang>/accounts/ (namespace "two_factor")."""

from django.urls import path

from gcm_portal.accounts.two_factor import views

app_name = "two_factor"

urlpatterns = [
    path("security/", views.security, name="security"),
    path("two-factor/setup/", views.setup, name="setup"),
    path("two-factor/verify/", views.verify, name="verify"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-factor/recovery-codes/new/", views.regenerate, name="regenerate"),
    path("two-factor/turn-off/", views.turn_off, name="turn_off"),
]
