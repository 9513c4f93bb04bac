"""Searches of the public pages are limited per client (settings.SEARCH_RATE_LIMIT), answered
429 with Retry-After before any query; registration's refusals say when to come back too."""

import logging
import types
import uuid
import zlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_ratelimit import core

from reviews import throttle
from tests.stakeholders.accrediting import post_application
from tests.stakeholders.factories import EventFactory
from tests.stakeholders.registering import register

pytestmark = pytest.mark.django_db
NOW = 1_800_000_000  # a fixed second, so that 61 requests fall in one window
REFUSED = "Too many searches from your address"


@pytest.fixture(autouse=True)
def _one_window(settings, monkeypatch):
    """Sixty a minute, the clock of django-ratelimit stopped (windows are per client and
    period); every test counts in a fresh group so runs never share a count."""
    settings.SEARCH_RATE_LIMIT = "60/m"
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: NOW))
    monkeypatch.setattr(throttle, "SEARCH_GROUP", f"test-search-{uuid.uuid4()}")


def address() -> str:
    return f"198.51.100.{uuid.uuid4().int % 250 + 1}"


def search(client, ip, path="/en/reviews/", q="labour migration"):
    return client.get(path, {"q": q}, REMOTE_ADDR=ip)


def seconds_left(ip: str, period: int) -> int:
    """When django-ratelimit's window of this client ends, from NOW."""
    end = NOW - NOW % period + zlib.crc32(ip.encode()) % period
    return (end if end >= NOW else end + period) - NOW


def test_the_61st_search_in_a_minute_is_refused_with_retry_after(client):
    ip = address()
    for _ in range(60):
        assert search(client, ip).status_code == 200
    refused = search(client, ip)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(max(1, seconds_left(ip, 60)))
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"
    assert REFUSED in refused.content.decode()


def test_another_address_still_searches(client, settings):
    settings.SEARCH_RATE_LIMIT = "3/m"
    ip, other = "198.51.100.7", "198.51.100.8"
    for _ in range(3):
        search(client, ip)
    assert search(client, ip).status_code == 429
    assert search(client, other).status_code == 200


def test_the_refusal_runs_no_query(client, settings, django_assert_num_queries):
    settings.SEARCH_RATE_LIMIT = "3/m"
    ip = address()
    for _ in range(3):
        search(client, ip)
    with django_assert_num_queries(0):
        assert search(client, ip).status_code == 429


def test_browsing_without_words_is_never_counted_nor_limited(client, settings):
    settings.SEARCH_RATE_LIMIT = "5/m"
    ip = address()
    for _ in range(10):
        assert client.get("/en/reviews/", REMOTE_ADDR=ip).status_code == 200
    for query in ({"q": ""}, {"q": "   "}, {"page": "2"}):
        assert client.get("/en/reviews/", query, REMOTE_ADDR=ip).status_code == 200
    for _ in range(5):
        assert search(client, ip).status_code == 200  # the whole budget is still there
    assert search(client, ip).status_code == 429
    assert client.get("/en/reviews/", REMOTE_ADDR=ip).status_code == 200
    assert client.get("/en/pledges/", REMOTE_ADDR=ip).status_code == 200


def test_searches_of_pledges_share_the_budget(client, settings):
    settings.SEARCH_RATE_LIMIT = "4/m"
    ip = address()
    for _ in range(2):
        assert search(client, ip).status_code == 200
        assert search(client, ip, "/en/pledges/").status_code == 200
    refused = search(client, ip, "/en/pledges/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(max(1, seconds_left(ip, 60)))
    assert search(client, ip).status_code == 429


def test_the_client_is_the_address_the_trusted_proxy_saw(client, settings):
    settings.SEARCH_RATE_LIMIT = "1/m"
    settings.TRUSTED_PROXY_COUNT = 1

    def via_proxy(forwarded):
        return client.get(
            "/en/reviews/", {"q": "x"}, REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR=forwarded
        )

    assert via_proxy("203.0.113.1").status_code == 200
    assert via_proxy("203.0.113.2").status_code == 200
    assert via_proxy("203.0.113.1").status_code == 429


def test_the_refusal_is_in_the_readers_language(client, settings):
    settings.SEARCH_RATE_LIMIT = "1/m"
    ip = address()
    search(client, ip, "/ar/reviews/")
    refused = search(client, ip, "/ar/reviews/")
    assert refused.status_code == 429
    assert 'dir="rtl"' in refused.content.decode()


def test_a_cache_outage_lets_searches_through(client, settings, monkeypatch, caplog):
    settings.SEARCH_RATE_LIMIT = "2/m"

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(throttle, "get_usage", down)
    ip = address()
    with caplog.at_level(logging.WARNING, logger="reviews.throttle"):
        for _ in range(4):
            assert search(client, ip).status_code == 200
    assert caplog.records[0].getMessage().startswith("rate limit test-search-")


# --- registration and accreditation say when to come back -----------------------------------


def test_a_refused_registration_says_when_to_come_back(
    client, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    event = EventFactory()
    ip = address()
    assert register(client, event, django_capture_on_commit_callbacks, ip=ip).status_code == 302
    refused = register(
        client, event, django_capture_on_commit_callbacks, ip=ip, email="again@example.org"
    )
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(max(1, seconds_left(ip, 3600)))


def test_a_refused_resend_says_when_to_come_back(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    event = EventFactory()
    ip = address()
    url = reverse("stakeholders:register_resend", args=[event.slug])
    assert client.post(url, {"email": "a@example.org"}, REMOTE_ADDR=ip).status_code == 302
    refused = client.post(url, {"email": "a@example.org"}, REMOTE_ADDR=ip)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(max(1, seconds_left(ip, 3600)))


def test_a_refused_accreditation_request_says_when_to_come_back(
    client, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    event = EventFactory(
        slug="imrf-2026", accreditation_deadline=timezone.now() + timedelta(days=20)
    )
    ip = address()
    first = post_application(client, event, django_capture_on_commit_callbacks, ip=ip)
    assert first.status_code == 302
    refused = post_application(
        client, event, django_capture_on_commit_callbacks, ip=ip, name="Autre"
    )
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(max(1, seconds_left(ip, 3600)))
