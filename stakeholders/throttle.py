"""Rate limits per client on the public registration forms (django-ratelimit).

Registering and "send the link again" share one budget per client address
(settings.REGISTRATION_RATE_LIMIT, e.g. "20/h"), so neither can be used to send mail to
addresses by the thousand. The client address is read as the log-in throttle reads it
(`gcm_portal.accounts.lockout.client_ip`: behind trusted proxies, the one they saw). A cache
that is down lets the request through: the form must not fail because Redis did.
"""

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from gcm_portal.accounts.lockout import client_ip

log = logging.getLogger(__name__)
GROUP = "stakeholders.registration"


def _client(group, request) -> str:
    return client_ip(request)


def over_limit(request) -> bool:
    """Count this POST against the client's budget; True when the budget is spent."""
    try:
        return is_ratelimited(
            request,
            group=GROUP,
            key=_client,
            rate=settings.REGISTRATION_RATE_LIMIT,
            method="POST",
            increment=True,
        )
    except Exception:  # the cache's client raises many types; none may break the form
        log.warning("registration rate limit not checked (cache unavailable)", exc_info=True)
        return False
