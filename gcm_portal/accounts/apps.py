from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gcm_portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Imported for its effect: connects the receiver that records the log-in time in the
        # session (sessions.py), even in a process that has not loaded the middleware yet.
        from gcm_portal.accounts import sessions  # noqa: F401

        # Likewise: whether the person has two-factor on, kept in the session at log-in.
        from gcm_portal.accounts.two_factor import signals  # noqa: F401
