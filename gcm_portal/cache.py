"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

`django.core.cache.backends.redis.RedisCacheClient.get_client` builds a new `redis.Redis` around
the (shared) pool at every cache call: about 60 µs each, and an uncached public page makes six to
nine calls (issue 17). A `redis.Redis` only borrows connections from its pool per command and is
safe to share between threads, so one per pool does the same work; redis-py's pool notices a
fork and starts its own connections in the child.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, same options, its client kept."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
