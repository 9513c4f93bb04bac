"""At log-in, keep in the session whether the person has two-factor on: the middleware then
asks the database nothing on the pages that follow."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from gcm_portal.accounts.two_factor.policy import SESSION_KEY, has_two_factor


@receiver(user_logged_in, dispatch_uid="two-factor-on-at-login")
def keep_two_factor_state(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(SESSION_KEY, None)
        has_two_factor(user, session)
