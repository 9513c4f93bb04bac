"""Reference data (Member States, regional commissions, the 23 objectives, guiding principles,
stakeholder categories), review cycles, and who speaks for which State.

Reference rows come from `fixtures/` (see fixtures/SOURCES.md) through `load_reference_data`;
they are not edited by hand in production, which is why the secretariat sees them read-only.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegionalCommission(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    seat_city = models.CharField(_("seat"), max_length=100)
    member_states_count = models.PositiveSmallIntegerField(
        _("members"), help_text=_("All members, including States that are not UN Members.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("regional commission")
        verbose_name_plural = _("regional commissions")
        ordering = ["code"]

    def __str__(self):
        return self.code


class MemberState(models.Model):
    class RegionalGroup(models.TextChoices):
        AFRICAN = "African", _("African States")
        ASIA_PACIFIC = "Asia-Pacific", _("Asia-Pacific States")
        EASTERN_EUROPEAN = "Eastern European", _("Eastern European States")
        LATIN_AMERICAN_CARIBBEAN = (
            "Latin American and Caribbean",
            _("Latin American and Caribbean States"),
        )
        WESTERN_EUROPEAN_OTHERS = (
            "Western European and Others",
            _("Western European and other States"),
        )
        NONE = "none", _("No regional group")

    # ISO 3166-1 alpha-3 is the public key: it appears in URLs (/reviews/<cycle>/<iso3>/).
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, primary_key=True)
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=200)
    un_regional_group = models.CharField(
        _("UN regional group"), max_length=40, choices=RegionalGroup.choices
    )
    m49_region = models.CharField(_("M49 region"), max_length=40)
    m49_subregion = models.CharField(_("M49 sub-region"), max_length=60)
    regional_commissions = models.ManyToManyField(
        RegionalCommission, related_name="member_states", verbose_name=_("regional commissions")
    )
    is_ldc = models.BooleanField(_("least developed country (LDC)"), default=False)
    is_lldc = models.BooleanField(_("landlocked developing country (LLDC)"), default=False)
    is_sids = models.BooleanField(_("small island developing State (SIDS)"), default=False)

    class Meta:
        verbose_name = _("Member State")
        verbose_name_plural = _("Member States")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CategoryChange(models.Model):
    """A State entering or leaving the LDC, LLDC or SIDS category on a date.

    The flags on `MemberState` are the situation when the reference data were compiled (see
    fixtures/SOURCES.md); these rows let `reviews.reference.development_status` answer for any
    date (travel support is judged on an event's dates). Scheduled changes are recorded with
    their date and whether the source confirms they took effect.
    """

    class Category(models.TextChoices):
        LDC = "ldc", _("least developed country (LDC)")
        LLDC = "lldc", _("landlocked developing country (LLDC)")
        SIDS = "sids", _("small island developing State (SIDS)")

    member_state = models.ForeignKey(
        MemberState, on_delete=models.CASCADE, related_name="category_changes"
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    # True: the State is in the category from that day; False: it left the category that day.
    member = models.BooleanField(_("in the category from that day"))
    effective_on = models.DateField(_("effective on"))
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("False: scheduled, not confirmed by a source.")
    )
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("development category change")
        verbose_name_plural = _("development category changes")
        ordering = ["member_state", "category", "effective_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "category", "effective_on"],
                name="one_category_change_per_day",
            ),
        ]

    def __str__(self):
        return f"{self.member_state_id} {self.category} {self.effective_on}"


class Objective(models.Model):
    """One of the 23 objectives of the GCM (A/RES/73/195 para 16)."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    title = models.CharField(_("title"), max_length=300)
    # The UN Network on Migration hub's short name ("Data", "Regular pathways") for tight
    # places: charts, filters, table headers.
    short_title = models.CharField(_("short title"), max_length=60, blank=True)
    roundtable = models.PositiveSmallIntegerField(
        _("IMRF round table"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("The IMRF round table that reviews this objective (A/RES/73/326 para 21(b))."),
    )

    class Meta:
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=23), name="objective_number_1_23"
            ),
            models.CheckConstraint(
                condition=models.Q(roundtable__gte=1, roundtable__lte=4),
                name="objective_roundtable_1_4",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class GuidingPrinciple(models.Model):
    """One of the ten cross-cutting guiding principles of the GCM (para 15 (a)-(j))."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        ordering = ["position"]

    def __str__(self):
        return self.name


class StakeholderCategory(models.Model):
    """A category of relevant stakeholders (framework footnote 6, GCM para 44)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("stakeholder category")
        verbose_name_plural = _("stakeholder categories")
        ordering = ["position"]

    def __str__(self):
        return self.name


class ReviewCycle(models.Model):
    class Kind(models.TextChoices):
        REGIONAL = "regional", pgettext_lazy("review cycle kind", "Regional review")
        IMRF = "imrf", pgettext_lazy("review cycle kind", "International Migration Review Forum")

    slug = models.SlugField(_("identifier"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    submission_opens = models.DateField(_("submissions open"), null=True, blank=True)
    submission_closes = models.DateField(_("submissions close"), null=True, blank=True)
    is_open = models.BooleanField(
        _("open for drafting"),
        default=False,
        help_text=_("Focal points can draft and submit reviews for this cycle."),
    )
    # The template's limits are "suggested" (Annex 4), so a cycle is advisory unless the
    # secretariat makes it strict.
    limits_advisory = models.BooleanField(
        _("word limits are advisory"),
        default=True,
        help_text=_(
            "When set (the default: the template's limits are suggested), a review over a "
            "suggested word limit can still be submitted, with a short justification the "
            "secretariat sees beside the overrun. Clear it to make the limits strict."
        ),
    )

    feeds = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fed_by",
        limit_choices_to={"kind": "imrf"},
        verbose_name=_("feeds the IMRF"),
        help_text=_("For a regional cycle: the International Migration Review Forum it informs."),
    )
    tracker_shows_submitted = models.BooleanField(
        _("the public tracker shows submissions"),
        default=False,
        help_text=_(
            "When set, the cycle's public tracker also lists States whose review has been "
            "submitted but not yet published, with the date of submission."
        ),
    )

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(submission_closes__isnull=True)
                | models.Q(submission_opens__isnull=True)
                | models.Q(submission_closes__gte=models.F("submission_opens")),
                name="cycle_window_ordered",
            ),
        ]

    def __str__(self):
        return self.title


class FocalPointMembership(models.Model):
    """Links a user to a Member State they speak for. A user may hold several.

    An authorizing official clears the State's review before it reaches the secretariat.
    """

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        AUTHORIZING_OFFICIAL = "authorizing_official", _("Authorizing official")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="focal_point_memberships",
        verbose_name=_("user"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.CASCADE,
        related_name="focal_point_memberships",
        verbose_name=_("Member State"),
    )
    role = models.CharField(
        _("role"), max_length=30, choices=Role.choices, default=Role.FOCAL_POINT
    )
    # The State's lead focal point may invite colleagues of the same State (the secretariat
    # sees and can revoke them); set by the secretariat.
    is_lead = models.BooleanField(
        _("lead focal point"),
        default=False,
        help_text=_("May invite other focal points of this Member State."),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("focal point membership")
        verbose_name_plural = _("focal point memberships")
        ordering = ["member_state", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "member_state", "role"], name="unique_focal_point_membership"
            ),
        ]
        permissions = [("invite_focal_point", "Can invite focal points")]

    def __str__(self):
        return f"{self.user} – {self.member_state} ({self.get_role_display()})"
