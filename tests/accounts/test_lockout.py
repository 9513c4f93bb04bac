"""Failed log-ins are throttled per account and address, and per address (django-axes)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOCKED = "Too many failed attempts to log in."


def log_in(client, email, password, **headers):
    # An explicit address: reverse() would follow whatever language an earlier test left active.
    return client.post("/en/accounts/login/", {"username": email, "password": password}, **headers)


def logged_in(response) -> bool:
    return response.status_code == 302 and response.wsgi_request.user.is_authenticated


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.org")


def test_five_wrong_passwords_lock_the_account_from_that_address(client, alice):
    statuses = [log_in(client, "alice@example.org", f"wrong-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    refused = log_in(client, "alice@example.org", PASSWORD)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "15 minutes" in refused.content.decode()
    assert not refused.wsgi_request.user.is_authenticated


def test_forty_wrong_passwords_are_not_forty_guesses(client, alice):
    """The tester's case: 40 in a row were all accepted as attempts."""
    statuses = [log_in(client, "alice@example.org", f"guess-{n}").status_code for n in range(40)]
    assert statuses.count(200) == 4
    assert statuses.count(429) == 36


def test_the_address_case_does_not_give_more_guesses(client, alice):
    for n, address in enumerate(["alice@example.org", "ALICE@example.org", "Alice@Example.org"]):
        log_in(client, address, f"wrong-{n}")
    log_in(client, "alice@EXAMPLE.org", "wrong-3")
    assert log_in(client, "alice@example.org", "wrong-4").status_code == 429


def test_the_lockout_ends_after_fifteen_minutes(client, alice):
    from axes.models import AccessAttempt

    for n in range(5):
        log_in(client, "alice@example.org", f"wrong-{n}")
    assert log_in(client, "alice@example.org", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert logged_in(log_in(client, "alice@example.org", PASSWORD))


def test_a_locked_account_does_not_lock_its_colleagues_at_the_same_address(client, alice):
    bob = UserFactory(email="bob@example.org")
    for n in range(5):
        log_in(client, "alice@example.org", f"wrong-{n}")
    assert logged_in(log_in(client, bob.email, PASSWORD))


def test_an_address_trying_many_accounts_is_locked_out(client):
    for number in range(5):
        UserFactory(email=f"user{number}@example.org")
        for n in range(4):  # never five for one account
            log_in(client, f"user{number}@example.org", f"wrong-{n}")
    UserFactory(email="victim@example.org")
    refused = log_in(client, "victim@example.org", PASSWORD)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()


def test_success_resets_the_count_for_that_account(client, alice):
    for n in range(4):
        log_in(client, "alice@example.org", f"wrong-{n}")
    assert logged_in(log_in(client, "alice@example.org", PASSWORD))
    client.logout()
    statuses = [log_in(client, "alice@example.org", f"again-{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 200]


def test_logging_into_ones_own_account_does_not_reset_the_count_against_another(client, alice):
    mallory = UserFactory(email="mallory@example.org")
    for n in range(4):
        log_in(client, "alice@example.org", f"wrong-{n}")
    assert logged_in(log_in(client, mallory.email, PASSWORD))
    client.logout()
    assert log_in(client, "alice@example.org", "wrong-4").status_code == 429


def test_behind_a_proxy_each_client_is_counted_apart(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        log_in(client, "alice@example.org", f"wrong-{n}", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        log_in(
            client, "alice@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7"
        ).status_code
        == 429
    )
    # The same proxy (REMOTE_ADDR), another client: its own count.
    assert logged_in(
        log_in(client, "alice@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    )


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(client, alice):
    for n in range(5):
        log_in(client, "alice@example.org", f"wrong-{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    refused = log_in(client, "alice@example.org", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert refused.status_code == 429


def test_the_lockout_page_is_in_the_users_language(client, alice):
    for n in range(5):
        response = client.post(
            "/fr/accounts/login/", {"username": "alice@example.org", "password": f"x{n}"}
        )
    assert response.status_code == 429
    assert '<html lang="fr"' in response.content.decode()


def test_the_admin_login_is_throttled_too(client):
    UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    for n in range(5):
        response = client.post(
            "/admin/login/", {"username": "root@example.org", "password": f"wrong-{n}"}
        )
    assert response.status_code == 429
    response = client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_force_login_in_tests_is_never_throttled(client, alice):
    for n in range(10):
        log_in(client, "alice@example.org", f"wrong-{n}")
    client.force_login(alice)
    assert client.get("/en/workspace/").status_code == 200
