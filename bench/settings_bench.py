"""Settings of the web benchmark (bench/web.py): the portal's own settings, plus the framework
floor (`/bench/floor/`, bench/urls.py) and its template. Nothing else differs, except on the
cold server (BENCH_COLD=1), which must show what a visitor pays when nothing is remembered:

- the cache is Django's DummyCache, so every page and every `reviews.public_cache.memoized`
  value (rendered Markdown, diffs) is computed again on every request, and the page cache is off;
- `bench.cold_server.ForgetMemosMiddleware` empties the portal's per-process memos before every
  request (`bench.cold.flush_memos`: the one list of them).

Nothing in the portal needs the cache to be correct, only to be fast; but what counts in it
cannot count there: the rate limits of searches (django-ratelimit) and of the API (DRF) let
everything through, as the bench sets them far beyond its load anyway. django-ratelimit's check
refuses a DummyCache (E003) for that reason: silenced here, on the cold server only.
"""

from gcm_portal.env import env_bool
from gcm_portal.settings import *  # noqa: F403
from gcm_portal.settings import BASE_DIR, MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

BENCH_COLD = env_bool("BENCH_COLD", False)
if BENCH_COLD:
    # One alias only: flush_memos() clears every alias, and a Redis one would be FLUSHDB of the
    # Redis the warm server shares.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    PUBLIC_CACHE_SECONDS = 0
    MIDDLEWARE = ["bench.cold_server.ForgetMemosMiddleware", *MIDDLEWARE]
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003"]
