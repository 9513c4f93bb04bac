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
