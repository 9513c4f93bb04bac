"""No stream of made-up addresses can fill the cache of public pages (which is the broker's
Redis when the cache has none of its own): only the addresses the site links to are written."""

import secrets

import pytest
from django.core.cache import cache

from tests.publishing import published_review

pytestmark = [pytest.mark.django_db, pytest.mark.public_cache]


def public_page_keys() -> int:
    """The pages in the cache: keys in the real Redis (this test process's own: xdist workers
    share the Redis, each with its own prefix), or entries of the in-process cache."""
    store = cache._cache
    if hasattr(store, "get_client"):  # django's RedisCache
        mine = f"{cache.key_prefix}:*public-page:*"
        return len(store.get_client(write=False).keys(mine))
    return sum(1 for key in store if "public-page:" in key)


def junk() -> str:
    return secrets.token_hex(6)


@pytest.fixture(autouse=True)
def _searches_unlimited(settings):
    settings.SEARCH_RATE_LIMIT = "100000/m"


@pytest.fixture
def review(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return published_review("GHA")


def test_200_distinct_query_strings_add_no_key_and_the_list_is_still_cached(
    client, review, django_assert_num_queries
):
    shapes = [
        lambda: {"q": junk()},
        lambda: {"page": junk()},
        lambda: {"junk": junk()},
        lambda: {"page": "1", "x": junk()},
        lambda: {"sort": junk()},
        lambda: {"cycle": junk()},
        lambda: {"q": "migration", "page": str(secrets.randbelow(10**9))},
        lambda: {"page": str(2 + secrets.randbelow(10**9))},  # beyond the last page
    ]
    before = public_page_keys()
    for n in range(200):
        assert client.get("/en/reviews/", shapes[n % len(shapes)]()).status_code in {200, 400}
    assert public_page_keys() == before

    assert ">Ghana</a>" in client.get("/en/reviews/").content.decode()
    assert public_page_keys() == before + 1
    with django_assert_num_queries(0):
        assert ">Ghana</a>" in client.get("/en/reviews/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/en/pledges/", "/en/regional/", "/api/v1/reviews/", "/api/v1/pledges/",
     "/feeds/publications/", "/sitemap.xml", "/en/objectives/3/"],
)  # fmt: skip
def test_other_lists_feeds_and_the_api_write_no_key_for_made_up_query_strings(client, review, path):
    before = public_page_keys()
    for shape in ({"q": junk()}, {"junk": junk()}, {"page": junk()}, {"lang": junk()}):
        assert client.get(path, shape).status_code in {200, 400, 404}
    assert public_page_keys() == before
    assert client.get(path).status_code == 200
    assert public_page_keys() == before + 1


def test_made_up_paths_write_no_key(client, review):
    before = public_page_keys()
    for _ in range(20):
        assert client.get(f"/en/reviews/imrf-2026/{junk()[:3].upper()}/").status_code == 404
        assert client.get(f"/en/regional/{junk()}/ECA/").status_code == 404
    assert public_page_keys() == before


def test_the_feed_in_another_language_is_cached_once(client, review, django_assert_num_queries):
    before = public_page_keys()
    assert client.get("/feeds/publications/", {"lang": "fr"}).status_code == 200
    assert public_page_keys() == before + 1
    with django_assert_num_queries(0):
        assert client.get("/feeds/publications/", {"lang": "fr"}).status_code == 200
    client.get("/feeds/publications/", {"lang": "zz"})  # read as English, not its own page
    assert public_page_keys() == before + 1


def test_a_page_of_the_api_list_is_cached_at_its_own_address(
    client, review, django_assert_num_queries
):
    before = public_page_keys()
    assert client.get("/api/v1/reviews/", {"page": "1"}).status_code == 200
    assert public_page_keys() == before  # `?page=1` is not how the site writes the first page
    assert client.get("/api/v1/reviews/", {"page": "2"}).status_code == 404
    assert public_page_keys() == before
