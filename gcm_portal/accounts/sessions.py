"""Sessions end after an idle period and an absolute lifetime.

`SESSION_IDLE_MINUTES` without a request, or `SESSION_MAX_HOURS` after logging in, whichever
comes first: the next request logs the person out and sends them to the log-in page with a
message saying why, and `?next=` back to where they were. The log-in time is written in the
session when a person logs in (`user_logged_in`); the last activity is written at most once a
minute, so reading pages does not write the session on every request.

A background request (the editor's autosave: `X-Requested-With`, or one asking for JSON)
gets a JSON 401 with the message instead of a redirect to an HTML page: the editor shows it,
stops autosaving, and the text stays in the browser's copy, offered back after logging in.

Every other session of a person ends when their password changes: Django's session hash
(`get_session_auth_hash`) does that; `PasswordChangeView` keeps the current session.
"""

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.contrib.messages.storage import default_storage
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

STARTED = "gcm_session_started"  # epoch seconds of the log-in
SEEN = "gcm_session_seen"  # epoch seconds of the last request, to the minute
SEEN_EVERY = 60  # seconds: how stale SEEN may get before it is written again


@receiver(user_logged_in, dispatch_uid="gcm_session_started")
def _record_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now


def expiry_reason(session, now: float) -> str | None:
    """ "idle", "lifetime" or None for a signed-in session's data at `now` (epoch seconds)."""
    started = session.get(STARTED)
    seen = session.get(SEEN)
    if isinstance(started, int) and now - started > settings.SESSION_MAX_HOURS * 3600:
        return "lifetime"
    if isinstance(seen, int) and now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def expiry_message(reason: str) -> str:
    if reason == "idle":
        minutes = settings.SESSION_IDLE_MINUTES
        return ngettext(
            "You were signed out after %(count)d minute without activity. Log in again to "
            "continue.",
            "You were signed out after %(count)d minutes without activity. Log in again to "
            "continue.",
            minutes,
        ) % {"count": minutes}
    hours = settings.SESSION_MAX_HOURS
    return ngettext(
        "You were signed out %(count)d hour after you signed in. Log in again to continue.",
        "You were signed out %(count)d hours after you signed in. Log in again to continue.",
        hours,
    ) % {"count": hours}


def _is_background(request) -> bool:
    requested_with = request.headers.get("X-Requested-With", "")
    accept = request.headers.get("Accept", "")
    return bool(requested_with) or ("application/json" in accept and "text/html" not in accept)


def _back_to(request) -> str:
    """Where the log-in page sends the person back: the page, or the one a form was on."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not (referer and safe):
        return request.get_full_path()
    parts = urlsplit(referer)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _signed_out(request, reason: str):
    message = expiry_message(reason)
    login_url = resolve_url(settings.LOGIN_URL)
    back = _back_to(request)
    logout(request)
    if _is_background(request):
        body = {"ok": False, "signed_out": True, "error": message, "login_url": login_url}
        return JsonResponse(body, status=401)
    target = login_url
    if back and not back.startswith(login_url):
        target = f"{login_url}?{urlencode({'next': back})}"
    response = HttpResponseRedirect(target)
    # MessageMiddleware comes after this one: write the message with its storage directly.
    storage = default_storage(request)
    storage.add(messages.WARNING, message)
    storage.update(response)
    return response


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            reason = expiry_reason(session, now)
            if reason is not None:
                return _signed_out(request, reason)
            # A session from before this middleware, or made without `login()`: starts now.
            session.setdefault(STARTED, now)
            if not isinstance(session.get(SEEN), int) or now - session[SEEN] >= SEEN_EVERY:
                session[SEEN] = now
        return self.get_response(request)
