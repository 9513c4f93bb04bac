"""Logging a staff member in for a test, with the second factor verified.

conftest's `_two_factor_verified_at_login` verifies on `user_logged_in`, but `force_login`'s
request has no `user` yet when the signal is sent, so django-otp's `login` cannot mark it:
this writes the verified device into the session itself (harmless when already verified).
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def staff_login(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
