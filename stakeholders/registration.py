"""The one door for a registrant's own changes: register, verify, expire, edit, cancel, erase.

(The secretariat's decisions are `stakeholders.decisions`; nothing else changes a status.)

Each function locks the row (`select_for_update`), returns early when there is nothing to do,
bumps `version` (a decision taken on a page older than the change is then refused), writes a
`RegistrationLog` entry and, when the person is e-mailed, marks that entry pending and queues
its e-mail on commit (`stakeholders.notices`). Callers wrap nothing: each opens its own
transaction.

Registering is double opt-in and neutral: whatever the address's history (new, already
registered, rejected, racing with itself), the caller shows the same page; only the e-mail to
that address differs (a verification link for a new registration, the management link for a
known one). One registration per event and address (`email_key`, a unique constraint): a
concurrent insert of the same address fails on the constraint inside a savepoint and is then
answered as the duplicate it is. An address whose registration expired unconfirmed may
register again: the row is reused with a new secret, which revokes its old links.

Registration follows accreditation (issue 19, `stakeholders.admission`): for an IMRF that runs
special accreditation, confirming the address leads to pending when the registration's
organisation can take part, to awaiting_accreditation while its application is considered,
and to rejected otherwise; `accreditation_settled` moves on the registrations waiting on an
application once it is decided (`stakeholders.accreditation` calls it).
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from reviews.development import is_priority_country
from stakeholders import admission
from stakeholders.decisions import promote_waitlisted
from stakeholders.models import AccreditationApplication, Event, Registration, normalize_email
from stakeholders.models.registrations import _new_secret
from stakeholders.trail import record

log = logging.getLogger(__name__)
Status = Registration.Status
Travel = Registration.Travel

# Unconfirmed registrations expire this long after they were made.
VERIFY_WITHIN = timedelta(hours=72)
# The person may still change what they wrote until a decision is taken.
EDITABLE = {Status.UNVERIFIED, Status.AWAITING_ACCREDITATION, Status.PENDING, Status.WAITLISTED}
CANCELLABLE = {*EDITABLE, Status.APPROVED}
# What the person writes and may edit (the address is fixed: it is the registration's key).
# The organisation's record is set at registration only (the edit form leaves it out).
PERSON_FIELDS = (
    "full_name",
    "organization",
    "organization_record",
    "organization_website",
    "category",
    "category_other",
    "level",
    "residence",
    "nationality",
    "gender",
    "age_group",
    "participation",
    "accessibility_needs",
    "language",
    "travel_justification",
    "consent_public_list",
)
# Blanked by erasure; what the dashboard counts (category, level, countries, gender, age
# group, travel, status) stays.
ERASED_FIELDS = {
    "full_name": "",
    "email": "",
    "email_key": "",
    "organization": "",
    "organization_website": "",
    "category_other": "",
    "accessibility_needs": "",
    "travel_justification": "",
    "decision_reason": "",
}

CREATED, RENEWED, DUPLICATE = "created", "renewed", "duplicate"


def _write_log(registration, action, *, from_status="", to_status="", notify=True):
    return record(
        registration,
        action,
        from_status=from_status,
        to_status=to_status or registration.status,
        notify=notify,
    )


def _apply(registration: Registration, fields: dict, travel_requested: bool) -> None:
    for name in PERSON_FIELDS:
        if name in fields:
            setattr(registration, name, fields[name])
    if registration.category.key != "other":
        registration.category_other = ""
    # A decided request stays decided; the person may add or withdraw an undecided one.
    if registration.travel in (Travel.NONE, Travel.REQUESTED):
        registration.travel = Travel.REQUESTED if travel_requested else Travel.NONE
        if not travel_requested:
            registration.travel_justification = ""
    registration.travel_priority = is_priority_country(
        registration.residence, registration.event.starts_on
    )


def _locked(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)


def register(event, *, email: str, fields: dict, travel_requested: bool, now=None) -> str:
    """Register `email` for `event`: CREATED, RENEWED (an expired one made new) or DUPLICATE.

    Created or renewed: status unverified, the verification link e-mailed ("registered").
    Duplicate (any other registration of that address, rejected ones included): nothing
    changes; the management link is e-mailed ("management_link"). The caller answers the
    same in every case.
    """
    now = now or timezone.now()
    key = normalize_email(email)
    with transaction.atomic():
        existing = (
            Registration.objects.select_for_update()
            .select_related("event")
            .filter(event=event, email_key=key)
            .first()
        )
        if existing is not None and existing.status == Status.EXPIRED:
            return _renew(existing, email=email, fields=fields, travel_requested=travel_requested)
        if existing is not None:
            _write_log(existing, "management_link")
            return DUPLICATE
        registration = Registration(event=event, email=email, consented_privacy_at=now)
        _apply(registration, fields, travel_requested)
        try:
            # A savepoint: the racing twin's insert fails on the unique constraint here, and
            # the transaction goes on to answer it as a duplicate.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            existing = (
                Registration.objects.select_for_update().filter(event=event, email_key=key).first()
            )
            if existing is None:
                raise  # another constraint: not ours to hide
            _write_log(existing, "management_link")
            return DUPLICATE
        _write_log(registration, "registered", to_status=Status.UNVERIFIED)
        return CREATED


def _renew(registration, *, email, fields, travel_requested) -> str:
    now = timezone.now()
    registration.email = email
    _apply(registration, fields, travel_requested)
    registration.status = Status.UNVERIFIED
    registration.secret = _new_secret()
    registration.created_at = now
    registration.consented_privacy_at = now
    registration.verified_at = None
    registration.version += 1
    registration.save()
    _write_log(registration, "registered", from_status=Status.EXPIRED)
    return RENEWED


def verification_is_late(registration: Registration, now=None) -> bool:
    return registration.created_at <= (now or timezone.now()) - VERIFY_WITHIN


def verify(registration: Registration) -> str:
    """Confirm the address: unverified -> pending, `verified_at` set, "verified" e-mailed
    (with the management link). Returns "verified", "already" (confirmed before) or "expired"
    (too late: the registration is expired now if it was not yet)."""
    with transaction.atomic():
        registration = _locked(registration)
        if registration.status == Status.EXPIRED:
            return "expired"
        if registration.status != Status.UNVERIFIED:
            return "already"
        if verification_is_late(registration):
            _expire(registration)
            return "expired"
        registration.verified_at = timezone.now()
        standing = _standing(registration)
        if standing == REFUSED_ACCREDITATION:
            _refuse_for_accreditation(registration, "verified_not_accredited")
            return "verified"
        awaiting = standing == AWAITING_ACCREDITATION
        registration.status = Status.AWAITING_ACCREDITATION if awaiting else Status.PENDING
        registration.version += 1
        registration.save(update_fields=["status", "verified_at", "version"])
        action = "verified_awaiting" if awaiting else "verified"
        _write_log(registration, action, from_status=Status.UNVERIFIED)
        return "verified"


# --- registration follows accreditation (issue 19) -----------------------------------------

AppStatus = AccreditationApplication.Status
AWAITING_ACCREDITATION, REFUSED_ACCREDITATION = "awaiting", "refused"
NOT_ACCREDITED_REASON = _("Your organisation was not accredited for this forum.")
# An application's outcomes for the registrations waiting on it.
LETS_IN = frozenset({AppStatus.ACCREDITED})
SHUTS_OUT = frozenset({AppStatus.NOT_ACCREDITED, AppStatus.NOT_RECOMMENDED, AppStatus.WITHDRAWN})


def _standing(registration: Registration) -> str:
    """What confirming the address leads to: "accredited" (or no accreditation asked),
    AWAITING_ACCREDITATION or REFUSED_ACCREDITATION (stakeholders.admission.standing)."""
    organization = registration.organization_record
    if organization is None or not admission.follows_accreditation(registration.event):
        return "accredited"
    return admission.standing(organization, registration.event)


def _refuse_for_accreditation(registration: Registration, action: str) -> None:
    """-> rejected with the reason in the person's language, logged and e-mailed."""
    previous = registration.status
    with translation.override(registration.language):
        registration.decision_reason = str(NOT_ACCREDITED_REASON)
    registration.status = Status.REJECTED
    registration.decided_at = timezone.now()
    registration.version += 1
    registration.save(
        update_fields=["status", "verified_at", "decided_at", "decision_reason", "version"]
    )
    record(registration, action, from_status=previous, to_status=Status.REJECTED,
           reason=registration.decision_reason, notify=True)  # fmt: skip


