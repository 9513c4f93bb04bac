"""Where a person lands after logging in without a `?next=`: where their work is.

A secretariat member lands in the moderation queue (it opens on what needs action); a focal
point or authorizing official, and anyone with other work there (a regional reporter, the
author of a written input, a pledger), in the workspace; anyone else on the home page
(`LOGIN_REDIRECT_URL`). A safe `?next=` always wins: Django's `LoginView` reads it before
asking for the default. It lives in the project package because it knows the roles of more
than one app.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import resolve_url

from reviews.permissions import can_moderate_reviews, is_focal_point
from reviews.workspaces import sections_for


def landing_url(user) -> str:
    """The page a person starts on, by role (the secretariat first: it may also hold a State)."""
    if can_moderate_reviews(user):
        return resolve_url("reviews:queue")
    # A State's people, and anyone with other work in the workspace (a regional report, a
    # written input, a pledge: the sections apps register there).
    if is_focal_point(user) or sections_for(user):
        return resolve_url("reviews:workspace")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    """Django's login, landing each role on its page when no `next` is given."""

    def get_default_redirect_url(self):
        if self.next_page:
            return super().get_default_redirect_url()
        return landing_url(self.request.user)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (it keeps this session and ends the others), answering a
    refused form with 400 like every form of the portal."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
