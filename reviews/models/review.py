"""Voluntary GCM reviews: the working copy, its objective entries, revisions and attachments."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reviews.models.reference import (
    FocalPointMembership,
    GuidingPrinciple,
    MemberState,
    Objective,
    ReviewCycle,
    StakeholderCategory,
)


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


class VoluntaryReview(models.Model):
    """The working copy of one State's review for one cycle (Annex 2 template).

    The public never reads this row: publishing pins a `ReviewRevision`. `version` grows with
    every save; `part_versions` records, per part of the review (a section, an objective entry,
    the details), the version that last changed it, so two colleagues editing different parts
    never conflict, and a save on a stale copy of the same part is refused.
    """

    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("Member State"),
    )
    cycle = models.ForeignKey(
        ReviewCycle, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("cycle")
    )
    language = models.CharField(
        _("language of the review"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    part_versions = models.JSONField(default=dict, blank=True)

    section_1 = models.TextField(_("1. Methodology"), blank=True)
    section_2 = models.TextField(_("2. Policy and enabling environment"), blank=True)
    section_3 = models.TextField(_("3. Progress on GCM objectives"), blank=True)
    section_4 = models.TextField(_("4. Means of implementation"), blank=True)
    section_5 = models.TextField(_("5. Next steps"), blank=True)

    stakeholders_consulted = models.ManyToManyField(
        StakeholderCategory, blank=True, verbose_name=_("stakeholders consulted")
    )
    part_of_national_plan = models.BooleanField(
        _("part of a national implementation plan process"),
        default=False,
        help_text=_(
            "Whether the review was part of a process to elaborate a national implementation "
            "plan drawing on contributions from all relevant stakeholders (GCM para 53)."
        ),
    )
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contact_for_reviews",
        verbose_name=_("contact focal points"),
    )
    limits_justification = models.TextField(
        _("why the review is longer than suggested"),
        blank=True,
        help_text=_("Needed only when a section is over its suggested word limit."),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from"),
    )
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
    # The PDF of the revision the public (or, before publication, the secretariat) reads.
    pdf_file = models.FileField(_("PDF"), blank=True)
    pdf_status = models.CharField(
        _("PDF"), max_length=20, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_hash = models.CharField(max_length=64, blank=True)
    pdf_error = models.TextField(_("PDF error"), blank=True)
    pdf_attempts = models.PositiveSmallIntegerField(default=0)
    pdf_requested_at = models.DateTimeField(null=True, blank=True)
    # The render's claim: who holds it (a token per attempt) and until when. A redelivered task
    # takes over a claim whose lease ran out (its worker was killed), never a live one.
    pdf_claimed_by = models.CharField(max_length=64, blank=True)
    pdf_lease_until = models.DateTimeField(null=True, blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
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
        verbose_name = _("voluntary GCM review")
        verbose_name_plural = _("voluntary GCM reviews")
        ordering = ["-cycle__year", "member_state__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "cycle"], name="one_review_per_state_and_cycle"
            ),
        ]
        permissions = [("moderate_review", "Can moderate voluntary reviews")]

    def __str__(self):
        return f"{self.member_state} – {self.cycle}"

    def get_absolute_url(self) -> str:
        """The public page (answers only once published): the feed, the sitemap and the API
        link to it."""
        return reverse(
            "reviews:public_review", kwargs={"cycle": self.cycle.slug, "iso3": self.member_state_id}
        )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def focal_points(self):
        return FocalPointMembership.objects.filter(member_state_id=self.member_state_id)


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

    review = models.ForeignKey(VoluntaryReview, on_delete=models.CASCADE, related_name="events")
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
        return f"{self.review}: {self.action} ({self.from_status} → {self.to_status})"


class ImplementationStatus(models.TextChoices):
    NOT_ADDRESSED = "not_addressed", _("Not addressed in this review")
    NOT_STARTED = "not_started", _("Not started")
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    ACHIEVED = "achieved", _("Achieved")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ObjectiveProgress(models.Model):
    """What the review says on one of the 23 objectives; its words count toward section 3."""

    review = models.ForeignKey(
        VoluntaryReview, on_delete=models.CASCADE, related_name="objective_entries"
    )
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("implementation status"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_ADDRESSED,
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        null=True,
        blank=True,
        help_text=_("Optional: 1 for the State's highest priority among the objectives."),
    )
    narrative = models.TextField(_("progress"), blank=True)
    guiding_principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, verbose_name=_("guiding principles applied")
    )

    class Meta:
        verbose_name = _("progress on an objective")
        verbose_name_plural = _("progress on the objectives")
        ordering = ["objective_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "objective"], name="one_entry_per_objective"),
        ]

    def __str__(self):
        return f"{self.review} – {self.objective_id}"


class PromisingPractice(models.Model):
    entry = models.ForeignKey(ObjectiveProgress, on_delete=models.CASCADE, related_name="practices")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("promising practice")
        verbose_name_plural = _("promising practices")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


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

    review = models.ForeignKey(VoluntaryReview, on_delete=models.CASCADE, related_name="revisions")
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

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="unique_revision_number"),
        ]

    def __str__(self):
        return f"{self.review} r{self.number}"


def attachment_path(instance, filename):
    # Random names: an attachment's address reveals nothing and cannot be guessed. The extension
    # is the checked type's, never the uploader's (`x.html` holding a PDF is stored as .pdf).
    from reviews.uploads import extension_for

    return f"attachments/{uuid.uuid4().hex}{extension_for(instance.content_type)}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_PLAN = "national_plan", _("National implementation plan")
        SUPPORTING = "supporting", _("Supporting document")
        NOTE_VERBALE = "note_verbale", _("Note Verbale")

    review = models.ForeignKey(
        VoluntaryReview, on_delete=models.CASCADE, related_name="attachments"
    )
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


class Invitation(models.Model):
    """The secretariat invites a person to speak for a Member State.

    The link carries a signed token of this row's `key`; it works once (`accepted_at`) and for
    seven days (the signature's age).
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    member_state = models.ForeignKey(
        MemberState, on_delete=models.CASCADE, related_name="+", verbose_name=_("Member State")
    )
    role = models.CharField(
        _("role"),
        max_length=30,
        choices=FocalPointMembership.Role.choices,
        default=FocalPointMembership.Role.FOCAL_POINT,
    )
    language = models.CharField(
        _("language of the invitation"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Claimed by the task before sending, cleared again if sending fails (see reviews.tasks).
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.member_state}"
