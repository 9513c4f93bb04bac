"""Throttling failed log-ins (django-axes), wired from settings.

The rule: after `AXES_FAILURE_LIMIT` (5) failures for one account from one client address, that
account is refused from that address; after `LOGIN_FAILURES_PER_ADDRESS` (20) failures from one
address, whatever the accounts, the address is refused. Either lasts `AXES_COOLOFF_TIME`
(15 minutes) after the last failure; a successful log-in clears its own account's count.

Axes itself applies one limit to every lockout parameter, so an office behind one NAT address
would be locked out by five typos of its staff together; and its reset on success clears every
count of the address, so an attacker holding any account could log into it every fourth guess
and never be locked out. `LoginThrottleHandler` keeps axes' database records and differs only
in those two places.

The client address is `REMOTE_ADDR`, or behind `TRUSTED_PROXY_COUNT` reverse proxies the
address the outermost trusted proxy saw: the same rule as the API's per-client rate limit.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def client_ip(request) -> str:
    """The client's address, as DRF's NUM_PROXIES reads it for the API's rate limit.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For;
    whatever stands left of those was written by the client and proves nothing.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote


def login_username(request, credentials) -> str | None:
    """The address being tried, lower-cased: `Alice@…` and `alice@…` share one count."""
    source = credentials if credentials is not None else request.POST
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source is not None else None
    return username.strip().lower() if isinstance(username, str) else None


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        per_account = _failures(recent.filter(username=get_client_username(request, credentials)))
        if _failures(recent) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            # Axes compares this one number with AXES_FAILURE_LIMIT: the whole address is out.
            return max(per_account, settings.AXES_FAILURE_LIMIT)
        return per_account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On success, clear this account's failures from this address, and only those."""
        deleted, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return deleted


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
