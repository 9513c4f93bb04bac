"""Periodic erasure of registrants' personal data after their event (issue 13, item 8).

`erase_personal_data` runs daily (Celery beat: "stakeholders.erase_personal_data"). For every
event whose last day is more than settings.REGISTRATION_RETENTION_DAYS days ago, each
registration not yet erased loses what identifies the person (the fields
`stakeholders.registration.ERASED_FIELDS` lists, the same as the person's own "erase my data",
and its consent to the public list, since no name is left to show), gets `erased_at` and a new
`secret` (every signed link sent so far stops working), and the reasons written in its audit
trail are blanked (they may name the person). What the balance dashboard counts stays:
status, category, level, countries, gender, age group, participation, travel support.

Recorded once per event, not per registration: `Event.personal_data_erased_at` is set the
first time, and one log line ("stakeholders.retention") gives the event and the count.
Idempotent: a second run finds nothing left to erase and changes nothing. Each event is erased
in its own transaction with its rows locked, so a run that stops half-way leaves every event
either erased or untouched, and a concurrent run waits rather than erasing twice.

This is not a status change (the status is kept for the counts), which is why it lives here and
not in `stakeholders.registration`; it writes no `RegistrationLog` row per registration.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stakeholders.models import Event, Registration, RegistrationLog
from stakeholders.models.registrations import _new_secret
from stakeholders.registration import ERASED_FIELDS

log = logging.getLogger(__name__)

# Rows written per UPDATE statement: each row needs its own new secret, so this is a
# bulk_update rather than one UPDATE for the event.
BATCH = 500


@dataclass
class ErasureReport:
    events: list[str] = field(default_factory=list)
    registrations: int = 0


def retention_cutoff(today=None):
    """Events whose last day is before this day are erased."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)


def erase_personal_data(today=None) -> ErasureReport:
    """Erase the personal data of registrations of every event that ended more than the
    retention period ago (see the module docstring); returns what was erased."""
    report = ErasureReport()
    cutoff = retention_cutoff(today)
    # Events with a registration still to erase (after the first run: none, unless a row was
    # added or restored since).
    due = list(
        Event.objects.filter(
            ends_on__lt=cutoff,
            pk__in=Registration.objects.filter(erased_at__isnull=True).values("event_id"),
        ).values_list("pk", "slug")
    )
    for event_id, slug in due:
        erased = _erase_event(event_id)
        if erased:
            report.events.append(slug)
            report.registrations += erased
    # An ended event with nothing to erase (no registrations, or all erased by the people
    # themselves) is marked too, so the secretariat sees it was handled.
    Event.objects.filter(ends_on__lt=cutoff, personal_data_erased_at__isnull=True).update(
        personal_data_erased_at=timezone.now()
    )
    return report


def _erase_event(event_id) -> int:
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        rows = list(
            Registration.objects.select_for_update()
            .filter(event=event, erased_at__isnull=True)
            .order_by("pk")
        )
        if not rows:
            return 0
        for registration in rows:
            for name, value in ERASED_FIELDS.items():
                setattr(registration, name, value)
            registration.consent_public_list = False
            registration.erased_at = now
            registration.secret = _new_secret()
            registration.version += 1
        fields = [*ERASED_FIELDS, "consent_public_list", "erased_at", "secret", "version"]
        Registration.objects.bulk_update(rows, fields, batch_size=BATCH)
        RegistrationLog.objects.filter(registration__in=[r.pk for r in rows]).exclude(
            reason=""
        ).update(reason="")
        if event.personal_data_erased_at is None:
            event.personal_data_erased_at = now
            event.save(update_fields=["personal_data_erased_at"])
    log.info(
        "Erased the personal data of %d registrations of event %s (ended %s).",
        len(rows),
        event.slug,
        event.ends_on,
    )
    return len(rows)
