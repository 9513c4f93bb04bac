"""E-mail about moderation events, each delivered once and never lost to a broker outage.

Every event that notifies someone carries its delivery state (`ModerationEvent.notify_status`),
the state machine of `reviews.outbox`, shared with every other row that sends e-mail (a
document's status changes only in `reviews.workflow`, its PDF's only in `reviews.rendition`).
The transition marks its event pending in the same database transaction and queues the task
on commit (`queue_notification`); beat's sweep (`due_notifications`) queues again what never
reached a worker. A failed event is shown to the secretariat beside the event, with the error.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reviews import outbox
from reviews.deadlines import deadline
from reviews.models import NATIONAL_REVIEW, ModerationEvent, ReviewStatus
from reviews.permissions import SECRETARIAT_GROUP
from reviews.queue import enqueue_on_commit

log = logging.getLogger(__name__)
Notify = ModerationEvent.Notify

# Who hears about which transition: the secretariat of what reaches it, the document's authors
# (its kind says who they are) of the secretariat's decisions. Only these actions notify.
NOTIFY_SECRETARIAT = {"submit", "sign_off"}
NOTIFY_FOCAL_POINTS = {"request_changes", "publish", "send_back"}
# A deadline reminder (`reviews.reminders`) is an event of its own, "deadline_reminder_<days>",
# delivered to the authors through this same outbox, with its own message.
REMINDER_PREFIX = "deadline_reminder_"
# The Celery task that calls `deliver_review_notification` (reviews.tasks), queued by name: see
# reviews.queue for why.
SEND_TASK = "reviews.send_review_notification"

MAX_NOTIFY_ATTEMPTS = outbox.MAX_ATTEMPTS
PENDING_GRACE = outbox.PENDING_GRACE
SENDING_STALE = outbox.SENDING_STALE


def send_templated_email(template: str, context: dict, *, to: str, language: str) -> None:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` in `language`, and send."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def mark_pending(event_id: int) -> None:
    """The event will be e-mailed: call inside the transaction that records it."""
    outbox.mark_pending(ModerationEvent, event_id)


def queue_notification(event_id: int) -> None:
    """Mark the event's e-mail pending and queue it after commit (the sweep catches a loss).
    Call inside the transaction that records the event."""
    mark_pending(event_id)
    enqueue_on_commit(SEND_TASK, event_id=event_id)


def review_notification_recipients(event) -> list[tuple[str, str]]:
    """(address, language) pairs for one moderation event."""
    if event.action in NOTIFY_SECRETARIAT and event.to_status == ReviewStatus.AWAITING_SIGN_OFF:
        # The government clears it first: its officials hear now, the secretariat at sign-off.
        signers = event.document.kind_spec.signers(event.document.specific)
        return sorted({(user.email, user.preferred_language) for user in signers})
    if event.action in NOTIFY_SECRETARIAT:
        staff = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
        recipients = [(u.email, u.preferred_language) for u in staff]
        return [(settings.SECRETARIAT_EMAIL, "en"), *recipients]
    if event.action in NOTIFY_FOCAL_POINTS or is_reminder(event):
        authors = event.document.kind_spec.authors(event.document.specific)
        return sorted({(user.email, user.preferred_language) for user in authors})
    return []


def is_reminder(event) -> bool:
    return event.action.startswith(REMINDER_PREFIX)


def message_context(event) -> dict:
    """What the event's e-mail says, for any kind: a national review keeps its own wording
    (its translations say "the review of <State>"); other kinds name their kind and body."""
    document = event.document.specific
    spec = document.kind_spec
    return {
        "event": event,
        "review": document,
        "national": spec.slug == NATIONAL_REVIEW,
        "kind": spec.label,
        "body": spec.body_name(document),
        # Called by the template, under the recipient's language (its URL prefix).
        "workspace_url": partial(spec.workspace_url, document) if spec.workspace_url else "",
        "site_url": settings.SITE_URL,
        # Counted when the message leaves (a reminder the sweep sends late says so).
        "deadline": deadline(document.cycle.submission_closes, timezone.localdate(), document),
    }


def deliver_review_notification(event_id: int) -> int:
    """E-mail one pending event to its recipients, each in their language; returns how many.

    0 when the event is gone, not pending (sent, being sent, failed) or notifies nobody. A
    failure puts it back to pending (or failed at the cap) and is raised for the task's retry.
    """
    if not outbox.claim(ModerationEvent, event_id):
        log.info("moderation event %s gone or not waiting to be sent", event_id)
        return 0
    event = ModerationEvent.objects.select_related("document__cycle", "actor").get(pk=event_id)
    context = message_context(event)
    template = "reviews/email/deadline_reminder" if is_reminder(event) else "reviews/email/event"
    sent = 0
    try:
        for address, language in review_notification_recipients(event):
            send_templated_email(template, context, to=address, language=language)
            sent += 1
    except Exception as error:
        # Recipients already served may get it twice on the next try, which beats nobody
        # getting it.
        outbox.record_failure(ModerationEvent, event, f"{type(error).__name__}: {error}")
        raise
    outbox.mark_sent(ModerationEvent, event_id)
    return sent


def due_notifications() -> list[int]:
    """Events to queue again: pending past the grace period, or claimed by a dead worker."""
    return outbox.due(ModerationEvent)
