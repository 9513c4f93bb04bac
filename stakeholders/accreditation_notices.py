"""E-mail of special accreditation, each delivered once and never lost to a broker outage.

Every `AccreditationLog` row that e-mails someone carries its delivery state (the state
machine of `reviews.outbox`): the door (`stakeholders.accreditation`) marks it pending in the
change's transaction and queues "stakeholders.send_accreditation_notice" on commit; beat's
sweep ("stakeholders.sweep_accreditation_notices", `due_notices`) queues again what never
reached a worker.

A row is written to the organisation (its address on record, in the application's language)
unless it names a `recipient`: a Member State's focal point told that the recommended list is
open, in their preferred language. What it says:
`stakeholders/email/accreditation/<action>_{subject,body}.txt`; links are made at delivery.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reviews import outbox
from stakeholders import links
from stakeholders.models import AccreditationApplication, AccreditationLog

log = logging.getLogger(__name__)

SEND_TASK = "stakeholders.send_accreditation_notice"  # queued by name (reviews.queue)
MAX_ATTEMPTS = outbox.MAX_ATTEMPTS
TEMPLATE_DIR = "stakeholders/email/accreditation"


def recipient_of(entry: AccreditationLog) -> tuple[str, str]:
    """(address, language) the row's e-mail goes to ("" when there is no address)."""
    if entry.recipient_id:
        return entry.recipient.email, entry.recipient.preferred_language
    application = entry.application
    return application.organization.email, application.language


def message_context(entry: AccreditationLog, language: str) -> dict:
    application = entry.application
    context = {
        "entry": entry,
        "application": application,
        "organization": application.organization,
        "event": application.event,
        "site_url": settings.SITE_URL,
    }
    if entry.recipient_id:
        with translation.override(language):
            path = reverse("stakeholders:accreditation_focal_points", args=[application.event.slug])
        context["review_url"] = settings.SITE_URL + path
    elif application.status == AccreditationApplication.Status.UNVERIFIED:
        context["verify_url"] = links.application_link(application, links.APPLICATION_VERIFY)
    else:
        context["manage_url"] = links.application_link(application, links.APPLICATION_MANAGE)
    return context


def compose(entry: AccreditationLog) -> tuple[str, str, str, str]:
    """(subject, body, address, language) of the row's e-mail."""
    address, language = recipient_of(entry)
    context = message_context(entry, language)
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATE_DIR}/{entry.action}_subject.txt", context)
        body = render_to_string(f"{TEMPLATE_DIR}/{entry.action}_body.txt", context)
    return " ".join(subject.split()), body, address, language


def deliver_notice(log_id: int) -> bool:
    """E-mail one pending row; False when there was nothing to do (gone, not pending, no
    address). A failure goes back to pending (failed at the cap) and is raised for the retry."""
    if not outbox.claim(AccreditationLog, log_id):
        log.info("accreditation log %s gone or not waiting to be sent", log_id)
        return False
    entry = AccreditationLog.objects.select_related(
        "application__organization", "application__event", "recipient"
    ).get(pk=log_id)
    try:
        subject, body, address, _language = compose(entry)
        if not address:
            outbox.drop(AccreditationLog, log_id, "no e-mail address to write to")
            return False
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]).send()
    except Exception as error:
        outbox.record_failure(AccreditationLog, entry, f"{type(error).__name__}: {error}")
        raise
    outbox.mark_sent(AccreditationLog, log_id)
    return True


def due_notices() -> list[int]:
    return outbox.due(AccreditationLog)
