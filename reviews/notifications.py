"""E-mail about moderation events, each delivered once and never lost to a broker outage.

Every event that notifies someone carries its delivery state (`ModerationEvent.notify_status`),
a state machine of its own, written only here (a document's status changes only in
`reviews.workflow`, its PDF's only in `reviews.rendition`):

```
none                       (the event notifies nobody)
pending --claim--> sending --sent--> sent
   ^                  |
   +----- failure ----+  (attempts + 1, error kept) --at MAX_NOTIFY_ATTEMPTS--> failed
   +-- claim stale ---+  (the worker died while sending: counts as an attempt)
```

The transition marks its event pending in the same database transaction and queues the task
on commit (`queue_notification`). The task claims the event with a compare-and-set (pending →
sending, `notified_at` = the claim's time) in its own short statement, talks to SMTP outside
any transaction, then records the outcome. When the message never reaches a worker (Redis down,
worker killed), beat's sweep (`due_notifications`) finds the event still pending, or sending
with a claim older than any live send can be, and queues it again. A failed event is shown to
the secretariat beside the event, with the error.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reviews.models import NATIONAL_REVIEW, ModerationEvent, ReviewStatus
from reviews.permissions import SECRETARIAT_GROUP
from reviews.queue import enqueue_on_commit

log = logging.getLogger(__name__)
Notify = ModerationEvent.Notify

# Who hears about which transition: the secretariat of what reaches it, the document's authors
# (its kind says who they are) of the secretariat's decisions. Only these actions notify.
NOTIFY_SECRETARIAT = {"submit", "sign_off"}
NOTIFY_FOCAL_POINTS = {"request_changes", "publish", "send_back"}
# The Celery task that calls `deliver_review_notification` (reviews.tasks), queued by name: see
# reviews.queue for why.
SEND_TASK = "reviews.send_review_notification"

MAX_NOTIFY_ATTEMPTS = 5
# A pending event younger than this may still have its message on the way to a worker.
PENDING_GRACE = timedelta(minutes=2)
# Longer than the send task's hard time limit (see reviews.tasks): a claim this old belongs to a
# worker that is gone, never to one still sending.
SENDING_STALE = timedelta(minutes=5)


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
    ModerationEvent.objects.filter(pk=event_id).update(notify_status=Notify.PENDING)


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
    if event.action in NOTIFY_FOCAL_POINTS:
        authors = event.document.kind_spec.authors(event.document.specific)
        return sorted({(user.email, user.preferred_language) for user in authors})
    return []


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
    }


def deliver_review_notification(event_id: int) -> int:
    """E-mail one pending event to its recipients, each in their language; returns how many.

    0 when the event is gone, not pending (sent, being sent, failed) or notifies nobody. A
    failure puts it back to pending (or failed at the cap) and is raised for the task's retry.
    """
    claimed = ModerationEvent.objects.filter(pk=event_id, notify_status=Notify.PENDING).update(
        notify_status=Notify.SENDING, notified_at=timezone.now()
    )
    if claimed != 1:
        log.info("moderation event %s gone or not waiting to be sent", event_id)
        return 0
    event = ModerationEvent.objects.select_related("document__cycle", "actor").get(pk=event_id)
    context = message_context(event)
    sent = 0
    try:
        for address, language in review_notification_recipients(event):
            send_templated_email("reviews/email/event", context, to=address, language=language)
            sent += 1
    except Exception as error:
        # Recipients already served may get it twice on the next try, which beats nobody
        # getting it.
        _record_failure(event, f"{type(error).__name__}: {error}")
        raise
    ModerationEvent.objects.filter(pk=event_id, notify_status=Notify.SENDING).update(
        notify_status=Notify.SENT, notified_at=timezone.now(), notify_error=""
    )
    return sent


def _record_failure(event: ModerationEvent, error: str) -> None:
    attempts = event.notify_attempts + 1
    ModerationEvent.objects.filter(pk=event.pk, notify_status=Notify.SENDING).update(
        notify_status=Notify.FAILED if attempts >= MAX_NOTIFY_ATTEMPTS else Notify.PENDING,
        notify_attempts=attempts,
        notify_error=error[:2000],
    )
    if attempts >= MAX_NOTIFY_ATTEMPTS:
        log.error("e-mail of moderation event %s failed for good: %s", event.pk, error)


def due_notifications() -> list[int]:
    """Events to queue again: pending past the grace period, or claimed by a dead worker.

    A stale claim is released here first (sending → pending, counted as an attempt, failed at
    the cap), each with a compare-and-set so that two sweeps never both release it.
    """
    now = timezone.now()
    stale = ModerationEvent.objects.filter(
        notify_status=Notify.SENDING, notified_at__lt=now - SENDING_STALE
    )
    for event in stale.only("pk", "notify_attempts"):
        attempts = event.notify_attempts + 1
        ModerationEvent.objects.filter(
            pk=event.pk, notify_status=Notify.SENDING, notified_at__lt=now - SENDING_STALE
        ).update(
            notify_status=Notify.FAILED if attempts >= MAX_NOTIFY_ATTEMPTS else Notify.PENDING,
            notify_attempts=F("notify_attempts") + 1,
            notify_error="interrupted while sending (worker stopped)",
        )
    cutoff = now - PENDING_GRACE
    # The last claim's time when there was one (a failed try), else the event's own.
    due = Q(notified_at__isnull=True, created_at__lt=cutoff) | Q(notified_at__lte=cutoff)
    return list(
        ModerationEvent.objects.filter(due, notify_status=Notify.PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
