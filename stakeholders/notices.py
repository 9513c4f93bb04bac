"""E-mail to registrants, each delivered once and never lost to a broker outage.

Every `RegistrationLog` row that e-mails the person carries its delivery state, the state
machine of `reviews.outbox`. The change that writes the row marks it pending in the same
transaction and queues its task on commit (`stakeholders.trail.record`); beat's sweep
(`due_notices`) queues again what never reached a worker.

What the e-mail says: the actions of `stakeholders.registration` have templates
(`stakeholders/email/<action>_{subject,body}.txt`, `_body.html`); other modules register a
composer for their actions (`register_composer`: decisions write messages the secretariat can
edit). Links are made at delivery, from the registration's current secret, in the person's
language.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from reviews import outbox
from reviews.notifications import send_templated_email
from stakeholders import links
from stakeholders.models import RegistrationLog
from stakeholders.trail import SEND_NOTICE_TASK as SEND_TASK  # noqa: F401 (tasks name it)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = outbox.MAX_ATTEMPTS
TEMPLATE_DIR = "stakeholders/email"

# action -> fn(log) -> (subject, plain-text body)
_COMPOSERS: dict[str, Callable[[RegistrationLog], tuple[str, str]]] = {}


def register_composer(action: str, compose: Callable[[RegistrationLog], tuple[str, str]]):
    """Say what the e-mail of `action` says (for actions without templates here)."""
    _COMPOSERS[action] = compose


def message_context(entry: RegistrationLog) -> dict:
    registration = entry.registration
    return {
        "registration": registration,
        "event": registration.event,
        "entry": entry,
        "verify_url": links.absolute_link(registration, links.VERIFY),
        "manage_url": links.absolute_link(registration, links.MANAGE),
        "site_url": settings.SITE_URL,
        "retention_days": settings.REGISTRATION_RETENTION_DAYS,
    }


def has_template(action: str) -> bool:
    try:
        get_template(f"{TEMPLATE_DIR}/{action}_subject.txt")
    except TemplateDoesNotExist:
        return False
    return True


def _send(entry: RegistrationLog) -> None:
    registration = entry.registration
    if not registration.email:
        return  # erased since: nobody to write to
    compose = _COMPOSERS.get(entry.action)
    if compose is not None:
        subject, body = compose(entry)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email]).send()
        return
    send_templated_email(
        f"{TEMPLATE_DIR}/{entry.action}",
        message_context(entry),
        to=registration.email,
        language=registration.language,
    )


def deliver_notice(log_id: int) -> bool:
    """E-mail one pending log entry to its registrant; False when there was nothing to do
    (gone, not pending). A failure goes back to pending (failed at the cap) and is raised for
    the task's retry."""
    if not outbox.claim(RegistrationLog, log_id):
        log.info("registration log %s gone or not waiting to be sent", log_id)
        return False
    entry = RegistrationLog.objects.select_related("registration__event").get(pk=log_id)
    if entry.registration.erased_at is not None:
        # Erased (by the person or the retention task) before the message left: no address.
        outbox.drop(RegistrationLog, log_id, "personal data erased before sending")
        return False
    try:
        _send(entry)
    except Exception as error:
        outbox.record_failure(RegistrationLog, entry, f"{type(error).__name__}: {error}")
        raise
    outbox.mark_sent(RegistrationLog, log_id)
    return True


def due_notices() -> list[int]:
    """Entries to queue again: pending past the grace period, or claimed by a dead worker."""
    return outbox.due(RegistrationLog)
