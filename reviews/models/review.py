"""National voluntary GCM reviews: the kind of document of Annex 2, its objective entries, and
the invitations of focal points."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models.document import (
    Document,
    attachment_path,  # noqa: F401 (migration 0002 names it here)
)
from reviews.models.reference import (
    FocalPointMembership,
    GuidingPrinciple,
    MemberState,
    Objective,
    StakeholderCategory,
)

NATIONAL_REVIEW = "national_review"


class VoluntaryReview(Document):
    """A national voluntary GCM review: one State's, for one cycle (Annex 2 template).

    A kind of `Document` (multi-table inheritance): the document row holds the status, version,
    revisions and publication; this row holds the State, the five sections and the details.
    Its primary key is the document's, in the column `id` it always had, so every address and
    foreign key made before documents existed still holds.
    """

    document_ptr = models.OneToOneField(
        Document,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        db_column="id",
        related_name="national_review",
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("Member State"),
    )
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

    class Meta:
        verbose_name = _("voluntary GCM review")
        verbose_name_plural = _("voluntary GCM reviews")
        ordering = ["-cycle__year", "member_state__name"]
        permissions = [("moderate_review", "Can moderate voluntary reviews")]
        indexes = [
            # Pages that order reviews by their State's name (an objective's entries, the list
            # sorted by State) join every review to its State: from this index alone (an
            # index-only scan), not from the rows, which hold the five sections' drafts and
            # fit four to a page. At 4,000 reviews the table's scan took 1.9 ms, the index's
            # 0.25 (issue 17).
            models.Index(
                fields=["document_ptr"], include=["member_state"], name="review_state_lookup"
            ),
        ]

    def __str__(self):
        return f"{self.member_state} – {self.cycle}"

    def save(self, *args, **kwargs):
        # The document's kind and authoring body follow from what this row is (an invariant,
        # not a side effect): one national review per State and cycle.
        self.kind, self.authored_by = NATIONAL_REVIEW, self.member_state_id
        super().save(*args, **kwargs)

    def focal_points(self):
        return FocalPointMembership.objects.filter(member_state_id=self.member_state_id)


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


class Invitation(models.Model):
    """An invitation: to speak for a Member State (the secretariat invites focal points), or to
    whatever another app grants (`grant`, a name registered in `reviews.invitations`, and
    `grant_key`, what it names: a regional body, an Annex 3 input).

    The link carries a signed token of this row's `key`; it works once (`accepted_at`) and for
    seven days (the signature's age).
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    # A focal point's State; empty for an invitation that grants something else (`grant`).
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Member State"),
    )
    # Empty: a focal point's membership of `member_state`, with `role`. Otherwise a grant kind
    # registered by the app that owns it (reviews never imports those apps), and its key.
    grant = models.CharField(_("what is granted"), max_length=40, blank=True)
    grant_key = models.CharField(max_length=100, blank=True)
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_state__isnull=False, grant="") | ~models.Q(grant=""),
                name="invitation_grants_something",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.member_state or f'{self.grant}:{self.grant_key}'}"
