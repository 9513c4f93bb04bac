from django.core.management.base import BaseCommand

from reviews.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load Member States, regional commissions, the 23 GCM objectives, guiding principles, "
        "stakeholder categories and review cycles from fixtures/. Safe to run again."
    )

    def handle(self, *args, **options):
        report = load_reference_data()
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed:
            self.stdout.write(self.style.SUCCESS("Reference data already up to date."))
