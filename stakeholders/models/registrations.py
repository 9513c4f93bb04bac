"""Registrations for events, their audit trail, and the messages decisions send.

A registration's life (statuses change only in `stakeholders.decisions` and
`stakeholders.registration`, never in views):

```
unverified --verify--> pending --approve--> approved --cancel--> cancelled
    |                    |  ^                  |
 72 h: expired           |  +--reset-----------+ (notifies the person)
                         +--waitlist--> waitlisted --(a place frees: promoted in order)--> approved
                         +--reject--> rejected  (the same address cannot register again)
```

One registration per event and e-mail address: the address is compared after Unicode
normalisation (NFKC) and case folding (`email_key`), enforced by a unique constraint, so two
racing attempts cannot both succeed. Every change writes a `RegistrationLog` row, the audit
trail; a row that e-mails the registrant carries the delivery state of that e-mail (the same
state machine as `reviews.notifications`). After the event, personal data are erased and the
row keeps only what the balance dashboard counts.
"""

import secrets
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, StakeholderCategory
from stakeholders.models.events import Event


def normalize_email(address: str) -> str:
    """The key two addresses share when they are the same mailbox to a person's eye."""
    return unicodedata.normalize("NFKC", address or "").strip().casefold()


def _new_secret() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Address not yet confirmed")
        # The person's organisation applied for special accreditation to this IMRF: the
        # registration waits on it (pending once accredited, not approved otherwise).
        AWAITING_ACCREDITATION = (
            "awaiting_accreditation",
            _("Waiting for the organization's accreditation"),
        )
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Not approved")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired (address never confirmed)")

    class Level(models.TextChoices):
        GLOBAL = "global", _("Global")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")

    class Participation(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Another gender identity")

    class AgeGroup(models.TextChoices):
        UNDER_25 = "18-24", _("18 to 24")
        FROM_25 = "25-34", _("25 to 34")
        FROM_35 = "35-49", _("35 to 49")
        FROM_50 = "50-64", _("50 to 64")
        FROM_65 = "65+", _("65 or older")

    class Travel(models.TextChoices):
        NONE = "none", _("Not requested")
        REQUESTED = "requested", _("Requested")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Not granted")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    # normalize_email(email); emptied when personal data are erased.
    email_key = models.CharField(max_length=254, editable=False)
    organization = models.CharField(_("organization"), max_length=250)
    # The organisation's own record when it is known (an IMRF asks for it: see
    # stakeholders.accreditation); the name above is what the person typed.
    organization_record = models.ForeignKey(
        "stakeholders.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organization's record"),
    )
    organization_website = models.URLField(_("organization's website"), blank=True)
    category = models.ForeignKey(
        StakeholderCategory,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stakeholder category"),
    )
    category_other = models.CharField(_("other category"), max_length=200, blank=True)
    level = models.CharField(_("level of work"), max_length=20, choices=Level.choices)
    residence = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of residence"),
    )
    nationality = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("nationality")
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    participation = models.CharField(
        _("participation"), max_length=20, choices=Participation.choices
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES)
    travel = models.CharField(
        _("travel support"), max_length=10, choices=Travel.choices, default=Travel.NONE
    )
    travel_justification = models.TextField(_("why you need travel support"), blank=True)
    # Whether the country of residence was an LDC, LLDC or SIDS on the event's first day, as
    # the reference data's category changes say (reviews.reference.development_status).
    travel_priority = models.BooleanField(_("priority for travel support"), default=False)
    subsistence_days = models.PositiveSmallIntegerField(
        _("days of subsistence granted"), null=True, blank=True
    )
    travel_amount = models.DecimalField(
        _("travel granted (USD)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    consented_privacy_at = models.DateTimeField(_("consented to the privacy notice"))
    consent_public_list = models.BooleanField(
        _("appears on the public list of participants"), default=False
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.UNVERIFIED
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Order on the waiting list: the time the person joined it.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    # Part of every signed link: changing it revokes the links sent so far.
    secret = models.CharField(max_length=64, default=_new_secret, editable=False)
    # Bumped by every change: a decision taken on a stale page is refused, not applied.
    version = models.PositiveIntegerField(default=1)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_key"],
                condition=~models.Q(email_key=""),
                name="one_registration_per_event_and_address",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.full_name} – {self.event}"

    def save(self, *args, **kwargs):
        if self.erased_at is None:
            self.email_key = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def travel_total(self):
        """Subsistence days at the event's rate plus the travel granted, in USD."""
        if self.travel != self.Travel.GRANTED:
            return 0
        days = self.subsistence_days or 0
        return days * self.event.daily_subsistence_rate + (self.travel_amount or 0)


class RegistrationLog(models.Model):
    """One change of a registration: who, when, why; and the e-mail it sends, if any."""

    class Notify(models.TextChoices):
        NONE = "none", _("No e-mail")
        PENDING = "pending", _("E-mail waiting to be sent")
        SENDING = "sending", _("E-mail being sent")
        SENT = "sent", _("E-mail sent")
        FAILED = "failed", _("E-mail failed")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    notify_status = models.CharField(
        max_length=10, choices=Notify.choices, default=Notify.NONE, db_index=True
    )
    notify_attempts = models.PositiveSmallIntegerField(default=0)
    notify_error = models.TextField(blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration log entry")
        verbose_name_plural = _("registration log")
        ordering = ["registration", "created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.from_status} → {self.to_status}"


class DecisionMessage(models.Model):
    """The secretariat's wording of a decision's e-mail in one language, for one event or (no
    event) for every event; the portal's own wording applies where none is written."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        WAITLISTED = "waitlisted", _("Waiting list")
        RESET = "reset", _("Decision withdrawn")
        TRAVEL = "travel", _("Travel support granted")
        TRAVEL_REFUSED = "travel_refused", _("Travel support not granted")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("message"),
        help_text=_(
            "Plain text. {name}, {event} and {reason} are replaced by the person's name, the "
            "event's title and the reason given; in the travel-support messages, {days} and "
            "{amount} by the days of subsistence and the travel amount granted."
        ),
    )

    class Meta:
        verbose_name = _("decision message")
        verbose_name_plural = _("decision messages")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "decision", "language"],
                condition=models.Q(event__isnull=False),
                name="one_decision_message_per_event_and_language",
            ),
            models.UniqueConstraint(
                fields=["decision", "language"],
                condition=models.Q(event__isnull=True),
                name="one_default_decision_message_per_language",
            ),
        ]

    def __str__(self):
        return f"{self.decision} ({self.language})"
