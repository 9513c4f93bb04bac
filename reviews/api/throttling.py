"""Rate limit of the open data API, per client address (DRF's anonymous throttle)."""

import logging

from rest_framework.throttling import AnonRateThrottle

log = logging.getLogger(__name__)


class ReaderRateThrottle(AnonRateThrottle):
    scope = "reader"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache is down: serve rather than fail
            log.warning("API throttle unavailable", exc_info=True)
            return True
