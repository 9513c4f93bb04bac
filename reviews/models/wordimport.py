"""A Word or OpenDocument file read and waiting for its uploader's choice (issue 18).

Uploading a file writes nothing into the draft: what `reviews.wordfile.reading.read_file` found
is kept here, per part, until the focal point has seen the differences and chosen what to take
(`reviews.wordfile.importing`). The row is deleted once applied, and swept after a day: it is a
proposal, not a record (the revision an import writes is the record).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.document import Document


class WordImport(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="word_imports")
    # Only the uploader sees or applies it: a colleague's import is not theirs to judge.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    # The version the file's text started from: the one its signed identity names when it was
    # exported from this document, else the draft's version at upload (see `identified`).
    base_version = models.PositiveIntegerField(_("base version"))
    identified = models.BooleanField(_("exported from this draft"), default=False)
    parts = models.JSONField(default=dict)  # part key -> value in the part's shape
    unmatched = models.JSONField(default=list)  # [{"heading", "text"}], in file order
    warnings = models.JSONField(default=list)  # translated messages, as read
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("file import")
        verbose_name_plural = _("file imports")

    def __str__(self):
        return self.file_name
