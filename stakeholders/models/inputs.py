"""A stakeholder's written input to an IMRF or a regional review: a kind of document.

An organisation whose representative registered for an event of the cycle, and confirmed the
address, may write one input per cycle (one document per kind, cycle and body: the body is
the organisation's normalised name). Its authors are the people invited to draft it (the
registrant first, through `reviews.invitations`); the secretariat moderates it on the shared
machinery, and once published it sits beside the reviews, labelled as a stakeholder input.
"""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reviews.models import Document, Objective, StakeholderCategory
from stakeholders.models.events import Event

STAKEHOLDER_INPUT = "stakeholder_input"


def organization_key(name: str) -> str:
    """The authoring body's key of an organisation's input (`Document.authored_by`): its name
    as a slug, so "Migrant Rights Network" and "migrant rights  network" write one input."""
    return "org-" + (slugify(name, allow_unicode=True)[:50] or "x")


class StakeholderInput(Document):
    document_ptr = models.OneToOneField(
        Document,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="stakeholder_input",
    )
    # The event whose registration opened the door (its cycle is the document's cycle).
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="inputs", verbose_name=_("event")
    )
    organization = models.CharField(_("organization"), max_length=250)
    organization_website = models.URLField(_("organization's website"), blank=True)
    category = models.ForeignKey(
        StakeholderCategory,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stakeholder category"),
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="stakeholder_inputs"
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("objectives it concerns")
    )
    section_1 = models.TextField(_("Written input"), blank=True)

    class Meta:
        verbose_name = _("stakeholder input")
        verbose_name_plural = _("stakeholder inputs")

    def __str__(self):
        return f"{self.organization} – {self.cycle}"

    def save(self, *args, **kwargs):
        self.kind, self.cycle_id = STAKEHOLDER_INPUT, self.event.cycle_id
        self.authored_by = organization_key(self.organization)
        super().save(*args, **kwargs)
