"""The kind-neutral submission machinery: a document of a kind, and what attaches to it.

A national review (Annex 2), a regional review report (Annex 1 §3), an Annex 3 input and a
stakeholder's written input are each a *kind* of `Document` (`reviews.kinds` says what each kind
declares). The row holds what every kind has: its kind, cycle and authoring body, language,
status and version, per-part versions, the pinned published revision, the sign-off and the
secretariat's assignment. Revisions, moderation events (with section comments), attachments,
the public index (`PublishedPart`) and the PDF rendition (`PdfRendition`, its own small state
machine) attach to the document, never to a kind. The text itself lives in the kind's own table
(multi-table inheritance: `VoluntaryReview(Document)` shares the document's primary key).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reviews import kinds
from reviews.models.reference import ReviewCycle
from reviews.uploads import extension_for


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review status", "Draft")
    AWAITING_SIGN_OFF = "awaiting_sign_off", pgettext_lazy("review status", "Awaiting sign-off")
    SUBMITTED = "submitted", pgettext_lazy("review status", "Submitted")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("review status", "Changes requested")
    PUBLISHED = "published", pgettext_lazy("review status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("review status", "Withdrawn")


# Statuses in which focal points may change the text.
EDITABLE_STATUSES = {ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED}


class PdfStatus(models.TextChoices):
    NONE = "none", _("Not needed yet")
    PENDING = "pending", _("Waiting to be rendered")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Document(models.Model):
    """The working copy of one document of a kind, for one cycle, by one authoring body.

    The public never reads this row's text: publishing pins a `ReviewRevision`. `version` grows
    with every save; `part_versions` records, per part (a section, an objective entry, the
    details), the version that last changed it, so two colleagues editing different parts never
    conflict, and a save on a stale copy of the same part is refused.
    """

    kind = models.CharField(_("kind of document"), max_length=40, editable=False)
    cycle = models.ForeignKey(
        ReviewCycle, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cycle")
    )
    # The authoring body's key in its kind's terms (a State's ISO3 code for a national review):
    # one document per kind, cycle and body.
    authored_by = models.CharField(_("authored by"), max_length=60, editable=False)
    language = models.CharField(
        _("language of the review"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    part_versions = models.JSONField(default=dict, blank=True)
    published_revision = models.ForeignKey(
        "ReviewRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published revision"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The language of the published revision (the draft's `language` may have changed since):
    # copied at publication so the public list can filter on it without reading the snapshot.
    published_language = models.CharField(
        _("language of the published review"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    unpublished_at = models.DateTimeField(_("unpublished"), null=True, blank=True)
    unpublish_reason = models.TextField(_("why it was unpublished"), blank=True)
    signed_off_name = models.CharField(_("signed off by"), max_length=200, blank=True)
    signed_off_title = models.CharField(_("title of the official"), max_length=200, blank=True)
    signed_off_on = models.DateField(_("signed off on"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reviews",
        verbose_name=_("assigned to"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "cycle", "authored_by"], name="one_document_per_kind_cycle_body"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status"]),
            # The latest publications first (home, the public lists, their pages): read in this
            # order and stopped after a page, instead of joining and sorting every published
            # document for each page (issue 17).
            models.Index(
                models.F("published_at").desc(),
                "id",
                condition=models.Q(published_revision__isnull=False),
                name="published_documents_latest",
            ),
        ]

    def __str__(self):
        own = self.specific
        if type(own).__str__ is Document.__str__:
            return f"{self.kind} {self.authored_by}"
        return str(own)

    def get_absolute_url(self) -> str:
        return self.kind_spec.public_url(self.specific)

    @property
    def kind_spec(self) -> kinds.DocumentKind:
        return kinds.kind_named(self.kind)

    @property
    def specific(self):
        """The kind's own row (a `VoluntaryReview`, …): what templates and e-mails read."""
        return kinds.specific(self)

    @property
    def body_name(self) -> str:
        return self.kind_spec.body_name(self.specific)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def rendition(self) -> "PdfRendition":
        """The PDF's row, or an unsaved one saying "not needed yet" before any was wanted."""
        try:
            return self.pdf
        except PdfRendition.DoesNotExist:
            return PdfRendition(document=self)


