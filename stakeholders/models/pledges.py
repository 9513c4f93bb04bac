"""A pledge of the GCM pledging initiative: a kind of document on the shared machinery.

A Member State (its focal points draft) or an accredited organisation (the people it invites)
pledges something concrete, measurable and time-bound: what will be done, by whom, the
objectives and guiding principles it serves, the region and countries concerned, how progress
will be measured, by when. The secretariat moderates it like any document. Progress is reported
on the pledge itself before the next IMRF: the pledger starts a new version of the published
pledge, sets the progress (not started / under way / achieved) and writes what was done; once
the secretariat publishes it, the pledge page shows each published version as its history.

A pledger may make several pledges in a cycle: the document's body (`authored_by`) is the
pledger's key plus the pledge's own reference.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models import Document, GuidingPrinciple, MemberState, Objective, RegionalCommission
from stakeholders.models.organizations import Organization

PLEDGE = "pledge"


def _new_reference() -> str:
    return secrets.token_hex(4)


class Pledge(Document):
    class Pledger(models.TextChoices):
        STATE = "state", _("Member State")
        ORGANIZATION = "organization", _("Organization")

    class Progress(models.TextChoices):
        NOT_REPORTED = "", _("No progress reported yet")
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        ACHIEVED = "achieved", _("Achieved")

    document_ptr = models.OneToOneField(
        Document,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="pledge",
    )
    reference = models.CharField(max_length=16, unique=True, default=_new_reference, editable=False)
    pledger = models.CharField(_("pledger"), max_length=20, choices=Pledger.choices)
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("Member State"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("organization"),
    )
    # An organisation's people (invited); a State's authors are its focal points.
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="pledges")
    title = models.CharField(_("title"), max_length=250, blank=True)
    section_1 = models.TextField(_("What will be done"), blank=True)
    section_2 = models.TextField(_("By whom"), blank=True)
    section_3 = models.TextField(_("How progress will be measured"), blank=True)
    section_4 = models.TextField(_("Progress report"), blank=True)
    due_by = models.DateField(_("by when"), null=True, blank=True)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="+", verbose_name=_("guiding principles")
    )
    regions = models.ManyToManyField(
        RegionalCommission, blank=True, related_name="+", verbose_name=_("regions concerned")
    )
    countries = models.ManyToManyField(
        MemberState, blank=True, related_name="+", verbose_name=_("countries concerned")
    )
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices, blank=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    pledger="state", member_state__isnull=False, organization__isnull=True
                )
                | models.Q(
                    pledger="organization", organization__isnull=False, member_state__isnull=True
                ),
                name="pledge_has_one_pledger",
            ),
        ]

    def __str__(self):
        return self.title or self.reference

    def save(self, *args, **kwargs):
        self.kind = PLEDGE
        pledger = self.member_state_id if self.member_state_id else f"org{self.organization_id}"
        self.authored_by = f"{pledger}:{self.reference}"
        super().save(*args, **kwargs)

    @property
    def pledger_name(self) -> str:
        return str(self.member_state if self.member_state_id else self.organization)


class PledgerMembership(models.Model):
    """A person who may make pledges for an organisation: the secretariat invited them
    (`stakeholders.pledges.invitations`) and they accepted. Every pledger of the organisation
    drafts its pledges, as a State's focal points draft the State's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledger_memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pledgers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pledger of an organization")
        verbose_name_plural = _("pledgers of organizations")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_pledger_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.organization}"