def accreditation_settled(application) -> int:
    """Move on the registrations waiting on `application` now that it is decided; returns how
    many moved.

    Those of its event that are awaiting_accreditation and name its organisation: to pending
    ("organization_accredited": the secretariat decides as for anyone) when it is accredited,
    to rejected with the reason "Your organisation was not accredited for this forum"
    ("organization_not_accredited") when it is not accredited, not recommended or withdrawn;
    each logged and e-mailed in the person's language. Nothing for an application still being
    considered. Runs in the caller's transaction when there is one (the accreditation's door).
    """
    if application.status not in LETS_IN | SHUTS_OUT:
        return 0
    with transaction.atomic():
        waiting = (
            Registration.objects.select_for_update()
            .select_related("event")
            .filter(
                event_id=application.event_id,
                organization_record_id=application.organization_id,
                status=Status.AWAITING_ACCREDITATION,
            )
            .order_by("pk")
        )
        moved = 0
        for registration in waiting:
            if application.status in LETS_IN:
                registration.status = Status.PENDING
                registration.version += 1
                registration.save(update_fields=["status", "version"])
                _write_log(
                    registration,
                    "organization_accredited",
                    from_status=Status.AWAITING_ACCREDITATION,
                )
            else:
                _refuse_for_accreditation(registration, "organization_not_accredited")
            moved += 1
    if moved:
        log.info("%s registrations moved on by application %s", moved, application.pk)
    return moved