class PdfRendition(models.Model):
    """The PDF of the revision the public (or, before publication, the secretariat) reads.

    Its status changes only in `reviews.rendition`: see the state machine there.
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="pdf"
    )
    file = models.FileField(_("PDF"), blank=True)
    status = models.CharField(
        _("PDF"), max_length=20, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    hash = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("PDF error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_at = models.DateTimeField(null=True, blank=True)
    # The render's claim: who holds it (a token per attempt) and until when. A redelivered task
    # takes over a claim whose lease ran out (its worker was killed), never a live one.
    claimed_by = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("PDF rendition")
        verbose_name_plural = _("PDF renditions")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"PDF of {self.document_id}: {self.status}"


class ModerationEvent(models.Model):
    """The audit trail: one row per transition (and per secretariat action), never changed.

    An event that notifies someone has a delivery state (`notify_status`): pending until the
    e-mail task claims it (`notified_at` is the claim), sent once delivered, failed after the
    last attempt; the beat sweep re-queues what stayed pending (broker or worker down).
    """

    class Notify(models.TextChoices):
        NONE = "none", _("No notification")
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=ReviewStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ReviewStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), blank=True)
    section_comments = models.JSONField(_("comments per section"), default=dict, blank=True)
    revision = models.ForeignKey(
        "ReviewRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    notify_status = models.CharField(
        _("notification"), max_length=10, choices=Notify.choices, default=Notify.NONE
    )
    notify_attempts = models.PositiveSmallIntegerField(default=0)
    notify_error = models.TextField(_("notification error"), blank=True)

    class Meta:
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["action", "created_at"])]

    def __str__(self):
        return f"{self.document}: {self.action} ({self.from_status} → {self.to_status})"

    @property
    def label(self) -> str:
        """What happened, in words (the active language), for histories and the audit trail."""
        if self.action == "submit" and self.to_status == ReviewStatus.AWAITING_SIGN_OFF:
            return str(_("Submitted for sign-off by the authorizing official"))
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def is_internal(self) -> bool:
        """The secretariat's own bookkeeping, not shown to the document's authors."""
        return self.action in INTERNAL_ACTIONS


# What each action of the audit trail means, as people say it.
EVENT_LABELS = {
    "submit": _("Submitted to the secretariat"),
    "sign_off": _("Signed off by the authorizing official"),
    "send_back": _("Sent back by the authorizing official"),
    "request_changes": _("Changes requested by the secretariat"),
    "publish": _("Published by the secretariat"),
    "unpublish": _("Unpublished by the secretariat"),
    "withdraw": _("Withdrawn"),
    "reopen": _("Reopened as a draft"),
    "revise": _("New version started"),
    "comment": _("Message"),
    "assign": _("Assigned within the secretariat"),
    "deadline_reminder_14": _("Deadline reminder sent (14 days before)"),
    "deadline_reminder_3": _("Deadline reminder sent (3 days before)"),
    "deadline_reminder_0": _("Deadline reminder sent (on the day)"),
}
INTERNAL_ACTIONS = frozenset({"assign"})


class ReviewRevision(models.Model):
    """A snapshot of the whole review as it was saved: history, diffs, and what gets published.

    Never edited, with one exception the design asks for: autosaves by one author within ten
    minutes refresh that author's latest autosave instead of piling up.
    """

    class Kind(models.TextChoices):
        AUTOSAVE = "autosave", _("Autosave")
        SAVE = "save", _("Save")
        SUBMISSION = "submission", _("Submission")
        SYSTEM = "system", _("Created")
        IMPORT = "import", _("Import from a file")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    version = models.PositiveIntegerField(_("review version"))
    content = models.JSONField()
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last refreshed"), default=timezone.now)
    # Set when the secretariat unpublished this revision: it is never served to the public
    # again, not even as an earlier version after a later publication.
    unpublished_at = models.DateTimeField(_("unpublished"), null=True, blank=True)
    # What the history shows beside the kind: the file's name for an import.
    label = models.CharField(_("label"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_revision_number"),
        ]

    def __str__(self):
        return f"{self.document} r{self.number}"


def attachment_path(instance, filename):
    # Random names: an attachment's address reveals nothing and cannot be guessed. The extension
    # is the checked type's, never the uploader's (`x.html` holding a PDF is stored as .pdf).
    return f"attachments/{uuid.uuid4().hex}{extension_for(instance.content_type)}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_PLAN = "national_plan", _("National implementation plan")
        SUPPORTING = "supporting", _("Supporting document")
        NOTE_VERBALE = "note_verbale", _("Note Verbale")
        OUTCOME = "outcome", _("Outcome document of the meeting")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.original_name
