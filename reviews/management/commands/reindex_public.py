from django.core.management.base import BaseCommand
from django.db import transaction

from reviews.models import Document, PublishedPart
from reviews.public_index import index_published_review
from reviews.warming import refresh_everything


class Command(BaseCommand):
    help = (
        "Rebuild the public index (published parts and their search vectors) from the published "
        "revisions, and empty the cache of public pages. Publishing keeps the index up to date; "
        "run this after restoring a database or upgrading from a version without the index. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        # Every kind of document: national reviews, regional reports, Annex 3 inputs.
        reviews = Document.objects.filter(published_revision__isnull=False).select_related(
            "published_revision", "cycle"
        )
        count = 0
        with transaction.atomic():
            # Parts of reviews that are no longer published go too.
            PublishedPart.objects.exclude(document__published_revision__isnull=False).delete()
            for review in reviews.iterator(chunk_size=100):
                index_published_review(review, refresh=False)
                count += 1
            transaction.on_commit(refresh_everything)
        if options["verbosity"] < 1:
            return
        parts = PublishedPart.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count} published documents ({parts} public parts).")
        )