def _expire(registration: Registration) -> None:
    registration.status = Status.EXPIRED
    registration.version += 1
    registration.save(update_fields=["status", "version"])
    _write_log(registration, "expired", from_status=Status.UNVERIFIED, notify=False)


def expire_unverified(now=None) -> int:
    """Expire every registration left unconfirmed past 72 hours; returns how many."""
    cutoff = (now or timezone.now()) - VERIFY_WITHIN
    expired = 0
    with transaction.atomic():
        late = (
            Registration.objects.select_for_update(skip_locked=True)
            .filter(status=Status.UNVERIFIED, created_at__lte=cutoff)
            .order_by("pk")
        )
        for registration in late:
            _expire(registration)
            expired += 1
    if expired:
        log.info("%s unconfirmed registrations expired", expired)
    return expired


def resend(event, email: str) -> str:
    """Send again what the address needs: a new verification link while unconfirmed, the
    management link once confirmed; nothing for an unknown or expired address. Returns what
    was sent ("verification", "management" or "") for tests; callers answer the same."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("event")
            .filter(event=event, email_key=normalize_email(email))
            .first()
        )
        if registration is None or registration.status == Status.EXPIRED:
            return ""
        if registration.status == Status.UNVERIFIED:
            if verification_is_late(registration):
                _expire(registration)
                return ""
            _write_log(registration, "verification_resent")
            return "verification"
        _write_log(registration, "management_link")
        return "management"


def edit(registration: Registration, *, fields: dict, travel_requested: bool) -> bool:
    """Change what the person wrote, while undecided; False once decided (read-only)."""
    with transaction.atomic():
        registration = _locked(registration)
        if registration.status not in EDITABLE or registration.erased_at is not None:
            return False
        _apply(registration, fields, travel_requested)
        registration.version += 1
        registration.save()
        _write_log(registration, "edited")
        return True


def cancel(registration: Registration) -> bool:
    """The person withdraws: -> cancelled, e-mailed. A place it held goes to the waiting list
    in the same transaction (`decisions.promote_waitlisted`). False when there is nothing to
    cancel."""
    with transaction.atomic():
        # The event's row first, then the registration's: the order every door keeps
        # (stakeholders.decisions), so a cancellation and an approval never wait on each other.
        Event.objects.select_for_update().get(pk=registration.event_id)
        registration = _locked(registration)
        if registration.status not in CANCELLABLE:
            return False
        previous = registration.status
        registration.status = Status.CANCELLED
        registration.version += 1
        registration.save(update_fields=["status", "version"])
        _write_log(registration, "cancelled", from_status=previous)
        if previous == Status.APPROVED:
            promote_waitlisted(registration.event)
        return True


def erase(registration: Registration) -> bool:
    """Erase the person's data now: personal fields blanked, secret rotated (every link
    revoked), "erased" logged (no e-mail: the address is gone). The counted dimensions stay."""
    with transaction.atomic():
        registration = _locked(registration)
        if registration.erased_at is not None:
            return False
        for name, value in ERASED_FIELDS.items():
            setattr(registration, name, value)
        registration.erased_at = timezone.now()
        registration.secret = _new_secret()
        registration.version += 1
        registration.save()
        _write_log(registration, "erased", notify=False)
        return True
