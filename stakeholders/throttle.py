"""Rate limits per client on the public registration forms (django-ratelimit).

Registering, "send the link again" and asking for accreditation share one budget per client
address (settings.REGISTRATION_RATE_LIMIT, e.g. "20/h"), so none can be used to send mail to
addresses by the thousand. Counted as every public rate limit is (`reviews.throttle`: the client
address as the log-in throttle reads it; a cache that is down lets the request through, the form
must not fail because Redis did). A refused POST is answered 429 with `Retry-After`.
"""

from django.conf import settings

from reviews.throttle import seconds_refused

GROUP = "stakeholders.registration"


def over_limit(request) -> int:
    """Count this POST against the client's budget: 0 while within it, else the seconds until the
    client may try again (truthy)."""
    return seconds_refused(
        request, group=GROUP, rate=settings.REGISTRATION_RATE_LIMIT, method="POST"
    )
