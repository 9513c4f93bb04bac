"""Starting regional documents, and finding the ones a reporter works on.

`start_report` and `start_regional_input` are the doors that create a regional draft; they check
who may start it and return the existing draft when a colleague started it a moment earlier
(one document per kind, cycle and body: the `Document` unique constraint). Saving parts,
submitting and the rest are the shared machinery's (`reviews.editing`, `reviews.workflow`).
"""

from django.db import IntegrityError, transaction

from regional.models import RegionalInput, RegionalMeeting, RegionalReviewReport
from regional.permissions import reports_for
from reviews.editing import EditRefused, record_revision
from reviews.models import RegionalCommission, ReviewCycle, ReviewRevision
from reviews.permissions import is_secretariat


def meeting_of(cycle: ReviewCycle, body: str) -> RegionalMeeting | None:
    """The body's regional review meeting of the cycle (the latest, should there be two);
    `body`: a commission's code or a process's identifier."""
    meetings = RegionalMeeting.objects.select_related("commission", "process", "cycle")
    meetings = meetings.filter(cycle=cycle).order_by("-ends_on", "-pk")
    return (
        meetings.filter(commission__code=body).first()
        or meetings.filter(process__slug=body).first()
    )


def can_start_report(user, meeting: RegionalMeeting | None) -> bool:
    """A reporter of the meeting's body, once the meeting exists and its regional cycle is open."""
    if meeting is None or not meeting.cycle.is_open:
        return False
    if meeting.cycle.kind != ReviewCycle.Kind.REGIONAL:
        return False
    return reports_for(user, commission_id=meeting.commission_id, process_id=meeting.process_id)


def start_report(meeting: RegionalMeeting, *, by) -> RegionalReviewReport:
    """The body's report for the meeting's cycle: created blank (language: the starter's), or
    the one that exists. `EditRefused` for anyone `can_start_report` refuses."""
    if not can_start_report(by, meeting):
        raise EditRefused("not allowed to start a regional report for this body and cycle")
    existing = _existing_report(meeting)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = RegionalReviewReport(meeting=meeting, language=by.preferred_language)
            report.save()
            record_revision(report, by=by, kind=ReviewRevision.Kind.SYSTEM)
    except IntegrityError:  # a colleague started it in the same moment
        return _existing_report(meeting)
    return report


def _existing_report(meeting):
    return RegionalReviewReport.objects.filter(
        cycle_id=meeting.cycle_id, authored_by=meeting.body_key
    ).first()


def can_start_input(user, *, cycle: ReviewCycle, process=None) -> bool:
    """A reporter of the process starts its inputs, for an open regional cycle."""
    if not cycle.is_open or cycle.kind != ReviewCycle.Kind.REGIONAL or process is None:
        return False
    return reports_for(user, process_id=process.pk)


def start_regional_input(
    *,
    commission: RegionalCommission,
    cycle: ReviewCycle,
    by,
    process=None,
    organization: str = "",
    authors=(),
) -> RegionalInput:
    """The Annex 3 input of a process (or a stakeholder organization) to `commission`'s
    regional review of `cycle`: created blank, or the one that exists (its `authors` added).

    Who may: a reporter of `process`; for an organization's input (no process), the code that
    accepts an invitation passes the invited person as `by` and among `authors`, and the
    secretariat or the commission's reporters may start it for the people they invite.
    `EditRefused` for anyone else, or outside an open regional cycle.
    """
    if process is not None:
        allowed = can_start_input(by, cycle=cycle, process=process)
    else:
        allowed = (
            bool(organization.strip())
            and cycle.is_open
            and cycle.kind == ReviewCycle.Kind.REGIONAL
            and (
                is_secretariat(by)
                or reports_for(by, commission_id=commission.pk)
                or any(getattr(a, "pk", None) == by.pk for a in authors)
            )
        )
    if not allowed:
        raise EditRefused("not allowed to start this regional input")
    regional_input = RegionalInput(
        commission=commission,
        cycle=cycle,
        process=process,
        organization="" if process is not None else organization.strip(),
        language=by.preferred_language,
    )
    existing = RegionalInput.objects.filter(
        cycle=cycle, authored_by=_input_key(commission, process, regional_input.organization)
    ).first()
    if existing is None:
        try:
            with transaction.atomic():
                regional_input.save()
                record_revision(regional_input, by=by, kind=ReviewRevision.Kind.SYSTEM)
            existing = regional_input
        except IntegrityError:
            existing = RegionalInput.objects.get(
                cycle=cycle,
                authored_by=_input_key(commission, process, regional_input.organization),
            )
    if authors:
        existing.authors.add(*authors)
    return existing


def _input_key(commission, process, organization: str) -> str:
    # As RegionalInput.save() writes it.
    return f"{commission.code}:" + (process.slug if process else f"org-{organization[:40]}")
