"""What the public can read, found and filter: one row per section and per objective entry of
each *published* revision. Rows are rebuilt by `reviews.public_index` inside the publish and
unpublish transitions, so the public index can never hold a draft, a submitted text or a comment:
it only ever copies the revision a publication pinned.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.document import Document, ReviewRevision
from reviews.models.reference import Objective
from reviews.models.review import ImplementationStatus


class PublishedPart(models.Model):
    class Kind(models.TextChoices):
        SECTION = "section", _("Section")
        OBJECTIVE = "objective", _("Objective")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="published_parts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The section number (1-5) or the objective number (1-23): `anchor` links to it.
    number = models.PositiveSmallIntegerField()
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, null=True, blank=True, related_name="published_parts"
    )
    status = models.CharField(
        _("implementation status"), max_length=20, choices=ImplementationStatus.choices, blank=True
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    # Plain text (indexed, cut into snippets) and the sanitised HTML readers see.
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    # PostgreSQL only (a plain nullable column on SQLite): to_tsvector in the configuration of the
    # review's language, plus character bigrams of Han text so Chinese is found without a
    # segmenter. The GIN index on it is created by migration 0007 on PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["document", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "number"], name="one_part_per_place"
            ),
        ]
        indexes = [
            models.Index(fields=["objective", "status"]),
            # An objective's public page counts its entries per status and sorts them to page
            # them: from this index alone (an index-only scan), not from the wide rows, whose
            # HTML made each of those queries read a table page per entry (issue 17).
            models.Index(
                fields=["objective", "status", "document"],
                include=["id"],
                condition=models.Q(kind="objective"),
                name="published_objective_entries",
            ),
        ]

    def __str__(self):
        return f"{self.document} {self.kind} {self.number}"

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.number}"


class PublishedDiff(models.Model):
    """What changed between two published revisions (a review and the same State's review of
    an earlier cycle), as its public page shows it: derived from the two revisions alone, so
    computed once (`reviews.published_diff`) instead of at each cold request (it can take a
    tenth of a second per part). Never invalidated: a revision is not edited once published,
    and the stamps below catch the one exception (an autosave refreshed in place)."""

    newer = models.ForeignKey(ReviewRevision, on_delete=models.CASCADE, related_name="+")
    older = models.ForeignKey(ReviewRevision, on_delete=models.CASCADE, related_name="+")
    # The revisions' `updated_at` and the data's format when it was computed: a row that
    # differs from today's is computed again and overwritten.
    newer_updated_at = models.DateTimeField()
    older_updated_at = models.DateTimeField()
    format = models.PositiveSmallIntegerField()
    # Per part that changed, in no language (`reviews.published_diff.stored_parts`).
    parts = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["newer", "older"], name="one_diff_per_pair"),
        ]

    def __str__(self):
        return f"{self.older} → {self.newer}"
