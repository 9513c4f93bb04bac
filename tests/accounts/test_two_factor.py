"""Two-factor authentication: required for the secretariat and staff, offered to everyone else.

These tests log in for real (marker `real_two_factor`): the conftest shortcut that verifies
the sessions of secretariat and staff is off here.
"""

import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.models import Invitation
from reviews.permissions import SECRETARIAT_GROUP
from tests.factories import PASSWORD, FocalPointFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

SETUP = "/en/accounts/two-factor/setup/"
VERIFY = "/en/accounts/two-factor/verify/"
CODES = "/en/accounts/two-factor/recovery-codes/"
SECURITY = "/en/accounts/security/"
WRONG = (
    "This code is not right or has expired. Enter the current code from your authenticator "
    "app, or an unused recovery code."
)


@pytest.fixture(autouse=True)
def _no_throttle_delay(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def sec(db):
    user = UserFactory(email="sec@un.example", full_name="Sam Secretariat")
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return user


def log_in(client, user, next_url=""):
    response = client.post(
        "/en/accounts/login/", {"username": user.email, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def current_code(device: TOTPDevice, steps_ahead=0) -> str:
    """The app's code now, or the next step's: a code already used (at set-up) is refused
    again within its 30 seconds, and the device accepts one step of drift."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def set_up(client, user, next_url="/en/secretariat/"):
    """Through the set-up page: returns the recovery codes shown."""
    page = client.get(SETUP, {"next": next_url})
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": current_code(device), "next": next_url})
    assert response.status_code == 302
    assert response["Location"].startswith(CODES)
    codes_page = client.get(response["Location"])
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", codes_page.content.decode())


def test_secretariat_with_password_only_is_sent_to_set_up(client, sec):
    log_in(client, sec)
    response = client.get("/en/secretariat/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fen%2Fsecretariat%2F"


def test_set_up_confirms_the_device_and_shows_ten_recovery_codes_once(client, sec):
    log_in(client, sec)
    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=sec, confirmed=False)
    assert 'src="data:image/svg+xml;base64,' in page
    assert " style=" not in page  # CSP: no inline styles
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page

    codes = set_up(client, sec)
    assert len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=sec).confirmed
    assert StaticToken.objects.filter(device__user=sec).count() == 10
    again = client.get(CODES).content.decode()
    assert not re.findall(r"<code>[a-z0-9]{5}-[a-z0-9]{5}</code>", again)
    assert "Recovery codes are shown only once" in again
    assert client.get("/en/secretariat/").status_code == 200  # verified by the set-up


def test_recovery_code_works_once(client, sec):
    log_in(client, sec)
    codes = set_up(client, sec)
    client.post("/en/accounts/logout/")

    log_in(client, sec)
    held = client.get("/en/secretariat/")
    assert held["Location"] == f"{VERIFY}?next=%2Fen%2Fsecretariat%2F"
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": "/en/secretariat/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/secretariat/"
    assert client.get("/en/secretariat/").status_code == 200
    assert StaticToken.objects.filter(device__user=sec).count() == 9
    client.post("/en/accounts/logout/")

    log_in(client, sec)
    response = client.post(VERIFY, {"code": codes[0], "next": "/en/secretariat/"})
    assert response.status_code == 400
    assert WRONG in response.content.decode()
    assert client.get("/en/secretariat/").status_code == 302


def test_wrong_code_shows_the_message_at_the_field_and_keeps_the_form(client, sec):
    log_in(client, sec)
    set_up(client, sec)
    client.post("/en/accounts/logout/")
    log_in(client, sec)
    response = client.post(VERIFY, {"code": "000000x", "next": "/en/secretariat/"})
    html = response.content.decode()
    assert response.status_code == 400
    assert WRONG in html
    assert 'value="000000x"' in html
    assert 'aria-invalid="true"' in html
    assert 'name="next" value="/en/secretariat/"' in html
    assert "You are not logged in yet:" in html  # the error summary
    assert client.get("/en/secretariat/").status_code == 302


def test_wrong_codes_are_throttled_with_a_clear_message(client, sec, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    log_in(client, sec)
    set_up(client, sec)
    client.post("/en/accounts/logout/")
    log_in(client, sec)
    device = TOTPDevice.objects.get(user=sec)
    wrong = f"{(int(current_code(device)) + 1) % 1000000:06d}"
    assert WRONG in client.post(VERIFY, {"code": wrong}).content.decode()
    response = client.post(VERIFY, {"code": current_code(device)})  # right, but too soon
    assert response.status_code == 400
    assert re.search(
        r"Too many wrong codes\. Wait \d+ seconds and try again\.", response.content.decode()
    )
    assert client.get("/en/secretariat/").status_code == 302


def test_post_without_verification_acts_not(client, sec):
    log_in(client, sec)
    response = client.post(
        "/en/secretariat/invitations/",
        {"email": "x@gov.example", "full_name": "X", "member_state": "MEX",
         "role": "focal_point", "language": "en"},
    )  # fmt: skip
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_focal_point_is_not_forced_but_once_on_it_is_required(client):
    alice = FocalPointFactory(member_state_id="MEX", user__email="alice@gov.example").user
    log_in(client, alice)
    assert client.get("/en/workspace/").status_code == 200
    security = client.get(SECURITY).content.decode()
    assert "Only your password protects your account." in security
    set_up(client, alice, next_url="/en/workspace/")
    client.post("/en/accounts/logout/")

    log_in(client, alice)
    response = client.get("/en/workspace/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fen%2Fworkspace%2F"
    device = TOTPDevice.objects.get(user=alice)
    assert client.post(VERIFY, {"code": current_code(device, steps_ahead=1)}).status_code == 302
    assert client.get("/en/workspace/").status_code == 200


def test_focal_point_turns_it_off_with_a_code_but_the_secretariat_cannot(client, sec):
    alice = FocalPointFactory(member_state_id="MEX", user__email="alice@gov.example").user
    log_in(client, alice)
    codes = set_up(client, alice, next_url="/en/workspace/")
    assert (
        WRONG in client.post("/en/accounts/two-factor/turn-off/", {"code": "123"}).content.decode()
    )
    assert TOTPDevice.objects.filter(user=alice).exists()
    response = client.post("/en/accounts/two-factor/turn-off/", {"code": codes[3]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    client.post("/en/accounts/logout/")

    log_in(client, sec)
    set_up(client, sec)
    response = client.post("/en/accounts/two-factor/turn-off/", {"code": "whatever"})
    assert response["Location"] == SECURITY
    assert TOTPDevice.objects.filter(user=sec, confirmed=True).exists()


def test_admin_log_in_lands_on_verification_before_any_admin_page(client):
    admin = UserFactory(email="admin@un.example", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.email, "password": PASSWORD, "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fadmin%2F"
    assert b"Two-factor verification" in response.content
    assert client.get("/admin/reviews/memberstate/")["Location"].startswith(VERIFY)
    assert client.post("/admin/reviews/memberstate/add/", {}).status_code == 403


def test_staff_without_device_is_sent_to_set_up(client):
    staff = UserFactory(email="staff@un.example", is_staff=True)
    log_in(client, staff)
    assert client.get("/admin/")["Location"] == f"{SETUP}?next=%2Fadmin%2F"


def test_held_session_may_log_out_and_reach_healthz(client, sec):
    log_in(client, sec)
    assert client.get("/healthz").status_code != 302
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_a_second_device_cannot_be_set_up_without_the_first(client, sec):
    """A password alone must not replace the authenticator."""
    TOTPDevice.objects.create(user=sec, name="phone", confirmed=True)
    log_in(client, sec)
    response = client.get(SETUP, {"next": "/en/secretariat/"})
    assert response["Location"] == f"{VERIFY}?next=%2Fen%2Fsecretariat%2F"
    assert client.post("/en/accounts/two-factor/recovery-codes/new/").status_code == 403
    assert not StaticToken.objects.filter(device__user=sec).exists()


def test_next_must_be_safe(client, sec):
    log_in(client, sec)
    set_up(client, sec)
    client.post("/en/accounts/logout/")
    log_in(client, sec)
    device = TOTPDevice.objects.get(user=sec)
    next_code = current_code(device, steps_ahead=1)
    response = client.post(VERIFY, {"code": next_code, "next": "https://evil.example/"})
    assert response["Location"] == "/en/secretariat/"  # the secretariat's landing page


def test_regenerating_replaces_the_codes(client, sec):
    log_in(client, sec)
    old = set_up(client, sec)
    response = client.post("/en/accounts/two-factor/recovery-codes/new/")
    new = re.findall(
        r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", client.get(response["Location"]).content.decode()
    )
    assert len(new) == 10 and not set(new) & set(old)
    tokens = set(StaticToken.objects.filter(device__user=sec).values_list("token", flat=True))
    assert tokens == {code.replace("-", "") for code in new}


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_pages_in_other_languages(client, sec, language):
    log_in(client, sec)
    response = client.get(f"/{language}/secretariat/")
    assert response["Location"].startswith(f"/{language}/accounts/two-factor/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'lang="{language}"' in page.content.decode()


def test_force_login_alone_leaves_the_session_held(client, sec):
    """The marker turns off the conftest shortcut: a password-only session is held."""
    client.force_login(sec)
    assert client.get("/en/secretariat/").status_code == 302


def test_reset_command_removes_the_devices_and_the_role_sets_it_up_again(client, sec):
    from django.core.management import call_command

    TOTPDevice.objects.create(user=sec, name="lost phone", confirmed=True)
    call_command("reset_two_factor", "SEC@un.example")
    assert not TOTPDevice.objects.filter(user=sec).exists()
    log_in(client, sec)
    assert client.get("/en/secretariat/")["Location"].startswith(SETUP)


def test_device_secrets_are_not_in_the_admin():
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
