"""The audit trail of a registration: one `RegistrationLog` row per change, and its e-mail.

`record` is called by the one door that changes a registration (`stakeholders.registration`
for the person's own steps, `stakeholders.decisions` for the secretariat's), inside the same
transaction as the change: the row and the change commit together or not at all. A row that
notifies the person is marked pending (the `reviews.outbox` state machine) in that transaction
and its delivery task is queued on commit; the task ("stakeholders.send_notice",
`stakeholders.notices`) composes the message in the person's language. A broker outage loses
nothing: beat's sweep queues again what is still pending.
"""

from django.utils.translation import gettext_lazy as _

from reviews import outbox
from reviews.queue import enqueue_on_commit
from stakeholders.models import RegistrationLog

# The Celery task that e-mails one log row (stakeholders.tasks), queued by name: see
# reviews.queue for why.
SEND_NOTICE_TASK = "stakeholders.send_notice"

# What the audit trail shows for each action code (an unknown code shows as itself). The
# person's own steps are `stakeholders.registration`'s, the secretariat's `stakeholders.decisions`'.
ACTION_LABELS = {
    "registered": _("Registered"),
    "verified": _("Address confirmed"),
    # Registration follows accreditation (issue 19): stakeholders.registration.
    "verified_awaiting": _("Address confirmed; waiting for the organization's accreditation"),
    "verified_not_accredited": _("Address confirmed; the organization is not accredited"),
    "organization_accredited": _("Organization accredited (back to waiting for a decision)"),
    "organization_not_accredited": _("Organization not accredited (not approved)"),
    "verification_resent": _("Confirmation link sent again"),
    "management_link": _("Management link sent"),
    "expired": _("Expired (address never confirmed)"),
    "edited": _("Edited by the person"),
    "cancelled": _("Cancelled by the person"),
    "erased": _("Personal data erased"),
    "approve": _("Approved"),
    "reject": _("Rejected"),
    "waitlist": _("Put on the waiting list"),
    "reset": _("Decision withdrawn (back to waiting)"),
    "promote": _("Approved from the waiting list"),
    "travel_grant": _("Travel support granted"),
    "travel_refuse": _("Travel support not granted"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def record(
    registration,
    action: str,
    *,
    by=None,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    notify: bool = False,
) -> RegistrationLog:
    """Write one audit row for `registration`; when `notify`, e-mail the person after commit.

    Call inside the transaction that makes the change. `by` is the acting user (None for the
    person themselves or the system).
    """
    entry = RegistrationLog.objects.create(
        registration=registration,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=by if by is not None and by.is_authenticated else None,
        reason=reason,
    )
    if notify:
        outbox.mark_pending(RegistrationLog, entry.pk)
        entry.notify_status = RegistrationLog.Notify.PENDING
        enqueue_on_commit(SEND_NOTICE_TASK, log_id=entry.pk)
    return entry
