"""The portal's Redis cache keeps one client per connection pool (gcm_portal.cache): the same
values go in and out as through Django's own backend, without a client built per call."""

import os

import pytest
from django.core.cache import caches
from django.test import override_settings

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis")


def redis_cache(backend: str):
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": os.environ.get("REDIS_URL", ""),
            "KEY_PREFIX": f"cache-client-test-{os.getpid()}",
        }
    }


def test_one_client_serves_every_call():
    with override_settings(CACHES=redis_cache("gcm_portal.cache.RedisCache")):
        store = caches.create_connection("default")
        client = store._cache.get_client()
        store.set("k", {"a": 1})
        assert store.get("k") == {"a": 1}
        assert store.get_many(["k", "missing"]) == {"k": {"a": 1}}
        assert store.incr(store.add("n", 5) and "n") == 6
        assert store._cache.get_client() is client
        assert store._cache.get_client(write=True) is client  # one server: one pool
        store.delete_many(["k", "n"])


def test_djangos_backend_builds_a_client_per_call():
    """What the subclass changes: without it, each call had a client of its own."""
    with override_settings(CACHES=redis_cache("django.core.cache.backends.redis.RedisCache")):
        store = caches.create_connection("default")
        assert store._cache.get_client() is not store._cache.get_client()
