"""Per-client rate limits on public pages (django-ratelimit), and their cheap answer.

A budget is a django-ratelimit rate ("60/m") counted per client address, the address read as
the log-in throttle reads it (`gcm_portal.accounts.lockout.client_ip`: behind trusted proxies,
the one they saw). Over it, a 429 with `Retry-After`: the seconds left in the client's window,
as django-ratelimit computes it (each client's window ends at its own second of the period).

The searches of the public pages (a non-empty `q`) share one budget, settings.SEARCH_RATE_LIMIT:
`limit_searches` checks it before the view runs, so a refused search costs one cache increment
and a small page, no query. Browsing a list without `q` is never counted. Registration uses the
same counting (stakeholders.throttle).

A cache that is down lets the request through, with a warning: the public site must not fail
because Redis did.
"""

import logging
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from gcm_portal.accounts.lockout import client_ip

log = logging.getLogger(__name__)
SEARCH_GROUP = "reviews.search"


def _client(group, request) -> str:
    return client_ip(request)


def seconds_refused(request, *, group: str, rate: str, method: str | None = None) -> int:
    """Count this request against the client's budget for `group`; 0 while within it, else the
    seconds until the client's window ends (at least 1)."""
    try:
        usage = get_usage(
            request,
            group=group,
            key=_client,
            rate=rate,
            method=method or request.method,
            increment=True,
        )
    except Exception:  # the cache's client raises many types; none may break the page
        log.warning("rate limit %s not checked (cache unavailable)", group, exc_info=True)
        return 0
    if usage is None or not usage["should_limit"]:
        return 0
    if usage["time_left"] < 0:
        # django-ratelimit's answer when the count could not be read or written: fail open.
        log.warning("rate limit %s not checked (count unavailable)", group)
        return 0
    return max(1, usage["time_left"])


def with_retry_after(response, seconds: int):
    response["Retry-After"] = str(seconds)
    return response


def is_search(request) -> bool:
    return bool(request.GET.get("q", "").strip())


def limit_searches(view):
    """Refuse a client's searches beyond settings.SEARCH_RATE_LIMIT with a 429, before `view`
    (and before the cache of public pages) runs. Requests without a `q` pass untouched."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.META.get("QUERY_STRING") and is_search(request):
            seconds = seconds_refused(
                request, group=SEARCH_GROUP, rate=settings.SEARCH_RATE_LIMIT, method="GET"
            )
            if seconds:
                return too_many_searches(request, seconds)
        return view(request, *args, **kwargs)

    return wrapper


def too_many_searches(request, seconds: int):
    """A small page: what happened and when to try again; nothing searched, nothing read."""
    response = render(request, "429.html", {"seconds": seconds}, status=429)
    response["Cache-Control"] = "no-store"
    return with_retry_after(response, seconds)
