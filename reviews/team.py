"""A State's team: its focal points, its authorizing officials and the invitations pending.

The State's lead focal point (`FocalPointMembership.is_lead`, set by the secretariat) invites
colleagues of that State only; the secretariat sees those invitations beside its own and may
revoke a pending invitation or a membership. Every change is recorded
(reviews.membership_log: who, what, when).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from reviews import membership_log, workspaces
from reviews.invitations import INVITATION_MAX_AGE, invite_focal_point
from reviews.models import FocalPointMembership, Invitation, MemberState
from reviews.permissions import can_invite_focal_points, is_lead_focal_point_of


def can_manage_team(user, member_state_id: str) -> bool:
    """See the State's team and invite colleagues to it: its lead focal point, the secretariat."""
    return can_invite_focal_points(user) or is_lead_focal_point_of(user, member_state_id)


def team_of(member_state: MemberState) -> dict:
    """The State's memberships (focal points first) and its invitations still open."""
    memberships = (
        FocalPointMembership.objects.filter(member_state=member_state)
        .select_related("user")
        .order_by("role", "-is_lead", "user__full_name", "user__email")
    )
    pending = (
        Invitation.objects.filter(
            member_state=member_state,
            grant="",
            accepted_at__isnull=True,
            created_at__gt=timezone.now() - INVITATION_MAX_AGE,
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )
    return {"memberships": list(memberships), "pending": list(pending)}


def invite_colleague(*, member_state, email, role, language, full_name="", by) -> Invitation:
    """A lead focal point (or the secretariat) invites a focal point or an authorizing official
    of `member_state`; the e-mail is queued on commit like every invitation."""
    if not can_manage_team(by, member_state.iso3):
        raise PermissionDenied
    invitation = invite_focal_point(
        email=email,
        member_state=member_state,
        role=role,
        language=language,
        full_name=full_name,
        by=by,
    )
    membership_log.record(
        by,
        invitation,
        membership_log.ADDED,
        f"Invited {email} as {role} of {member_state.iso3}.",
    )
    return invitation


def revoke_invitation(invitation: Invitation, *, by) -> bool:
    """The secretariat withdraws an invitation not yet accepted: its link stops working (the
    row is deleted; the record keeps who was invited, by whom and who revoked it). False if it
    was accepted meanwhile (revoke the membership instead)."""
    if not can_invite_focal_points(by):
        raise PermissionDenied
    with transaction.atomic():
        row = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if row is None or row.accepted_at is not None:
            return False
        inviter = row.invited_by.email if row.invited_by_id else "—"
        membership_log.record(
            by,
            row,
            membership_log.REMOVED,
            f"Revoked the invitation of {row.email} ({row.role}) sent by {inviter} "
            f"on {row.created_at:%Y-%m-%d}.",
        )
        row.delete()
    return True


def revoke_membership(membership: FocalPointMembership, *, by) -> bool:
    """The secretariat ends a person's membership of a State (focal point or official).
    False if it was gone already."""
    if not can_invite_focal_points(by):
        raise PermissionDenied
    with transaction.atomic():
        row = (
            FocalPointMembership.objects.select_for_update()
            .select_related("user")
            .filter(pk=membership.pk)
            .first()
        )
        if row is None:
            return False
        membership_log.record(
            by,
            row,
            membership_log.REMOVED,
            f"Revoked the membership of {row.user.email} ({row.role}) of {row.member_state_id}.",
        )
        row.delete()
    return True


def lead_states(user) -> list[MemberState]:
    """The States whose lead focal point the person is (the workspace links their team)."""
    if not user.is_authenticated:
        return []
    return list(
        MemberState.objects.filter(
            focal_point_memberships__user=user,
            focal_point_memberships__role=FocalPointMembership.Role.FOCAL_POINT,
            focal_point_memberships__is_lead=True,
        ).order_by("name")
    )


def register_section() -> None:
    """The workspace's "Your State's team" section, for lead focal points."""
    workspaces.register(
        workspaces.WorkspaceSection(
            slug="team", template="reviews/team/_workspace_section.html", rows=lead_states
        )
    )
