"""How many times an anonymous public page asks Redis (issue 17): each round trip is paid by
every page, cold or cached. The page's scope and the dropdowns' version are read together."""

from unittest import mock

import pytest
import redis
from django.core.cache import cache

from tests.publishing import published_review

pytestmark = [pytest.mark.django_db, pytest.mark.public_cache]


def _commands(client, url) -> list[str]:
    sent = []
    real = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(args[0])
        return real(self, *args, **options)

    with mock.patch.object(redis.Redis, "execute_command", counting):
        assert client.get(url).status_code == 200
    return sent


def test_a_cold_list_page_asks_redis_five_times(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published_review("GHA")
    cache.clear()  # every counter gone, as after a restart of Redis
    # The scope's keys and the dropdowns' version at once; the two missing counters started;
    # the page looked up, then written.
    assert sorted(_commands(client, "/en/reviews/")) == ["GET", "MGET", "SET", "SET", "SET"]
    # Served from the cache: the same first read, then the page.
    assert _commands(client, "/en/reviews/") == ["MGET", "GET"]


def test_a_list_page_with_its_counters_asks_redis_three_times(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published_review("GHA")
    client.get("/fr/reviews/")  # the counters exist now
    assert sorted(_commands(client, "/en/reviews/")) == ["GET", "MGET", "SET"]
