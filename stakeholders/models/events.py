"""Events the secretariat runs: IMRF editions, regional review meetings, consultations.

An event of a regional review meeting names the regional body the way documents do
(`body`: a commission's code such as "ECE", or a regional process's slug) with its regional
cycle; the regional app's meeting is found through that pair (gcm_portal wires the two apps,
which never import each other). An event's agenda and background documents are public once the
event is published; a round-table background note is due six weeks before an IMRF opens.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import ReviewCycle

# Round-table background notes are due this long before the IMRF's first day.
ROUNDTABLE_NOTE_LEAD = timedelta(weeks=6)


class Event(models.Model):
    class Kind(models.TextChoices):
        IMRF = "imrf", _("International Migration Review Forum")
        REGIONAL = "regional", _("Regional review meeting")
        CONSULTATION = "consultation", _("Consultation")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    slug = models.SlugField(_("address"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    cycle = models.ForeignKey(
        ReviewCycle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("review cycle"),
    )
    # For a regional review meeting: the regional body, as documents name it (a commission's
    # code, or a regional process's slug).
    body = models.CharField(_("regional body"), max_length=60, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    mode = models.CharField(_("format"), max_length=20, choices=Mode.choices)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("The most registrations that can be approved; empty: no limit."),
    )
    working_languages = models.JSONField(
        _("working languages"), default=list, blank=True, help_text=_("Language codes.")
    )
    travel_budget = models.DecimalField(
        _("travel-support budget (USD)"), max_digits=12, decimal_places=2, default=0
    )
    daily_subsistence_rate = models.DecimalField(
        _("daily subsistence allowance (USD per day)"), max_digits=8, decimal_places=2, default=0
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        blank=True,
        help_text=_("Shown on the registration form; empty: the portal's standard notice."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    # IMRF: special accreditation of organisations (stakeholders.accreditation). Applications
    # close at the deadline; the recommended list goes to Member States' focal points when the
    # review opens, and organisations without objection are accredited when it closes.
    accreditation_deadline = models.DateTimeField(
        _("special accreditation: applications close"), null=True, blank=True
    )
    review_opened_at = models.DateTimeField(
        _("recommended list sent to Member States"), null=True, blank=True, editable=False
    )
    review_closes_at = models.DateTimeField(
        _("Member States may object until"), null=True, blank=True
    )
    review_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the periodic task erased the registrants' personal data (counts are kept).
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="event_days_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                name="event_registration_window_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def registration_is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.is_published and self.registration_opens <= at < self.registration_closes

    def accreditation_is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            self.is_published
            and self.kind == self.Kind.IMRF
            and self.accreditation_deadline is not None
            and at < self.accreditation_deadline
        )

    @property
    def roundtable_note_due_on(self):
        return self.starts_on - ROUNDTABLE_NOTE_LEAD if self.kind == self.Kind.IMRF else None


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    roundtable = models.PositiveSmallIntegerField(
        _("round table"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["event", "position", "starts_at", "pk"]

    def __str__(self):
        return self.title


class BackgroundDocument(models.Model):
    class Kind(models.TextChoices):
        ROUNDTABLE_NOTE = "roundtable_note", _("Round-table background note")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        PROGRAMME = "programme", _("Programme")
        OTHER = "other", _("Other document")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    roundtable = models.PositiveSmallIntegerField(
        _("round table"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    title = models.CharField(_("title"), max_length=250)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to="events/%Y/", blank=True)
    url = models.URLField(_("address on the web"), blank=True)
    # Empty until the document is out: a due note without a date is late once its day passes.
    published_on = models.DateField(_("publication date"), null=True, blank=True)

    class Meta:
        verbose_name = _("background document")
        verbose_name_plural = _("background documents")
        ordering = ["event", "kind", "roundtable", "language", "pk"]

    def __str__(self):
        return self.title

    @property
    def due_on(self):
        if self.kind == self.Kind.ROUNDTABLE_NOTE:
            return self.event.roundtable_note_due_on
        return None

    def is_late(self, today=None) -> bool:
        due = self.due_on
        if due is None:
            return False
        if self.published_on is not None:
            return self.published_on > due
        return (today or timezone.localdate()) > due
