"""Abuse: the honeypot, and the rate limit per client on registering and resending."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from reviews import throttle
from stakeholders.models import Registration
from tests.stakeholders.factories import EventFactory
from tests.stakeholders.registering import form_data, register

pytestmark = pytest.mark.django_db
TOO_MANY = "Too many registrations were sent from your network in a short time."


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()


def test_honeypot_answers_the_same_and_stores_nothing(
    client, event, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = "1000/h"
    response = register(client, event, django_capture_on_commit_callbacks, contact_fax="555-1234")
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:register_sent", args=[event.slug])
    assert Registration.objects.count() == 0
    assert mailoutbox == []


def test_honeypot_is_hidden_from_people(client, event):
    body = client.get(reverse("stakeholders:register", args=[event.slug])).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in body
    assert 'name="contact_fax"' in body and 'tabindex="-1"' in body


def test_over_the_limit_answers_429_and_keeps_what_was_typed(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    for n in range(2):
        ok = register(client, event, django_capture_on_commit_callbacks, email=f"p{n}@example.org")
        assert ok.status_code == 302
    refused = register(
        client, event, django_capture_on_commit_callbacks,
        email="third@example.org", organization="Kept Organisation",
    )  # fmt: skip
    assert refused.status_code == 429
    body = refused.content.decode()
    assert TOO_MANY in body
    assert 'value="Kept Organisation"' in body and 'value="third@example.org"' in body
    assert Registration.objects.count() == 2
    # Another client is not affected.
    other = register(client, event, django_capture_on_commit_callbacks, ip="10.9.9.9",
                     email="other@example.org")  # fmt: skip
    assert other.status_code == 302


def test_resend_shares_the_budget(client, event, settings):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    url = reverse("stakeholders:register_resend", args=[event.slug])
    assert client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="10.1.1.1").status_code == 302
    refused = client.post(url, {"email": "b@example.org"}, REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429
    assert 'value="b@example.org"' in refused.content.decode()


def test_the_client_is_the_address_the_trusted_proxy_saw(client, event, settings):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("stakeholders:register_resend", args=[event.slug])

    def post(forwarded):
        return client.post(
            url, {"email": "a@example.org"}, REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR=forwarded,
        )  # fmt: skip

    assert post("203.0.113.1").status_code == 302
    assert post("203.0.113.2").status_code == 302
    assert post("203.0.113.1").status_code == 429


def test_a_cache_outage_lets_the_form_work(client, event, settings, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(throttle, "get_usage", down)
    response = client.post(
        reverse("stakeholders:register", args=[event.slug]), form_data(), REMOTE_ADDR="10.3.3.3"
    )
    assert response.status_code == 302


def test_a_rate_we_do_not_understand_stops_start_up():
    from tests.test_settings import run_python  # the settings tests' way of starting Django

    result = run_python("import django; django.setup()", DEBUG="1", REGISTRATION_RATE_LIMIT="lots")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "gcm_portal settings: REGISTRATION_RATE_LIMIT='lots' is not a rate; write e.g. 20/h"
    )
