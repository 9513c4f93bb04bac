"""Print the current two-factor code of a demo account (development only).

The demo's secretariat and admin accounts must use two-factor authentication like real ones;
`seed_demo` gives them an authenticator whose codes this command prints, so that the demo can
be tried without a phone. It refuses to run with DEBUG off.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_code prints secrets of demo accounts: it runs only with DEBUG on"
            )
        device = TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True).first()
        if device is None:
            raise CommandError(f"{email} has no authenticator (run seed_demo first)")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
