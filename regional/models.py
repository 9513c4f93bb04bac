"""Who reports for a regional commission or a regional process.

A regional process, platform or organization (framework Annex 3: regional consultative
processes, regional economic communities, …) is added by the secretariat; the five regional
commissions come from the reference data in `reviews`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models import RegionalCommission


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
