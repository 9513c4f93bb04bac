"""Inviting focal points: a signed, single-use link that expires after seven days."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from reviews.models import FocalPointMembership, Invitation
from reviews.queue import enqueue_on_commit

INVITATION_MAX_AGE = timedelta(days=7)
_SALT = "reviews.invitation"


class InvitationInvalid(Exception):
    pass


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(str(invitation.key), salt=_SALT)


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("reviews:accept_invitation", args=[invitation_token(invitation)])
    return f"{settings.SITE_URL}{path}"


def invite_focal_point(*, email, member_state, role, language, full_name="", by) -> Invitation:
    from reviews.tasks import send_invitation_email

    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        member_state=member_state,
        role=role,
        language=language,
        invited_by=by,
    )
    enqueue_on_commit(send_invitation_email, invitation_id=invitation.pk)
    return invitation


def open_invitation(token: str) -> Invitation:
    """The invitation behind a token, or InvitationInvalid with the reason a person can act on."""
    try:
        key = signing.loads(token, salt=_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise InvitationInvalid("expired") from None
    except signing.BadSignature:
        raise InvitationInvalid("invalid") from None
    invitation = Invitation.objects.select_related("member_state").filter(key=key).first()
    if invitation is None:
        raise InvitationInvalid("invalid")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    return invitation


def existing_user(invitation: Invitation):
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


def invited_person(email: str, full_name: str):
    """The account an invitation would create, unsaved: what the password is checked against."""
    User = get_user_model()
    return User(email=User.objects.normalize_email(email).lower(), full_name=full_name)


def accept_invitation(token: str, *, full_name: str = "", password: str | None = None):
    """Create (or reuse) the account and the membership; the link cannot be used again.

    A new account's password passes the same validators as everywhere (AUTH_PASSWORD_VALIDATORS,
    compared with the address and the name): ValidationError otherwise, and nothing is saved.
    """
    with transaction.atomic():
        invitation = open_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:  # accepted in a concurrent request
            raise InvitationInvalid("used")
        user = existing_user(invitation)
        if user is None:
            full_name = full_name or invitation.full_name
            if password is not None:
                password_validation.validate_password(
                    password, invited_person(invitation.email, full_name)
                )
            user = get_user_model().objects.create_user(
                invitation.email,
                password,
                full_name=full_name,
                preferred_language=invitation.language,
            )
        FocalPointMembership.objects.get_or_create(
            user=user, member_state=invitation.member_state, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user
