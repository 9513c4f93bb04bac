"""Celery tasks of the reviews app: thin wrappers taking ids, safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from reviews.models import Invitation

log = logging.getLogger(__name__)


@shared_task(
    name="reviews.send_invitation_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_email(*, invitation_id: int) -> bool:
    from reviews.invitations import invitation_url

    invitation = (
        Invitation.objects.filter(pk=invitation_id)
        .select_related("member_state", "invited_by")
        .first()
    )
    if invitation is None or invitation.accepted_at is not None:
        log.info("invitation %s gone or accepted: nothing to send", invitation_id)
        return False
    context = {"invitation": invitation, "url": invitation_url(invitation)}
    with translation.override(invitation.language):
        subject = render_to_string("reviews/email/invitation_subject.txt", context).strip()
        body = render_to_string("reviews/email/invitation_body.txt", context)
        html = render_to_string("reviews/email/invitation_body.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
