"""The cache of public pages, and the memo of what is derived from published revisions.

Every cached public page's key carries a generation number (`public_generation`); publishing,
unpublishing or a new PDF bumps it (`invalidate_public_pages`), so every page is fresh at once
without scanning keys (works on Redis and locmem). The memo (`memoized`) keeps what is costly to
derive from published revisions (rendered Markdown, diffs between cycles) under keys that name
those revisions (`revision_memo_key`), so it never needs invalidating. A cache that is down
serves nothing and costs only recomputing: nothing here raises because of it.
"""

import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"


def public_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh start (or an evicted key) must not reuse an old number: start from the clock.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def invalidate_public_pages() -> None:
    """Make every cached public page stale. Never raises: it runs after a commit, and a cache
    that is down serves no pages anyway (cached pages also expire after PUBLIC_CACHE_SECONDS)."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # evicted: a new clock value invalidates the old pages too
            cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    except Exception:
        log.warning("could not invalidate the cache of public pages", exc_info=True)


# --- Memo of what is derived from a published revision ------------------------------------------


def revision_memo_key(*revisions) -> str:
    """A key that changes whenever one of the revisions does (pk and last change)."""
    return ":".join(f"{r.pk}.{r.updated_at.timestamp():.6f}" for r in revisions)


def memoized(key: str, compute, timeout: int = 24 * 3600):
    """`compute()`, kept in the cache under `key`: for what is costly to derive from published
    revisions (rendered Markdown, diffs between cycles), whose keys say which revisions. A cache
    that is down only means computing again."""
    try:
        value = cache.get(key)
    except Exception:
        log.warning("cache unavailable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            log.warning("could not cache %s", key, exc_info=True)
    return value
