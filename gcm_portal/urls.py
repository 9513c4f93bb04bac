from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from gcm_portal import landing, views
from gcm_portal.accounts.forms import LoginForm
from regional import api_urls as regional_api
from regional.sitemaps import SITEMAPS as REGIONAL_SITEMAPS
from reviews.api import urls as reviews_api
from reviews.feeds import PublicationsFeed
from reviews.sitemaps import SITEMAPS
from reviews.views import browse
from reviews.views.common import cache_public_page
from stakeholders import api_urls as stakeholders_api
from stakeholders.pledges import api_urls as pledges_api
from stakeholders.pledges.sitemaps import SITEMAPS as PLEDGE_SITEMAPS
from stakeholders.sitemaps import SITEMAPS as STAKEHOLDER_SITEMAPS

admin.site.site_header = _("GCM Review Portal administration")
admin.site.site_title = _("GCM Review Portal")

handler403 = "gcm_portal.views.permission_denied"
handler404 = "gcm_portal.views.page_not_found"
# Django's 500 page, or a 503 that keeps the typed text when the database is unreachable.
handler500 = "gcm_portal.views.server_error"

account_patterns = [
    path(
        "login/",
        landing.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("gcm_portal.accounts.two_factor.urls")),
    path("password/", landing.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # One "api" namespace for the routes of reviews, regional and stakeholders: reviews never
    # imports the other two.
    path(
        "api/v1/",
        include(
            (
                reviews_api.urlpatterns
                + regional_api.urlpatterns
                + stakeholders_api.urlpatterns
                + pledges_api.urlpatterns,
                "api",
            )
        ),
    ),
    path(
        "feeds/publications/",
        cache_public_page(PublicationsFeed()),
        name="feed_publications",
    ),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": {**SITEMAPS, **REGIONAL_SITEMAPS, **STAKEHOLDER_SITEMAPS, **PLEDGE_SITEMAPS}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", browse.home, name="home"),
    path("accounts/", include(account_patterns)),
    path("", include("reviews.urls")),
    path("", include("regional.urls")),
    path("", include("stakeholders.urls")),
    prefix_default_language=True,
)
