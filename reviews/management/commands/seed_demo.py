from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from regional.models import RegionalReporterMembership
from reviews.models import FocalPointMembership, MemberState, RegionalCommission
from reviews.permissions import SECRETARIAT_GROUP

# Demo accounts exist only on development machines (DEBUG on): their passwords are printed.
DEMO_ACCOUNTS = [
    {
        "email": "admin@example.org",
        "full_name": "Ada Admin",
        "password": "demo-admin-2026",
        "superuser": True,
        "role": "technical administrator (Django admin)",
    },
    {
        "email": "secretariat@example.org",
        "full_name": "Sam Secretariat",
        "password": "demo-secretariat-2026",
        "secretariat": True,
        "role": "secretariat of the UN Network on Migration",
    },
    {
        "email": "focal.point@example.org",
        "full_name": "Fatima Focal",
        "password": "demo-focal-2026",
        "states": ["MEX", "PHL"],
        "role": "focal point for Mexico and the Philippines",
    },
    {
        "email": "colleague@example.org",
        "full_name": "Carlos Colleague",
        "password": "demo-colleague-2026",
        "states": ["MEX"],
        "role": "second focal point for Mexico",
    },
    {
        "email": "reporter@example.org",
        "full_name": "Rania Reporter",
        "password": "demo-reporter-2026",
        "commission": "ECE",
        "role": "regional reporter for ECE",
    },
]


class Command(BaseCommand):
    help = "Create demo accounts (and, as later features land, demo content). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production database).",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords; it runs only with DEBUG on "
                "(or --force on a throwaway database)."
            )
        if not MemberState.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        User = get_user_model()
        secretariat = Group.objects.get(name=SECRETARIAT_GROUP)
        self.stdout.write("Demo accounts (log in at /en/accounts/login/):")
        for spec in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(
                email=spec["email"], defaults={"full_name": spec["full_name"]}
            )
            user.set_password(spec["password"])
            user.is_superuser = spec.get("superuser", False)
            user.is_staff = spec.get("superuser", False) or spec.get("secretariat", False)
            user.save()
            if spec.get("secretariat"):
                user.groups.add(secretariat)
            for iso3 in spec.get("states", []):
                FocalPointMembership.objects.get_or_create(
                    user=user, member_state_id=iso3, role=FocalPointMembership.Role.FOCAL_POINT
                )
            if spec.get("commission"):
                RegionalReporterMembership.objects.get_or_create(
                    user=user, commission=RegionalCommission.objects.get(code=spec["commission"])
                )
            self.stdout.write(f"  {spec['email']:<28} {spec['password']:<24} {spec['role']}")
