"""The options of the public filters' dropdowns (193 Member States, cycles, commissions,
objectives...), built once per language and version of the reference data, not per request.

The reference data change only through the admin or `load_reference_data` (fixtures), both of
which save model by model: every save or delete of a reference model bumps a generation kept in
the cache, so that every process (each gunicorn worker keeps its own memo) sees the change at its
next request. A cache that is down or was cleared gives a new generation: the options are built
again, never served stale.
"""

import logging
import threading
import time

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from reviews.public_cache import UNREAD, bump_counter, read_counter

log = logging.getLogger(__name__)

GENERATION_KEY = "reference-data:generation"
# A bounded memo: a few fields × six languages; past this it starts again.
MAX_ENTRIES = 200

_memo: dict[tuple, list] = {}

# The generation read during the request this thread serves: a page with eight dropdowns asks
# the cache once, not seven times. Outside a request (tasks, shell, tests without the client)
# every call asks the cache.
_request = threading.local()


def reference_generation() -> int:
    """The version of the reference data; a cache that is unavailable gives a fresh one. Read
    once per request."""
    if getattr(_request, "serving", False):
        if getattr(_request, "generation", None) is None:
            _request.generation = _read_generation(_request.prefetched)
        return _request.generation
    return _read_generation()


def prefetched(value) -> None:
    """The generation as the request's page-cache lookup read it, in the round trip it made
    for its own keys (None: missing): the dropdowns then need no round trip of their own."""
    if getattr(_request, "serving", False):
        _request.prefetched = value


def _request_started(**kwargs) -> None:
    _request.serving, _request.generation, _request.prefetched = True, None, UNREAD


def _request_finished(**kwargs) -> None:
    _request.serving, _request.generation, _request.prefetched = False, None, UNREAD


def _read_generation(found=UNREAD) -> int:
    try:
        generation = read_counter(GENERATION_KEY, found)
    except Exception:
        log.warning("cache unavailable", exc_info=True)
        generation = None
    return time.time_ns() if generation is None else generation


def reference_changed(**kwargs) -> None:
    """Signal receiver: a reference row was saved or deleted (admin, fixtures). The generation
    moves once the change is committed: before, another process would build its options from
    the old rows again under the new generation, and keep them."""
    transaction.on_commit(lambda: bump_counter(GENERATION_KEY))


def connect_signals() -> None:
    """Called from `ReviewsConfig.ready`: the models whose rows the public filters offer."""
    from reviews.models import (  # here: the models load only once the registry is ready
        MemberState,
        Objective,
        RegionalCommission,
        ReviewCycle,
    )

    request_started.connect(_request_started, dispatch_uid="choices-request-started")
    request_finished.connect(_request_finished, dispatch_uid="choices-request-finished")
    for model in (MemberState, Objective, RegionalCommission, ReviewCycle):
        post_save.connect(reference_changed, sender=model, dispatch_uid=f"choices-{model}")
        post_delete.connect(reference_changed, sender=model, dispatch_uid=f"choices-{model}")
    m2m_changed.connect(
        reference_changed,
        sender=MemberState.regional_commissions.through,
        dispatch_uid="choices-commissions",
    )


def memoized_options(signature: tuple, build) -> list:
    """`build()`, kept per `signature` (what the choices are), language and generation."""
    key = (signature, get_language(), reference_generation())
    options = _memo.get(key)
    if options is None:
        if len(_memo) >= MAX_ENTRIES:
            _memo.clear()
        options = _memo[key] = build()
    return options


def forget_choices() -> None:
    """Empty this process's memo (benchmarks measure a cold page)."""
    _memo.clear()
