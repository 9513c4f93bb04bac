"""Authenticator devices and recovery codes: setting up, checking a code, turning off."""

import math
import re
import secrets
from base64 import b32encode, b64encode
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_LENGTH = 10
ISSUER = "GCM Review Portal"
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up: the same one until confirmed (a reload
    shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def otpauth_uri(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    label = quote(f"{ISSUER}:{device.user.get_username()}")
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(ISSUER)}&digits={device.digits}"


def grouped_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth URI as an SVG QR code in a data: URI (CSP allows data: images, not inline
    styles); white background for dark themes."""
    image = qrcode.make(otpauth_uri(device), image_factory=qrcode.image.svg.SvgFillImage)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


def normalize(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def format_recovery_code(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with ten new ones; returns them as shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [format_recovery_code(code) for code in codes]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def confirm(device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()


@transaction.atomic
def turn_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


class CodeRefused(Exception):
    """The code was not accepted; the message says why, for the field."""


def _throttle_message(data) -> str:
    locked_until = (data or {}).get("locked_until")
    seconds = 1
    if locked_until:
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def check_with(device, code: str) -> None:
    """Verify `code` on one device (django-otp throttles wrong codes); raise CodeRefused."""
    allowed, data = device.verify_is_allowed()
    if not allowed:
        raise CodeRefused(_throttle_message(data))
    if not device.verify_token(code):
        raise CodeRefused(_wrong_code())


def _wrong_code() -> str:
    return _(
        "This code is not right or has expired. Enter the current code from your "
        "authenticator app, or an unused recovery code."
    )


def verify_code(user, raw: str):
    """The device that accepts the code: a 6-digit code from the authenticator, or a recovery
    code (consumed when used). Raises CodeRefused."""
    code = normalize(raw)
    if re.fullmatch(r"\d{6}", code):
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    if not code or not devices:
        raise CodeRefused(_wrong_code())
    refusal = None
    for device in devices:
        try:
            check_with(device, code)
        except CodeRefused as error:
            refusal = refusal or error
        else:
            return device
    raise refusal
