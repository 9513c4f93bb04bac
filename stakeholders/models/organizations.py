"""Organisations and their accreditation to the IMRF (issue 19).

An organisation is its own record, found again by its normalised name and website
(`name_key`, `website_key`), so that two applications of one organisation are seen as one.
It can take part in an IMRF edition by one of three tracks:

- consultative status with ECOSOC (`ecosoc_status`, imported from the list the secretariat
  uploads as CSV);
- previously accredited to the GCM process (`gcm_accredited`: its negotiations, the Marrakech
  conference; the same kind of upload);
- special accreditation for that IMRF edition (`AccreditationApplication`), whose life is:

```
unverified --verify (signed link to the organisation's e-mail)--> applied
applied --recommend--> recommended --(the list is published to Member States)--> under_review
applied --not recommend--> not_recommended
under_review --(period closes, no objection)--> accredited
under_review --(period closes, an objection)--> not_accredited
any but accredited/not_accredited --withdraw--> withdrawn
```
Statuses change only in `stakeholders.accreditation`.
"""

import re
import secrets
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, Objective, StakeholderCategory
from stakeholders.models.events import Event
from stakeholders.models.registrations import RegistrationLog


def normalize_name(name: str) -> str:
    """The key two spellings of one organisation's name share (case, accents, punctuation and
    spacing aside)."""
    text = unicodedata.normalize("NFKD", name or "").casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def normalize_website(url: str) -> str:
    """The host and path of a website, without scheme, "www." or trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").casefold().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}".casefold()


def _new_secret() -> str:
    return secrets.token_urlsafe(24)


class Organization(models.Model):
    class Ecosoc(models.TextChoices):
        NONE = "", _("No consultative status")
        GENERAL = "general", _("General consultative status")
        SPECIAL = "special", _("Special consultative status")
        ROSTER = "roster", _("Roster")

    name = models.CharField(_("name"), max_length=250)
    name_latin = models.CharField(
        _("name in Latin letters"),
        max_length=250,
        blank=True,
        help_text=_("When the name is written in another script."),
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    category = models.ForeignKey(
        StakeholderCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("type")
    )
    headquarters = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of headquarters"),
    )
    website = models.URLField(_("website"), blank=True)
    head_name = models.CharField(_("head of the organization"), max_length=200, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address of the organization"), blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    ecosoc_status = models.CharField(
        _("ECOSOC consultative status"), max_length=10, choices=Ecosoc.choices, blank=True
    )
    ecosoc_since = models.PositiveSmallIntegerField(
        _("in consultative status since"), null=True, blank=True
    )
    gcm_accredited = models.BooleanField(
        _("accredited to the GCM process before"),
        default=False,
        help_text=_("Its negotiations or the Marrakech intergovernmental conference (2018)."),
    )
    name_key = models.CharField(max_length=250, editable=False, db_index=True)
    website_key = models.CharField(max_length=250, editable=False, db_index=True, blank=True)
    secret = models.CharField(max_length=64, default=_new_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_key", "pk"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name_latin or self.name)
        self.website_key = normalize_website(self.website)
        super().save(*args, **kwargs)


class AccreditationApplication(models.Model):
    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Address not yet confirmed")
        APPLIED = "applied", _("Applied")
        RECOMMENDED = "recommended", _("Recommended by the secretariat")
        NOT_RECOMMENDED = "not_recommended", _("Not recommended")
        UNDER_REVIEW = "under_review", _("Under Member States' review")
        ACCREDITED = "accredited", _("Accredited")
        NOT_ACCREDITED = "not_accredited", _("Not accredited")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applications"
    )
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="applications", verbose_name=_("IMRF")
    )
    purpose = models.TextField(_("purpose of the organization"))
    relevance = models.TextField(_("relevance of its work to the GCM and to the IMRF's agenda"))
    objectives = models.ManyToManyField(
        Objective, related_name="+", verbose_name=_("GCM objectives its work concerns")
    )
    roundtables = models.JSONField(_("round tables it would follow"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED
    )
    reason = models.TextField(_("reason"), blank=True)
    language = models.CharField(
        _("language of the application"), max_length=10, choices=settings.LANGUAGES
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("special accreditation application")
        verbose_name_plural = _("special accreditation applications")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "event"], name="one_application_per_organization_and_imrf"
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.event}"


class SupportingDocument(models.Model):
    application = models.ForeignKey(
        AccreditationApplication, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=250)
    file = models.FileField(_("file"), upload_to="accreditation/%Y/")

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self):
        return self.title


class Objection(models.Model):
    """A Member State's objection to a recommended organisation: seen by the secretariat only."""

    application = models.ForeignKey(
        AccreditationApplication, on_delete=models.CASCADE, related_name="objections"
    )
    member_state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member_state"], name="one_objection_per_state"
            ),
        ]

    def __str__(self):
        return f"{self.member_state_id}: {self.application}"


class AccreditationLog(models.Model):
    """One change of an application: who, when, why; and the e-mail it sends, if any (the
    delivery state machine of reviews.outbox)."""

    application = models.ForeignKey(
        AccreditationApplication, on_delete=models.CASCADE, related_name="log"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    # Whom the e-mail goes to when it is not the organisation: a Member State's focal point
    # told that the recommended list is open (one row per person, on the event's first
    # recommended application: see stakeholders.accreditation.open_review).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    notify_status = models.CharField(
        max_length=10, choices=RegistrationLog.Notify.choices, default="none", db_index=True
    )
    notify_attempts = models.PositiveSmallIntegerField(default=0)
    notify_error = models.TextField(blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.from_status} → {self.to_status}"
