"""Two-factor authentication (TOTP with recovery codes, on django-otp).

Password log-in comes first; the session is then "verified" by `django_otp.login(request,
device)`. Secretariat members, staff and superusers must verify; anyone else who turned it on
(a focal point, a regional reporter, an official) must verify too. `RequireTwoFactorMiddleware`
holds every other page until they do. Modules: `policy` (who must), `devices` (TOTP devices and
recovery codes), `forms`, `views`, `urls`, `middleware`.
"""

from gcm_portal.accounts.two_factor.middleware import RequireTwoFactorMiddleware

__all__ = ["RequireTwoFactorMiddleware"]
