"""Every form that sets a password uses Django's validators (12 characters at least), and a
changed or reset password ends every other session of the person."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from reviews.invitations import invitation_token, invite_focal_point
from reviews.models import MemberState
from tests.factories import PASSWORD
from tests.personas import administrator

pytestmark = pytest.mark.django_db

SHORT = "tqbfjotld7xk"[:11]  # 11 characters, neither common nor numeric
LONG = "tqbfjotld7xk"  # 12
TOO_SHORT = "This password is too short. It must contain at least 12 characters."
WORKSPACE = "/en/workspace/"


def _errors(response, field):
    return list(response.context["form"].errors.get(field, []))


def test_invitation_acceptance_wants_twelve_characters(client, secretariat_user):
    invitation = invite_focal_point(
        email="new@gov.example",
        member_state=MemberState.objects.get(iso3="MEX"),
        role="focal_point",
        language="en",
        by=secretariat_user,
    )
    path = f"/en/accounts/invitation/{invitation_token(invitation)}/"
    short = client.post(path, {"full_name": "Nadia", "password1": SHORT, "password2": SHORT})
    assert short.status_code == 400
    assert _errors(short, "password1") == [TOO_SHORT]
    good = client.post(path, {"full_name": "Nadia", "password1": LONG, "password2": LONG})
    assert good.status_code == 302
    assert good.wsgi_request.user.check_password(LONG)


def _reset_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/en/accounts/password-reset/{uid}/{default_token_generator.make_token(user)}/"


def test_password_reset_wants_twelve_characters(client, focal_point):
    page = client.get(_reset_path(focal_point))  # Django swaps the token for a session key
    assert page.status_code == 302
    form_path = page["Location"]
    short = client.post(form_path, {"new_password1": SHORT, "new_password2": SHORT})
    assert short.status_code == 200
    assert _errors(short, "new_password2") == [TOO_SHORT]
    good = client.post(form_path, {"new_password1": LONG, "new_password2": LONG})
    assert good.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.check_password(LONG)


def test_password_change_wants_twelve_characters(client, focal_point):
    client.force_login(focal_point)
    assert client.get("/en/accounts/password/").status_code == 200
    data = {"old_password": PASSWORD, "new_password1": SHORT, "new_password2": SHORT}
    short = client.post("/en/accounts/password/", data)
    assert short.status_code == 400
    assert _errors(short, "new_password2") == [TOO_SHORT]
    data.update(new_password1=LONG, new_password2=LONG)
    good = client.post("/en/accounts/password/", data)
    assert good["Location"] == "/en/accounts/password/done/"
    focal_point.refresh_from_db()
    assert focal_point.check_password(LONG)


def test_password_change_needs_a_login(client):
    response = client.get("/en/accounts/password/")
    assert response["Location"] == "/en/accounts/login/?next=/en/accounts/password/"


def test_admin_user_creation_wants_twelve_characters(client):
    client.force_login(administrator())
    data = {"email": "made@example.org", "full_name": "Made", "preferred_language": "en"}
    short = client.post(
        "/admin/accounts/user/add/", {**data, "password1": SHORT, "password2": SHORT}
    )
    assert short.status_code == 200
    assert list(short.context["adminform"].form.errors["password2"]) == [TOO_SHORT]
    good = client.post("/admin/accounts/user/add/", {**data, "password1": LONG, "password2": LONG})
    assert good.status_code == 302


def test_admin_password_setting_wants_twelve_characters(client, focal_point):
    client.force_login(administrator())
    path = f"/admin/accounts/user/{focal_point.pk}/password/"
    short = client.post(path, {"password1": SHORT, "password2": SHORT})
    assert short.status_code == 200
    assert _errors(short, "password2") == [TOO_SHORT]
    good = client.post(path, {"password1": LONG, "password2": LONG})
    assert good.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.check_password(LONG)


def test_changing_the_password_ends_every_other_session(focal_point):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        client.force_login(focal_point)
        assert client.get(WORKSPACE).status_code == 200
    response = here.post(
        "/en/accounts/password/",
        {"old_password": PASSWORD, "new_password1": LONG, "new_password2": LONG},
    )
    assert response.status_code == 302
    assert here.get(WORKSPACE).status_code == 200  # this session goes on
    gone = elsewhere.get(WORKSPACE)
    assert gone["Location"] == "/en/accounts/login/?next=/en/workspace/"


def test_a_password_reset_ends_every_session(client, focal_point):
    elsewhere = Client()
    elsewhere.force_login(focal_point)
    assert elsewhere.get(WORKSPACE).status_code == 200
    form_path = client.get(_reset_path(focal_point))["Location"]
    client.post(form_path, {"new_password1": LONG, "new_password2": LONG})
    gone = elsewhere.get(WORKSPACE)
    assert gone["Location"] == "/en/accounts/login/?next=/en/workspace/"


def test_the_header_links_the_password_change_page_when_signed_in(client, focal_point):
    link = 'href="/en/accounts/password/"'
    assert link not in client.get("/en/").text
    client.force_login(focal_point)
    assert link in client.get("/en/").text
    page = client.get("/en/accounts/password/")
    assert "Saving a new password signs you out everywhere else" in page.text
    assert client.post("/en/accounts/password/done/").status_code == 405
