"""Who may do what with regional documents: one predicate per question."""

from regional.models import RegionalReporterMembership


def reports_for(user, *, commission_id=None, process_id=None) -> bool:
    """Holds a reporter membership of the body (a commission or a process)."""
    if not user.is_authenticated or not user.is_active or not (commission_id or process_id):
        return False
    memberships = RegionalReporterMembership.objects.filter(user=user)
    if commission_id:
        return memberships.filter(commission_id=commission_id).exists()
    return memberships.filter(process_id=process_id).exists()


def has_regional_work(user) -> bool:
    """Reports for a body, or is an invited author of an input: their workspace lists it."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        RegionalReporterMembership.objects.filter(user=user).exists()
        or user.regional_inputs.exists()
    )


def is_report_author(user, report) -> bool:
    meeting = report.meeting
    return reports_for(user, commission_id=meeting.commission_id, process_id=meeting.process_id)


def is_input_author(user, regional_input) -> bool:
    """The input's invited authors, the reporters of its process, and the reporters of the
    commission whose regional review it feeds (they invite and follow the region's inputs)."""
    if not user.is_authenticated:
        return False
    if regional_input.authors.filter(pk=user.pk).exists():
        return True
    if regional_input.process_id and reports_for(user, process_id=regional_input.process_id):
        return True
    return reports_for(user, commission_id=regional_input.commission_id)
