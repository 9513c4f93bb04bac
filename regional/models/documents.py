"""The two kinds of regional document, on the shared submission machinery of `reviews`.

- `RegionalReviewReport` (framework Annex 1, 3): drafted by the body's reporters after its
  regional review meeting, due two months after the meeting's last day; sections (i)-(vi), the
  objectives addressed, the meeting's outcome document as an attachment.
- `RegionalInput` (framework Annex 3): an input of a regional process, platform or organization,
  or of a stakeholder active at the regional level, to the regional review: parts (a)-(e),
  promising practices with a flag "to present at the IMRF", and the support needed by area.

Both are kinds of `reviews.Document` (multi-table inheritance): status, versions, revisions,
moderation, publication, PDF and public index are the machinery's.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regional.models.bodies import RegionalMeeting, RegionalProcess
from reviews.models import Document, GuidingPrinciple, Objective, RegionalCommission

REGIONAL_REPORT = "regional_report"
REGIONAL_INPUT = "regional_input"


class RegionalReviewReport(Document):
    document_ptr = models.OneToOneField(
        Document,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="regional_report",
    )
    meeting = models.ForeignKey(
        RegionalMeeting,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("regional review meeting"),
    )
    section_1 = models.TextField(_("(i) Introduction"), blank=True)
    section_2 = models.TextField(_("(ii) Executive summary"), blank=True)
    section_3 = models.TextField(_("(iii) Key findings"), blank=True)
    section_4 = models.TextField(_("(iv) Selected good practices and lessons learned"), blank=True)
    section_5 = models.TextField(_("(v) Conclusions and recommendations"), blank=True)
    section_6 = models.TextField(
        _("(vi) Annex: organization of work and list of participants"), blank=True
    )
    objectives_addressed = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("objectives addressed")
    )

    class Meta:
        verbose_name = _("regional review report")
        verbose_name_plural = _("regional review reports")

    def __str__(self):
        return f"{self.meeting.body} – {self.cycle}"

    def save(self, *args, **kwargs):
        # One report per body and regional cycle: the document's kind, cycle and body follow
        # from the meeting it reports on.
        self.kind, self.cycle_id = REGIONAL_REPORT, self.meeting.cycle_id
        self.authored_by = self.meeting.body_key
        super().save(*args, **kwargs)

    @property
    def body(self):
        return self.meeting.body

    @property
    def due_on(self):
        return self.meeting.report_due_on


class RegionalInput(Document):
    """An Annex 3 input. Its authors are the reporters of its body, or, for a stakeholder
    active at the regional level, the people the secretariat or the region's reporters invited
    (`authors`)."""

    class SupportArea(models.TextChoices):
        FINANCE = "finance", _("Finance")
        CAPACITY = "capacity", _("Capacity-building")
        POLICY = "policy", _("Policy advice")
        DATA = "data", _("Data gathering and analysis")
        TECHNOLOGY = "technology", _("Technology")
        PARTNERSHIPS = "partnerships", _("Partnerships")
        OTHER = "other", _("Other")

    document_ptr = models.OneToOneField(
        Document,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="regional_input",
    )
    # The region the input is about: the body whose regional review it feeds.
    commission = models.ForeignKey(
        RegionalCommission,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("regional review of"),
    )
    # Who submits it: a regional process, platform or organization, or a stakeholder.
    process = models.ForeignKey(
        RegionalProcess,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("regional process, platform or organization"),
    )
    organization = models.CharField(
        _("stakeholder organization"),
        max_length=250,
        blank=True,
        help_text=_("For an input of a stakeholder active at the regional level."),
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="regional_inputs"
    )
    section_1 = models.TextField(_("(a) Status of implementation"), blank=True)
    section_2 = models.TextField(_("(b) Guiding principles integrated"), blank=True)
    section_3 = models.TextField(_("(c) Gaps and challenges"), blank=True)
    section_4 = models.TextField(_("(d) Promising practices and lessons learned"), blank=True)
    section_5 = models.TextField(_("(e) Where the region needs support"), blank=True)
    principles_integrated = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="+", verbose_name=_("guiding principles")
    )

    class Meta:
        verbose_name = _("regional input (Annex 3)")
        verbose_name_plural = _("regional inputs (Annex 3)")

    def __str__(self):
        return f"{self.author_name} – {self.commission} – {self.cycle}"

    def save(self, *args, **kwargs):
        self.kind = REGIONAL_INPUT
        self.authored_by = f"{self.commission.code}:" + (
            self.process.slug if self.process_id else f"org-{self.organization[:40]}"
        )
        super().save(*args, **kwargs)

    @property
    def author_name(self) -> str:
        return str(self.process) if self.process_id else self.organization


class InputPractice(models.Model):
    """Part (d): a promising practice or lesson learned that may be relevant for other regions."""

    input = models.ForeignKey(RegionalInput, on_delete=models.CASCADE, related_name="practices")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    objectives = models.ManyToManyField(Objective, blank=True, related_name="+")
    present_at_imrf = models.BooleanField(_("to present at the IMRF"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("promising practice")
        verbose_name_plural = _("promising practices")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class SupportNeed(models.Model):
    """Part (e): an objective or guiding principle where the region needs support, by area."""

    input = models.ForeignKey(RegionalInput, on_delete=models.CASCADE, related_name="needs")
    area = models.CharField(_("area"), max_length=20, choices=RegionalInput.SupportArea.choices)
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    principle = models.ForeignKey(
        GuidingPrinciple, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("what is needed"), blank=True)

    class Meta:
        verbose_name = _("support needed")
        verbose_name_plural = _("support needed")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(objective__isnull=False) | models.Q(principle__isnull=False),
                name="support_need_names_an_objective_or_principle",
                violation_error_message=_("Name an objective or a guiding principle."),
            ),
        ]

    def __str__(self):
        return f"{self.get_area_display()}: {self.objective or self.principle}"
