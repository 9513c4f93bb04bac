"""Celery tasks of the reviews app: thin wrappers taking ids, safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reviews.models import Invitation
from reviews.queue import enqueue

log = logging.getLogger(__name__)


def deliver_invitation(invitation_id: int) -> bool:
    """Send the invitation e-mail once.

    The row is claimed (`sent_at` set where it was empty) in its own short transaction before
    talking to SMTP, so two workers never both send; a failure un-claims it for a retry.
    """
    from reviews.invitations import invitation_url

    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True
    ).update(sent_at=timezone.now())
    if claimed != 1:
        log.info("invitation %s gone, sent or accepted: nothing to send", invitation_id)
        return False
    invitation = Invitation.objects.select_related("member_state").get(pk=invitation_id)
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    with translation.override(invitation.language):
        subject = render_to_string("reviews/email/invitation_subject.txt", context).strip()
        body = render_to_string("reviews/email/invitation_body.txt", context)
        html = render_to_string("reviews/email/invitation_body.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


@shared_task(
    name="reviews.send_invitation_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_invitation_email(*, invitation_id: int) -> bool:
    return deliver_invitation(invitation_id)


@shared_task(name="reviews.sweep_invitations")
def sweep_invitations() -> int:
    """Queue again the invitations that never left (broker down, worker killed)."""
    cutoff = timezone.now() - timedelta(minutes=2)
    pending = Invitation.objects.filter(
        sent_at__isnull=True,
        accepted_at__isnull=True,
        created_at__lt=cutoff,
        created_at__gt=timezone.now() - timedelta(days=7),
    ).values_list("pk", flat=True)
    queued = 0
    for pk in pending:
        queued += enqueue(send_invitation_email, invitation_id=pk)
    return queued


def review_notification_recipients(event) -> list[tuple[str, str]]:
    """(address, language) pairs for one moderation event."""
    from django.contrib.auth import get_user_model

    from reviews.permissions import SECRETARIAT_GROUP
    from reviews.workflow import NOTIFY_FOCAL_POINTS, NOTIFY_SECRETARIAT

    if event.action in NOTIFY_SECRETARIAT:
        staff = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
        recipients = [(u.email, u.preferred_language) for u in staff]
        return [(settings.SECRETARIAT_EMAIL, "en"), *recipients]
    if event.action in NOTIFY_FOCAL_POINTS:
        people = event.review.focal_points().select_related("user").filter(user__is_active=True)
        return sorted({(m.user.email, m.user.preferred_language) for m in people})
    return []


def deliver_review_notification(event_id: int) -> int:
    """E-mail one moderation event to its recipients, each in their language; once."""
    from reviews.models import ModerationEvent

    claimed = ModerationEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if claimed != 1:
        log.info("moderation event %s gone or notified already", event_id)
        return 0
    event = ModerationEvent.objects.select_related(
        "review__member_state", "review__cycle", "actor"
    ).get(pk=event_id)
    sent = 0
    try:
        for address, language in review_notification_recipients(event):
            with translation.override(language):
                context = {"event": event, "review": event.review, "site_url": settings.SITE_URL}
                subject = render_to_string("reviews/email/event_subject.txt", context).strip()
                body = render_to_string("reviews/email/event_body.txt", context)
                html = render_to_string("reviews/email/event_body.html", context)
            message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
            message.attach_alternative(html, "text/html")
            message.send()
            sent += 1
    except Exception:
        # Un-claim so a retry sends again; recipients already served may get it twice, which
        # beats nobody getting it.
        ModerationEvent.objects.filter(pk=event_id).update(notified_at=None)
        raise
    return sent


@shared_task(
    name="reviews.send_review_notification",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_review_notification(*, event_id: int) -> int:
    return deliver_review_notification(event_id)
