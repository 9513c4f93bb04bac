"""Two-factor authentication in a real browser: a secretariat member sets up an authenticator
on first log-in, keeps the recovery codes, and later logs in with one of them."""

import time
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from playwright.sync_api import expect

from reviews.permissions import SECRETARIAT_GROUP
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_two_factor]


def log_in_with_password(page, base, email):
    page.goto(f"{base}/en/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()


def code_from_key(grouped_key: str) -> str:
    """What the authenticator app shows for the key typed by hand."""
    secret = grouped_key.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_secretariat_sets_up_two_factor_and_logs_in_with_a_recovery_code(
    page, live_server, settings, screenshot
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(email="sec@un.example", full_name="Sam Secretariat")
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    base = live_server.url

    log_in_with_password(page, base, "sec@un.example")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    page.goto(f"{base}/en/secretariat/")  # held: back to the set-up
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    screenshot("two-factor-setup")

    key = page.locator("#two-factor-secret").inner_text()
    page.get_by_label("Code").fill("000000" if code_from_key(key) != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_text("This code is not right or has expired.").first).to_be_visible()

    time.sleep(1.1)  # django-otp throttles: one second after a wrong code
    page.get_by_label("Code").fill(code_from_key(key))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    codes = page.locator("ol.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot("two-factor-recovery-codes")
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page).to_have_url(f"{base}/en/secretariat/")

    page.get_by_role("link", name="Account security").click()
    expect(page.get_by_text("You have 10 unused recovery codes.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    log_in_with_password(page, base, "sec@un.example")
    expect(page.get_by_role("heading", name="Two-factor verification")).to_be_visible()
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("You used a recovery code: 9 left.")).to_be_visible()
    expect(page.get_by_role("link", name="Moderation")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # Arabic, right to left: the same step, a used code refused at the field.
    page.goto(f"{base}/ar/accounts/login/")
    page.locator("input[name=username]").fill("sec@un.example")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("input[name=code]").fill(codes[0])
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("input[name=code]")).to_have_attribute("aria-invalid", "true")
    screenshot("two-factor-verify-ar")
