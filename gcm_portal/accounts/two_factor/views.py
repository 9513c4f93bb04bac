"""Two-factor pages: set up, verify, recovery codes (shown once), account security, turn off."""

from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from gcm_portal.accounts.two_factor import devices
from gcm_portal.accounts.two_factor.forms import CodeForm
from gcm_portal.accounts.two_factor.policy import (
    has_two_factor,
    must_use_two_factor,
    needs_verification,
    remember,
)
from gcm_portal.landing import landing_url

SHOW_CODES_SESSION_KEY = "two_factor_new_recovery_codes"


def _next_url(request) -> str:
    """A safe `next` (same host, same scheme), else the person's landing page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return landing_url(request.user)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _status(request) -> int:
    """A refused form answers 400, as the portal's other forms do."""
    return 400 if request.method == "POST" else 200


def _show_codes(request, codes, next_url):
    request.session[SHOW_CODES_SESSION_KEY] = codes
    return redirect(_with_next("two_factor:recovery_codes", next_url))


@login_required
def setup(request):
    next_url = _next_url(request)
    if has_two_factor(request.user):
        if needs_verification(request.user):  # set up already: a new app needs the old one first
            return redirect(_with_next("two_factor:verify", next_url))
        return redirect("two_factor:security")
    device = devices.pending_device(request.user)

    def check(code):
        devices.check_with(device, devices.normalize(code))
        return device

    form = CodeForm(request.POST or None, check=check, recovery=False)
    if request.method == "POST" and form.is_valid():
        devices.confirm(device)
        django_otp.login(request, device)
        remember(request, True)
        messages.success(request, _("Two-factor authentication is on."))
        return _show_codes(request, devices.new_recovery_codes(request.user), next_url)
    return render(
        request,
        "accounts/two_factor/setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": devices.qr_data_uri(device),
            "secret": devices.grouped_secret(device),
            "required": must_use_two_factor(request.user),
        },
        status=_status(request),
    )


@login_required
def verify(request):
    next_url = _next_url(request)
    if not needs_verification(request.user):
        return redirect(next_url)
    if not has_two_factor(request.user):
        return redirect(_with_next("two_factor:setup", next_url))
    form = CodeForm(
        request.POST or None, check=lambda code: devices.verify_code(request.user, code)
    )
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        if not isinstance(form.device, TOTPDevice):
            left = devices.recovery_codes_left(request.user)
            messages.warning(
                request,
                ngettext(
                    "You used a recovery code: %(left)d left. "
                    "Make new ones on the account security page.",
                    "You used a recovery code: %(left)d left. "
                    "Make new ones on the account security page.",
                    left,
                )
                % {"left": left},
            )
        return redirect(next_url)
    return render(
        request,
        "accounts/two_factor/verify.html",
        {"form": form, "next": next_url},
        status=_status(request),
    )


@login_required
@require_GET
def recovery_codes(request):
    """The new codes, once: the page pops them from the session."""
    codes = request.session.pop(SHOW_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/two_factor/recovery_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@login_required
@require_GET
def security(request):
    user = request.user
    try:
        password_change_url = reverse("password_change")
    except NoReverseMatch:
        password_change_url = None
    return render(
        request,
        "accounts/two_factor/security.html",
        {
            "enabled": has_two_factor(user),
            "required": must_use_two_factor(user),
            "codes_left": devices.recovery_codes_left(user),
            "password_change_url": password_change_url,
        },
    )


@login_required
@require_POST
def regenerate(request):
    if not has_two_factor(request.user):
        return redirect("two_factor:security")
    codes = devices.new_recovery_codes(request.user)
    messages.success(request, _("New recovery codes made: the old ones no longer work."))
    return _show_codes(request, codes, reverse("two_factor:security"))


@login_required
def turn_off(request):
    user = request.user
    if not has_two_factor(user) or must_use_two_factor(user):
        if must_use_two_factor(user):
            messages.error(request, _("Your role requires two-factor authentication: it stays on."))
        return redirect("two_factor:security")
    form = CodeForm(request.POST or None, check=lambda code: devices.verify_code(user, code))
    if request.method == "POST" and form.is_valid():
        devices.turn_off(user)
        remember(request, False)
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("two_factor:security")
    return render(
        request, "accounts/two_factor/turn_off.html", {"form": form}, status=_status(request)
    )
