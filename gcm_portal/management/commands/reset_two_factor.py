"""Turn off a person's two-factor authentication (lost phone and lost recovery codes).

Someone whose role requires it sets it up again at their next log-in.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gcm_portal.accounts.two_factor.devices import turn_off


class Command(BaseCommand):
    help = "Remove a person's authenticator and recovery codes (they set it up again)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        turn_off(user)
        self.stdout.write(f"Two-factor authentication removed for {user.email}.")
