"""The cache of public pages, and the memo of what is derived from published revisions.

Pages are kept under versioned keys, one version per *scope*: the pages of one Member State
(its State page and its reviews' pages: `state_scope`), one objective's page
(`objective_scope`), one document's own page (a pledge, an input: `path_scope`), and the
index (everything that gathers many documents: home, lists, trackers, feed, sitemap, the
API). A change to a published document marks its scopes changed (`mark_changed`, on commit),
and a task renders the pages of those scopes again into a new version (`reviews.warming`),
then moves the scope to it (`move_to`): until then the previous version keeps serving, so no
visitor meets a cold page after a publication. A scope
whose change no finished warming has read for `STALE_AFTER` seconds (its task lost with the
broker, its worker killed) is served fresh, never from the cache, until one has.

A generation number common to every key (`invalidate_public_pages`) makes every page stale at
once: for what every page shows (a cycle's title in the admin), and for tests.

The memo (`memoized`) keeps what is costly to derive from published revisions (diffs between
cycles) under keys that name those revisions (`revision_memo_key`), so it never needs
invalidating. A cache that is down serves nothing and costs only recomputing: nothing here
raises because of it.
"""

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

GENERATION_KEY = "public-pages:generation"
NEXT_VERSION_KEY = "public-pages:next-version"
INDEX = "index"
# Set on the requests `reviews.warming` renders: {scope: Scope being written}. The views' cache
# decorator writes their pages there instead of serving them from the cache.
WARMING = "public_cache_warming"
# A change that no warming has read this long after it happened: its task is lost (sweeps run
# every few minutes), so pages of its scope are rendered fresh until one has.
STALE_AFTER = 120


def state_scope(iso3: str) -> str:
    return f"state:{iso3.upper()}"


def objective_scope(number: int) -> str:
    return f"objective:{number}"


def path_scope(path: str) -> str:
    """A page's own scope: its path without the language prefix (`/fr/pledges/P-1/` and
    `/en/pledges/P-1/` are one scope)."""
    languages = {code for code, _name in settings.LANGUAGES}
    head, _, rest = path.lstrip("/").partition("/")
    return "page:/" + (rest if head in languages else path.lstrip("/"))


def _version_key(scope: str) -> str:
    return f"public-pages:version:{scope}"


def _changed_key(scope: str) -> str:
    return f"public-pages:changed:{scope}"


UNREAD = object()


def read_counter(key: str, found=UNREAD) -> int:
    """A generation number kept in the cache (raises when the cache is down). A fresh start or
    an evicted key must not reuse an old number: it starts from the clock. `found`: the value
    the caller read already, with other keys in one round trip (None if it was missing)."""
    generation = cache.get(key) if found is UNREAD else found
    if generation is None:
        start = time.time_ns() // 1000
        # `add` writes only where nobody did meanwhile: then the number is ours, no need to read
        # it back (a round trip fewer on a cold cache); else read the one that won.
        generation = start if cache.add(key, start, timeout=None) else cache.get(key, 0)
    return generation


def bump_counter(key: str) -> None:
    """Move a generation number on. Never raises: it runs after a commit, and a cache that is
    down serves nothing anyway."""
    try:
        try:
            cache.incr(key)
        except ValueError:  # evicted: a new clock value is a new generation too
            cache.set(key, time.time_ns() // 1000, timeout=None)
    except Exception:
        log.warning("could not move %s on", key, exc_info=True)


def public_generation() -> int:
    return read_counter(GENERATION_KEY)


def invalidate_public_pages() -> None:
    """Make every cached public page stale (cached pages also expire after
    PUBLIC_CACHE_SECONDS, should the cache be down at that moment)."""
    bump_counter(GENERATION_KEY)


@dataclass(frozen=True)
class Scope:
    """Where a scope's pages are read and written now. `pending`: a change happened that no
    finished warming has read; `fresh`: for so long that pages must not come from the cache;
    `also`: what `current_scope` read for the page besides."""

    name: str
    generation: int
    version: int
    pending: bool = False
    fresh: bool = False
    also: dict = field(default_factory=dict, compare=False)

    def page_key(self, language: str, variant: str, address: str) -> str:
        where = f"{self.generation}:{self.name}:{self.version}"
        return f"public-page:{where}:{language}:{variant}:{address}"


def current_scope(name: str, also: tuple[str, ...] = ()) -> Scope:
    """The generation and version of `name` in one round trip to the cache (raises when the
    cache is down: the caller serves without it). `also`: other keys the page will need, read
    in the same round trip (`Scope.also`, None for a missing key)."""
    found = cache.get_many([GENERATION_KEY, _version_key(name), _changed_key(name), *also])
    generation = read_counter(GENERATION_KEY, found.get(GENERATION_KEY))
    version, read_from = found.get(_version_key(name), (0, 0.0))
    changed = found.get(_changed_key(name))
    pending = changed is not None and changed > read_from
    fresh = pending and time.time() - changed > STALE_AFTER
    return Scope(name, generation, version, pending, fresh, {k: found.get(k) for k in also})


def mark_changed(scopes) -> None:
    """Record that what the pages of `scopes` show has changed (after the commit that changed
    it). Never raises: a cache that is down serves no pages."""
    now = time.time()
    try:
        cache.set_many({_changed_key(scope): now for scope in scopes}, timeout=None)
    except Exception:
        log.warning("could not mark public pages changed", exc_info=True)


def next_version() -> tuple[int, float]:
    """A version no warming has used, and the time from which the database is read for it."""
    read_from = time.time()
    try:
        version = cache.incr(NEXT_VERSION_KEY)
    except ValueError:  # first use, or evicted: the clock never goes back to an old number
        version = time.time_ns() // 1000
        cache.set(NEXT_VERSION_KEY, version, timeout=None)
    return version, read_from


def move_to(scope: str, version: int, read_from: float) -> bool:
    """Serve `scope` from `version` from now on, unless a warming that read the database later
    already moved it (two publications warmed at once: the later read wins)."""
    key = _version_key(scope)
    _current, current_read_from = cache.get(key, (0, 0.0))
    if current_read_from > read_from:
        return False
    cache.set(key, (version, read_from), timeout=None)
    return True


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
