import re
import sys

from django import db
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gcm_portal.health import is_healthy


@never_cache
@require_GET
def healthz(request):
    if is_healthy():
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "error"}, status=503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# Seconds a client is told to wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 30
# Posted fields never given back on the page: secrets, and the CSRF token.
_SECRET_FIELD = re.compile(r"password|csrf|token|secret|otp", re.IGNORECASE)
# The driver's (psycopg 2 or 3) base classes of "cannot reach the database" errors.
_DRIVER_ERRORS = {"OperationalError", "InterfaceError"}


def server_error(request):
    """The 500 handler: a 503 "briefly unavailable" page when the database cannot be reached
    (a restart, a failover), Django's plain 500 page for anything else.

    Django calls it inside the `except` of the failed request (a view's or a middleware's, such
    as the session lookup), so `sys.exc_info()` is the error. Nothing here touches the database:
    the template is rendered without a request, so no context processor and no user lookup run.
    """
    if not _database_unreachable(sys.exc_info()[1]):
        return defaults.server_error(request)
    if _wants_json(request):
        if request.method == "POST":
            message = _("Not saved: the portal is briefly unavailable, trying again shortly")
        else:
            message = _("The portal is briefly unavailable; please try again in a minute.")
        response = JsonResponse({"ok": False, "unavailable": True, "error": message}, status=503)
    else:
        response = _unavailable_page(request)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database_unreachable(error) -> bool:
    """The error, or one it was raised from, says the database cannot be reached (Django's
    wrappers, or the driver's own errors when raised outside them)."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, (db.OperationalError, db.InterfaceError)):
            return True
        if any(
            kind.__module__.startswith("psycopg") and kind.__name__ in _DRIVER_ERRORS
            for kind in type(error).__mro__
        ):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    fetched = request.headers.get("X-Requested-With") in {"fetch", "XMLHttpRequest"}
    return fetched or "application/json" in accept or "/api/" in request.path


def _typed_fields(request) -> list[tuple[str, str]]:
    """What a POST carried that the user typed: (field name, text), without secrets."""
    if request.method != "POST":
        return []
    try:
        posted = request.POST
    except Exception:  # an unreadable body: nothing to give back, the page still answers
        return []
    return [
        (name, value)
        for name, values in posted.lists()
        if not _SECRET_FIELD.search(name)
        for value in values
        if value.strip()
    ]


def _unavailable_page(request):
    try:
        # LocaleMiddleware activated the page's language; before it, the default one.
        language = get_language()
        template = loader.get_template("503.html")
        body = template.render(
            {
                "fields": _typed_fields(request),
                "language": language,
                "bidi": get_language_bidi(),
            }
        )
    except Exception:  # the page of last resort must answer whatever broke
        return HttpResponse("<h1>Service Unavailable</h1>", status=503)
    return HttpResponse(body, status=503)
