"""Hold a password-only session of someone who must verify a second factor.

Every page is held except the set-up and verification pages, logging out, static and media files
and `/healthz`: a GET (or HEAD) is redirected to the verification page (or to the set-up page
for someone who has no authenticator yet) with `?next=` set to the page asked for; any other
method is refused (403) without reaching the view, so nothing is ever done on such a session.
Public pages are held too: a half-signed-in secretariat member logs out or verifies. The
language switch is a link to the same page under another prefix, so the held page simply
redirects in the new language. Runs after django-otp's `OTPMiddleware` (`user.is_verified()`).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from gcm_portal.accounts.two_factor.policy import has_two_factor, needs_verification

# URL names a held session may still reach. The other two-factor pages (security, new
# recovery codes, turning off) are held like any page: they need a verified session.
OPEN_URL_NAMES = {"two_factor:setup", "two_factor:verify", "logout", "admin:logout", "healthz"}


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not needs_verification(user, request.session):
            return self.get_response(request)
        if self._is_open(request.path_info):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Two-factor verification is required.")
        step = "two_factor:verify" if has_two_factor(user, request.session) else "two_factor:setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _is_open(path: str) -> bool:
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
            if prefix and prefix.startswith("/") and prefix != "/" and path.startswith(prefix):
                return True
        try:
            match = resolve(path)
        except Resolver404:
            return True  # a 404 page shows nothing
        return match.view_name in OPEN_URL_NAMES
