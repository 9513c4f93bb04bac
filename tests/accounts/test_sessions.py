"""Sessions end after an idle period and an absolute lifetime (gcm_portal.accounts.sessions)."""

import time

import pytest

from gcm_portal.accounts.sessions import SEEN, STARTED
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

WORKSPACE = "/en/workspace/"
IDLE = "You were signed out after 60 minutes without activity. Log in again to continue."
LIFETIME = "You were signed out 12 hours after you signed in. Log in again to continue."


def _set(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_logging_in_records_the_time_in_the_session(client, focal_point):
    before = int(time.time())
    response = client.post(
        "/en/accounts/login/", {"username": focal_point.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    session = client.session
    assert before <= session[STARTED] <= int(time.time())
    assert session[SEEN] == session[STARTED]


def test_idle_session_is_signed_out_with_a_message_and_next(client, focal_point):
    client.force_login(focal_point)
    now = int(time.time())
    _set(client, **{STARTED: now - 3 * 3600, SEEN: now - 61 * 60})
    response = client.get(WORKSPACE)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fworkspace%2F"
    assert not _signed_in(client)
    page = client.get(response["Location"])
    assert IDLE in page.text


def test_session_past_its_lifetime_is_signed_out_even_when_active(client, focal_point):
    client.force_login(focal_point)
    now = int(time.time())
    _set(client, **{STARTED: now - 12 * 3600 - 5, SEEN: now - 10})
    response = client.get(WORKSPACE, follow=True)
    assert response.redirect_chain[0] == ("/en/accounts/login/?next=%2Fen%2Fworkspace%2F", 302)
    assert LIFETIME in response.text
    assert not _signed_in(client)


def test_active_session_continues_and_activity_is_written_once_a_minute(client, focal_point):
    client.force_login(focal_point)
    now = int(time.time())
    _set(client, **{STARTED: now - 11 * 3600, SEEN: now - 59 * 60})
    assert client.get(WORKSPACE).status_code == 200
    seen = client.session[SEEN]
    assert seen >= now  # older than a minute: written
    _set(client, **{SEEN: seen - 30})
    assert client.get(WORKSPACE).status_code == 200
    assert client.session[SEEN] == seen - 30  # fresh enough: the session is not written


def test_autosave_after_expiry_gets_json_the_editor_shows(client, focal_point):
    client.force_login(focal_point)
    now = int(time.time())
    _set(client, **{STARTED: now - 3600, SEEN: now - 61 * 60})
    # The middleware answers before any view: the editor's autosave URL behaves the same.
    response = client.post(
        "/en/reviews/any/autosave/narrative/",
        {"text": "typed"},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 401
    assert response.json() == {
        "ok": False,
        "signed_out": True,
        "error": IDLE,
        "login_url": "/en/accounts/login/",
    }
    assert not _signed_in(client)


def test_a_form_posted_after_expiry_comes_back_to_its_page(client, focal_point):
    client.force_login(focal_point)
    now = int(time.time())
    _set(client, **{STARTED: now - 3600, SEEN: now - 61 * 60})
    response = client.post(
        "/en/workspace/something/", {}, headers={"Referer": "http://testserver/en/workspace/"}
    )
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Fworkspace%2F"


def test_the_cookie_lasts_no_longer_than_the_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600 == 12 * 3600
