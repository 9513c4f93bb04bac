"""The record of who changed a State's team: memberships made or revoked, invitations revoked.

There is no audit model for memberships (ModerationEvent belongs to a document), so these
changes are written as Django's admin `LogEntry` rows: who, what, when and a message, shown in
the admin's history of the object, on the secretariat's invitations page and in the team page.
A model of its own would need a migration; this needs none.
"""

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from reviews.models import FocalPointMembership, Invitation

ADDED = ADDITION
REMOVED = DELETION


def record(actor, obj, flag: int, message: str) -> None:
    """Write one row: `actor` (a user; required by LogEntry) did `flag` to `obj`, in words."""
    if actor is None or actor.pk is None:
        return
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[obj], action_flag=flag, change_message=message
    )


def recent_changes(limit: int = 30):
    """The latest membership and invitation changes, newest first (the secretariat's page)."""
    types = ContentType.objects.get_for_models(FocalPointMembership, Invitation).values()
    return (
        LogEntry.objects.filter(content_type__in=list(types))
        .select_related("user")
        .order_by("-action_time")[:limit]
    )
