"""Regional bodies, who reports for them, and their regional review meetings.

A regional body is one of the five regional commissions (reference data in `reviews`, with the
Member States each covers) or a regional process, platform or organization (framework Annex 3:
regional consultative processes, regional economic communities, …) that the secretariat adds,
with the Member States it covers. Whatever points at a body points at exactly one of the two.
"""

import calendar
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, RegionalCommission, ReviewCycle


class RegionalProcess(models.Model):
    class Kind(models.TextChoices):
        CONSULTATIVE_PROCESS = "rcp", _("Regional consultative process on migration")
        PLATFORM = "platform", _("Regional platform")
        ORGANIZATION = "organization", _("Regional or sub-regional organization")

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    member_states = models.ManyToManyField(
        MemberState,
        blank=True,
        related_name="regional_processes",
        verbose_name=_("Member States covered"),
    )

    class Meta:
        verbose_name = _("regional process")
        verbose_name_plural = _("regional processes")
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class RegionalReporterMembership(models.Model):
    """Links a user to exactly one regional commission or one regional process."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="regional_memberships",
        verbose_name=_("user"),
    )
    commission = models.ForeignKey(
        RegionalCommission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reporter_memberships",
        verbose_name=_("regional commission"),
    )
    process = models.ForeignKey(
        RegionalProcess,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reporter_memberships",
        verbose_name=_("regional process"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("regional reporter membership")
        verbose_name_plural = _("regional reporter memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(commission__isnull=False, process__isnull=True)
                    | models.Q(commission__isnull=True, process__isnull=False)
                ),
                name="reporter_membership_one_body",
                violation_error_message=_("Choose either a regional commission or a process."),
            ),
            models.UniqueConstraint(
                fields=["user", "commission"],
                condition=models.Q(commission__isnull=False),
                name="unique_reporter_commission",
            ),
            models.UniqueConstraint(
                fields=["user", "process"],
                condition=models.Q(process__isnull=False),
                name="unique_reporter_process",
            ),
        ]
        permissions = [("invite_regional_reporter", "Can invite regional reporters")]

    def __str__(self):
        return f"{self.user} – {self.body}"

    @property
    def body(self):
        return self.commission or self.process

    @property
    def body_key(self) -> str:
        return body_key(self.commission, self.process)


def body_key(commission, process) -> str:
    """The body's key as documents and addresses name it: a commission's code (`ECE`) or a
    process's identifier (`budapest-process`)."""
    return commission.code if commission is not None else process.slug


def states_of(commission, process):
    """The Member States a body covers: a commission's from the reference data, a process's as
    the secretariat set them."""
    if commission is not None:
        return commission.member_states.all()
    return process.member_states.all()


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class RegionalMeeting(models.Model):
    """A regional review meeting of one body for one regional cycle (framework Annex 1)."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    commission = models.ForeignKey(
        RegionalCommission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("regional commission"),
    )
    process = models.ForeignKey(
        RegionalProcess,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("regional process"),
    )
    cycle = models.ForeignKey(
        ReviewCycle,
        on_delete=models.PROTECT,
        related_name="regional_meetings",
        limit_choices_to={"kind": ReviewCycle.Kind.REGIONAL},
        verbose_name=_("regional cycle"),
    )
    title = models.CharField(_("title"), max_length=250)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    mode = models.CharField(_("format"), max_length=20, choices=Mode.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    working_languages = models.JSONField(
        _("working languages"),
        default=list,
        blank=True,
        help_text=_("Codes of the UN languages the meeting works in, e.g. en, fr, ar."),
    )

    class Meta:
        verbose_name = _("regional review meeting")
        verbose_name_plural = _("regional review meetings")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(commission__isnull=False, process__isnull=True)
                    | models.Q(commission__isnull=True, process__isnull=False)
                ),
                name="meeting_one_body",
                violation_error_message=_("Choose either a regional commission or a process."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def body(self):
        return self.commission or self.process

    @property
    def body_key(self) -> str:
        return body_key(self.commission, self.process)

    @property
    def report_due_on(self) -> date:
        """The report is "finalized within two months after the meeting" (Annex 1, 3)."""
        return add_months(self.ends_on, 2)
