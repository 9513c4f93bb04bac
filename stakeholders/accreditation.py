"""The one door for a special accreditation application's status (issue 19): apply, verify,
recommend / not recommend, the Member States' non-objection period (open, object, close) and
withdraw. `stakeholders.models.organizations` draws the state machine; nothing else assigns
`application.status`.

The door's API (the public form, the secretariat's and the focal points' pages call it):

- `apply(*, event, organization_fields, application_fields, objectives, roundtables,
  documents=(), language)` -> the application, UNVERIFIED; its organisation is found again by
  normalised name or website (`stakeholders.organizations.find_or_create_organization`: a
  known organisation keeps what it has, blanks are filled). Refused with a `ValidationError`
  (message for the person) for a non-IMRF event or after `event.accreditation_deadline`. A
  second application of one organisation to one event creates nothing: the existing one is
  returned with `is_duplicate = True`, and a log row e-mails its link (the management link,
  or the verification link while unconfirmed) to the organisation's address ON RECORD, never
  to the one just typed: the caller answers neutrally either way. Logs "applied" (e-mail with
  the verification link).
- `verify(application)` -> APPLIED ("verified": receipt, with the management link).
- `recommend(application, *, by, reason="", version)`, `not_recommend(…, reason, version)`:
  the secretariat, before the list goes to Member States; a reason is needed not to
  recommend (it is e-mailed); a decision taken on a page older than the application is
  refused (`StaleDecision`, naming the change).
- `open_review(event, *, by, closes_at)`: every RECOMMENDED application -> UNDER_REVIEW (each
  organisation is told), the event's `review_opened_at` / `review_closes_at` are set, and every
  Member State's focal point and authorizing official is e-mailed once, in their
  `preferred_language`, that the list is open until `closes_at`. Those e-mails are log rows
  too (the outbox needs a row per message): action "review_notice", `recipient` = the person,
  on the event's first recommended application. One row per person keeps each delivery its
  own state and retry; one row per event (with a list of addresses) would send all or
  nothing. Pages showing an application's history leave those rows out (`history`).
- `object(application, *, member_state, by, reason)`: a focal point (or authorizing official)
  of that State while the period is open; one objection per State (a second edits the
  reason); no status change, no log row (the log can be shown to the organisation: an
  objection never is); the secretariat sees `Objection` rows.
- `close_review(event, *, now=None)` (beat: "stakeholders.close_accreditation_reviews"): once
  `review_closes_at` has passed, UNDER_REVIEW without objection -> ACCREDITED, with one ->
  NOT_ACCREDITED, each e-mailed in the application's language; sets `review_closed_at`;
  idempotent. Then `stakeholders.registration.accreditation_settled(application)` moves on
  the registrations waiting on it.
- `withdraw(application, *, by=None)`: any status but accredited / not accredited / withdrawn
  -> WITHDRAWN (the organisation by its management link, or the secretariat); settled too.
- `is_accredited(organization, event)`, `accreditation_track(organization, event)` ->
  "ecosoc" | "gcm" | "special" | None.

Refusals other than `apply`'s are `stakeholders.decisions.DecisionRefused` (its subclass
`StaleDecision` for an old page), with the message to show. Each door locks the event row,
then the application's (the order `stakeholders.decisions` keeps), returns early when there is
nothing to do, bumps `version`, saves with `update_fields`, writes an `AccreditationLog` row
and, when someone is e-mailed, marks it pending and queues its task on commit
(`stakeholders.accreditation_notices`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reviews import outbox
from reviews.models import FocalPointMembership
from reviews.queue import enqueue_on_commit
from stakeholders import registration
from stakeholders.accreditation_notices import SEND_TASK
from stakeholders.accreditation_queries import (  # noqa: F401 (the door's API)
    accreditation_track,
    can_object,
    events_to_close,
    history,
    is_accredited,
    review_is_open,
)
from stakeholders.decisions import DecisionRefused, StaleDecision
from stakeholders.models import (
    AccreditationApplication,
    AccreditationLog,
    Event,
    Objection,
    SupportingDocument,
)
from stakeholders.organizations import find_or_create_organization

Status = AccreditationApplication.Status
SETTLED = frozenset({Status.ACCREDITED, Status.NOT_ACCREDITED, Status.WITHDRAWN})
APPLICATION_FIELDS = ("purpose", "relevance")
ROUNDTABLES = (1, 2, 3, 4)


@dataclass
class ClosedReview:
    accredited: int = 0
    not_accredited: int = 0


# --- the audit trail ---------------------------------------------------------------------------


def _log(application, action, *, by=None, reason="", from_status="", to_status="",
         notify=True, recipient=None) -> AccreditationLog:  # fmt: skip
    """One audit row; when `notify`, its e-mail is queued on commit. Call inside the change's
    transaction."""
    entry = AccreditationLog.objects.create(
        application=application,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=by if by is not None and by.is_authenticated else None,
        reason=reason,
        recipient=recipient,
    )
    if notify:
        outbox.mark_pending(AccreditationLog, entry.pk)
        entry.notify_status = outbox.PENDING
        enqueue_on_commit(SEND_TASK, log_id=entry.pk)
    return entry


def _move(application, to_status, action, *, by=None, why="", notify=True, **fields):
    """Save the new status (the only assignment of it) and log the step."""
    from_status = application.status
    application.status = to_status
    application.version += 1
    for name, value in fields.items():
        setattr(application, name, value)
    application.save(update_fields=["status", "version", *fields])
    return _log(application, action, by=by, reason=why, from_status=from_status,
                to_status=to_status, notify=notify)  # fmt: skip


def _lock(application) -> tuple[Event, AccreditationApplication]:
    event = Event.objects.select_for_update().get(pk=application.event_id)
    locked = (
        AccreditationApplication.objects.select_for_update(of=("self",))
        .select_related("organization", "event")
        .get(pk=application.pk)
    )
    return event, locked


def _check_version(application, version):
    if version is None or str(version) == str(application.version):
        return
    last = history(application).order_by("-created_at", "-pk").first()
    who = (last.actor.get_full_name() or last.actor.email) if last and last.actor else None
    raise StaleDecision(
        _(
            "This application changed since you opened it (%(when)s, %(who)s): it is now "
            "“%(status)s”. Nothing was changed: look again and decide."
        )
        % {
            "when": date_format(timezone.localtime(last.created_at), "DATETIME_FORMAT")
            if last
            else "",
            "who": who or _("the organisation or the portal"),
            "status": application.get_status_display(),
        }
    )


def _settled(application) -> None:
    # stakeholders.registration.accreditation_settled moves the registrations waiting on this
    # application (issue 19 item 4).
    registration.accreditation_settled(application)


# --- the organisation's steps ------------------------------------------------------------------


def _check_open(event, now):
    if event.kind != Event.Kind.IMRF:
        raise ValidationError(_("Special accreditation is only for an IMRF."), code="not_imrf")
    if not event.accreditation_is_open(now):
        if event.accreditation_deadline and now >= event.accreditation_deadline:
            raise ValidationError(
                _("Applications for special accreditation closed on %(date)s.")
                % {"date": date_format(timezone.localtime(event.accreditation_deadline))},
                code="closed",
            )
        raise ValidationError(
            _("Applications for special accreditation are not open for this event."),
            code="closed",
        )


def apply(*, event, organization_fields: dict, application_fields: dict, objectives,
          roundtables, documents=(), language: str) -> AccreditationApplication:  # fmt: skip
    """Record an organisation's application (see the module's docstring). `documents`: files
    (their name is the title) or (title, file) pairs."""
    _check_open(event, timezone.now())
    unknown = set(application_fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValueError(f"not fields of an application: {sorted(unknown)}")
    roundtables = sorted({int(n) for n in roundtables})
    if any(n not in ROUNDTABLES for n in roundtables):
        raise ValidationError(_("Choose round tables among the four."), code="roundtable")
    with transaction.atomic():
        organization, _created = find_or_create_organization(organization_fields)
        existing = AccreditationApplication.objects.filter(
            event=event, organization=organization
        ).first()
        if existing is None:
            try:
                with transaction.atomic():  # a concurrent twin fails on the constraint here
                    application = AccreditationApplication.objects.create(
                        organization=organization,
                        event=event,
                        language=language,
                        roundtables=roundtables,
                        **application_fields,
                    )
            except IntegrityError:
                existing = AccreditationApplication.objects.get(
                    event=event, organization=organization
                )
        if existing is not None:
            action = "link_resent" if existing.status != Status.UNVERIFIED else "verify_resent"
            _log(existing, action)
            existing.is_duplicate = True
            return existing
        application.objectives.set(objectives)
        for document in documents:
            title, file = document if isinstance(document, tuple) else (document.name, document)
            SupportingDocument.objects.create(
                application=application, title=str(title)[:250], file=file
            )
        _log(application, "applied", to_status=Status.UNVERIFIED)
        application.is_duplicate = False
        return application


def verify(application) -> AccreditationApplication:
    """UNVERIFIED -> APPLIED (the organisation followed its link); nothing when done already."""
    with transaction.atomic():
        _event, application = _lock(application)
        if application.status != Status.UNVERIFIED:
            return application
        _move(application, Status.APPLIED, "verified", verified_at=timezone.now())
        return application


def withdraw(application, *, by=None) -> AccreditationApplication:
    """Any unsettled status -> WITHDRAWN; a settled application is left as it is."""
    with transaction.atomic():
        _event, application = _lock(application)
        if application.status in SETTLED:
            return application
        _move(application, Status.WITHDRAWN, "withdrawn", by=by, decided_at=timezone.now())
        _settled(application)
        return application


# --- the secretariat's decision ----------------------------------------------------------------


def _decide(application, to_status, action, *, by, reason, version, sources):
    with transaction.atomic():
        event, application = _lock(application)
        _check_version(application, version)
        if application.status == to_status:
            return application
        if event.review_opened_at is not None:
            raise DecisionRefused(
                _("The recommended list went to Member States on %(date)s: it is final.")
                % {"date": date_format(timezone.localtime(event.review_opened_at))}
            )
        if application.status not in sources:
            raise DecisionRefused(
                _("An application that is “%(status)s” cannot be decided on.")
                % {"status": application.get_status_display()}
            )
        # Not recommending is an outcome the organisation learns (with the reason); a
        # recommendation is told when Member States' review opens.
        _move(application, to_status, action, by=by, why=reason,
              notify=to_status == Status.NOT_RECOMMENDED, reason=reason,
              decided_at=timezone.now())  # fmt: skip
        return application


def recommend(application, *, by, reason="", version) -> AccreditationApplication:
    return _decide(application, Status.RECOMMENDED, "recommend", by=by,
                   reason=(reason or "").strip(), version=version,
                   sources={Status.APPLIED, Status.NOT_RECOMMENDED})  # fmt: skip


def not_recommend(application, *, by, reason, version) -> AccreditationApplication:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionRefused(_("Give the reason for not recommending it."), code="reason")
    return _decide(application, Status.NOT_RECOMMENDED, "not_recommend", by=by, reason=reason,
                   version=version, sources={Status.APPLIED, Status.RECOMMENDED})  # fmt: skip


# --- Member States' non-objection period -------------------------------------------------------


def open_review(event, *, by, closes_at) -> int:
    """Send the recommended list to Member States until `closes_at` (see the module's
    docstring); the number of applications now under review."""
    now = timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.kind != Event.Kind.IMRF:
            raise DecisionRefused(_("Special accreditation is only for an IMRF."))
        if event.review_opened_at is not None:
            raise DecisionRefused(
                _("The recommended list was sent to Member States on %(date)s.")
                % {"date": date_format(timezone.localtime(event.review_opened_at))}
            )
        if closes_at is None or closes_at <= now:
            raise DecisionRefused(_("The closing date must be in the future."), code="closes_at")
        applications = list(
            AccreditationApplication.objects.select_for_update()
            .filter(event=event, status=Status.RECOMMENDED)
            .order_by("pk")
        )
        if not applications:
            raise DecisionRefused(_("No application is recommended: there is no list to send."))
        for application in applications:
            _move(application, Status.UNDER_REVIEW, "review_opened", by=by)
        # Not recommending is final from now on: people waiting on those organisations learn
        # that they cannot take part (their registrations stop waiting).
        for refused in AccreditationApplication.objects.filter(
            event=event, status=Status.NOT_RECOMMENDED
        ):
            _settled(refused)
        event.review_opened_at, event.review_closes_at = now, closes_at
        event.save(update_fields=["review_opened_at", "review_closes_at"])
        people = (
            FocalPointMembership.objects.filter(user__is_active=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()
        )
        for user_id in people:
            entry = _log(applications[0], "review_notice", by=by, notify=False)
            AccreditationLog.objects.filter(pk=entry.pk).update(recipient_id=user_id)
            outbox.mark_pending(AccreditationLog, entry.pk)
            enqueue_on_commit(SEND_TASK, log_id=entry.pk)
        return len(applications)


def object(application, *, member_state, by, reason) -> tuple[Objection, bool]:
    """A State's objection while the period is open; (objection, created). A second objection
    of the same State edits the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionRefused(_("Give the reason for the objection."), code="reason")
    if not can_object(by, member_state):
        raise DecisionRefused(_("You are not allowed to do this."), code="forbidden")
    with transaction.atomic():
        event, application = _lock(application)
        if not review_is_open(event) or application.status != Status.UNDER_REVIEW:
            raise DecisionRefused(_("Member States' review of this list is closed."))
        return Objection.objects.update_or_create(
            application=application,
            member_state=member_state,
            defaults={"reason": reason, "by": by},
        )


def close_review(event, *, now=None) -> ClosedReview:
    """Settle every application under review once the period has passed (idempotent)."""
    now = now or timezone.now()
    closed = ClosedReview()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.review_opened_at is None or event.review_closed_at is not None:
            return closed
        if event.review_closes_at is None or now < event.review_closes_at:
            return closed
        applications = (
            AccreditationApplication.objects.select_for_update(of=("self",))
            .select_related("organization", "event")
            .filter(event=event, status=Status.UNDER_REVIEW)
            .annotate(objected=Exists(Objection.objects.filter(application=OuterRef("pk"))))
            .order_by("pk")
        )
        for application in applications:
            if application.objected:
                _move(application, Status.NOT_ACCREDITED, "not_accredited", decided_at=now)
                closed.not_accredited += 1
            else:
                _move(application, Status.ACCREDITED, "accredited", decided_at=now)
                closed.accredited += 1
            _settled(application)
        event.review_closed_at = now
        event.save(update_fields=["review_closed_at"])
    return closed
