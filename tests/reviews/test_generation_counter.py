"""`read_counter`: a generation number kept in the cache, started from the clock when missing,
in as few round trips as the cache allows (issue 17: each is paid by a cold page)."""

from unittest import mock

from django.core.cache import cache
from django.test import override_settings

from reviews.public_cache import read_counter

LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@override_settings(CACHES=LOCAL)
def test_a_missing_counter_starts_from_the_clock_in_two_round_trips():
    cache.clear()
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        first = read_counter("counter")
    assert get.call_count == 1  # the miss; `add` said the clock's value is now the counter
    assert first > 1_700_000_000_000_000  # microseconds since 1970, after 2023
    assert read_counter("counter") == first == cache.get("counter")


@override_settings(CACHES=LOCAL)
def test_a_counter_another_process_started_meanwhile_wins():
    cache.clear()
    real_get = cache.get

    def another_process_writes_first(key, *args):
        value = real_get(key, *args)
        if value is None and not cache.has_key(key):
            cache.set(key, 42, timeout=None)  # between our get and our add
        return value

    with mock.patch.object(cache, "get", side_effect=another_process_writes_first):
        assert read_counter("counter") == 42
