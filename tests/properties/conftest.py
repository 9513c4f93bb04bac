import contextlib

import pytest
from django.db import transaction

from reviews.models import ReviewCycle


class _Undo(Exception):
    pass


@contextlib.contextmanager
def undone():
    """Run one hypothesis example inside a savepoint rolled back at its end: every example
    starts from the fixture's rows (the test's own transaction holds them), not from what the
    examples before it stored."""
    with contextlib.suppress(_Undo), transaction.atomic():
        yield
        raise _Undo


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    settings.REGISTRATION_RATE_LIMIT = "100000/h"
    settings.SEARCH_RATE_LIMIT = "100000/m"


@pytest.fixture
def open_cycle(db):
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=True)
    return ReviewCycle.objects.get(slug="imrf-2026")


@pytest.fixture(autouse=True)
def _two_factor_verified_by_force_login(_two_factor_verified_at_login):
    """tests/conftest.py verifies the secretariat's session through django_otp.login, which
    does nothing when the request has no `user` (Client.force_login's request has none when
    the signal is sent). Until it sets the session key itself, do it here, after it."""
    # Function-local: django-otp's models need the app registry, ready only now.
    from django.contrib.auth.signals import user_logged_in
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gcm_portal.accounts.two_factor.policy import must_use_two_factor

    def verify(sender, request, user, **kwargs):
        if must_use_two_factor(user) and hasattr(request, "session"):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id

    user_logged_in.connect(verify, dispatch_uid="tests-properties-two-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-properties-two-factor")
