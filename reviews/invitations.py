"""Invitations: a signed, single-use link that expires after seven days.

`invite_focal_point` (a State's focal point) and `invite_to` (whatever another app grants: a
regional reporter's membership, the authorship of an Annex 3 input) save the invitation and
queue its e-mail on commit; the Celery task `reviews.send_invitation_email` calls
`deliver_invitation`, which sends it once; beat's sweep queues `due_invitations()` again (the
message was lost: broker down, worker killed). Accepting creates the account if needed and
then the focal point's membership, or calls the grant's `accept`.

An invitation to an address that already has an account never sets its password: the e-mail
says "log in as usual", and the page accepts only for the person logged in as that account
(holding the link is not enough to add a role to someone else's account, nor to take it over).

Grants are registered by the apps that own them (`register_grant`, from `AppConfig.ready()`),
like kinds of document: reviews never imports them.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from reviews import membership_log
from reviews.models import FocalPointMembership, Invitation
from reviews.notifications import send_templated_email
from reviews.queue import enqueue_on_commit

log = logging.getLogger(__name__)

INVITATION_MAX_AGE = timedelta(days=7)
_SALT = "reviews.invitation"
# The Celery task that calls `deliver_invitation` (reviews.tasks), queued by name: see
# reviews.queue for why.
SEND_TASK = "reviews.send_invitation_email"
# An invitation younger than this may still have its message on the way to a worker.
PENDING_GRACE = timedelta(minutes=2)


class InvitationInvalid(Exception):
    pass


@dataclass(frozen=True)
class Grant:
    """What an invitation may grant besides a focal point's membership."""

    slug: str
    # (key) -> what accepting grants, in words, for the e-mail and the page ("a reporter for
    # the Economic Commission for Europe"); read under the invitee's language.
    describe: Callable
    # (user, key) -> the membership it made, or None (an authorship, or one held already):
    # makes the membership or authorship; runs inside the acceptance's transaction, so it is
    # all or nothing with the link being used. A new membership goes in the audit trail.
    accept: Callable
    # What the audit trail calls such a membership ("reporter" for "reporter for <key>").
    audit_name: str = ""


_GRANTS: dict[str, Grant] = {}


def register_grant(grant: Grant) -> None:
    existing = _GRANTS.get(grant.slug)
    if existing is not None and existing.accept is not grant.accept:
        raise ValueError(f"invitation grant {grant.slug!r} is declared twice")
    _GRANTS[grant.slug] = grant


def granted(invitation: Invitation) -> str:
    """What accepting the invitation grants, in words; empty for a focal point's (the
    templates name the State themselves)."""
    if not invitation.grant:
        return ""
    return str(_GRANTS[invitation.grant].describe(invitation.grant_key))


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(str(invitation.key), salt=_SALT)


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("reviews:accept_invitation", args=[invitation_token(invitation)])
    return f"{settings.SITE_URL}{path}"


def invite_focal_point(*, email, member_state, role, language, full_name="", by) -> Invitation:
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        member_state=member_state,
        role=role,
        language=language,
        invited_by=by,
    )
    enqueue_on_commit(SEND_TASK, invitation_id=invitation.pk)
    return invitation


def invite_to(grant: str, key, *, email, language, full_name="", by) -> Invitation:
    """Invite someone to what a registered grant gives (`key` names it: a body, an input)."""
    if grant not in _GRANTS:
        raise ValueError(f"no invitation grant {grant!r}")
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        grant=grant,
        grant_key=str(key),
        language=language,
        invited_by=by,
    )
    enqueue_on_commit(SEND_TASK, invitation_id=invitation.pk)
    return invitation


def deliver_invitation(invitation_id: int) -> bool:
    """Send the invitation e-mail once.

    The row is claimed (`sent_at` set where it was empty) in its own short transaction before
    talking to SMTP, so two workers never both send; a failure un-claims it for a retry.
    """
    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True
    ).update(sent_at=timezone.now())
    if claimed != 1:
        log.info("invitation %s gone, sent or accepted: nothing to send", invitation_id)
        return False
    invitation = Invitation.objects.select_related("member_state").get(pk=invitation_id)
    try:
        with translation.override(invitation.language):
            what = granted(invitation)
        context = {
            "invitation": invitation,
            "url": invitation_url(invitation),
            "granted": what,
            # An account exists: no password to set, "log in as usual" instead.
            "existing": existing_user(invitation) is not None,
            "official": invitation.role == FocalPointMembership.Role.AUTHORIZING_OFFICIAL,
        }
        send_templated_email(
            "reviews/email/invitation",
            context,
            to=invitation.email,
            language=invitation.language,
        )
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


def due_invitations() -> list[int]:
    """For the sweep: invitations of the last seven days whose e-mail never left (past the
    grace period), neither sent nor accepted."""
    now = timezone.now()
    return list(
        Invitation.objects.filter(
            sent_at__isnull=True,
            accepted_at__isnull=True,
            created_at__lt=now - PENDING_GRACE,
            created_at__gt=now - INVITATION_MAX_AGE,
        ).values_list("pk", flat=True)
    )


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


def accept_invitation(token: str, *, full_name: str = "", password: str | None = None, user=None):
    """Create (or reuse) the account and the membership (or what the grant gives); the link
    cannot be used again. The new membership is recorded (reviews.membership_log).

    A new account's password passes the same validators as everywhere (AUTH_PASSWORD_VALIDATORS,
    compared with the address and the name): ValidationError otherwise, and nothing is saved.
    An existing account's password is never touched (`password` is ignored); `user`, the person
    accepting, must then be that account, else InvitationInvalid("other_account"). The page
    always passes it; server-side callers (the demo data) may leave it out.
    """
    with transaction.atomic():
        invitation = open_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:  # accepted in a concurrent request
            raise InvitationInvalid("used")
        account = existing_user(invitation)
        if account is not None and user is not None and user.pk != account.pk:
            raise InvitationInvalid("other_account")
        user = account
        if user is not None and user.pk == invitation.invited_by_id:
            # Separation of duties: nobody grants themself a membership by inviting themself.
            raise InvitationInvalid("own_invitation")
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
        what = ""
        if invitation.grant:
            grant = _GRANTS[invitation.grant]
            membership = grant.accept(user, invitation.grant_key)
            what = f": {grant.audit_name} for {invitation.grant_key}"
        else:
            membership, made = FocalPointMembership.objects.get_or_create(
                user=user, member_state=invitation.member_state, role=invitation.role
            )
            membership = membership if made else None
        if membership is not None:
            inviter = invitation.invited_by.email if invitation.invited_by else "—"
            membership_log.record(
                user,
                membership,
                membership_log.ADDED,
                f"Accepted the invitation {invitation.pk} sent by {inviter}{what}.",
            )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user
