"""What is said and who holds a document: audited, never a change of status."""

from django.db import transaction
from django.utils.translation import gettext as _

from reviews.models import ModerationEvent
from reviews.permissions import can_moderate_reviews, can_view_review
from reviews.workflow.errors import TransitionRefused


def add_comment(document, *, by, text: str, section: str = "") -> ModerationEvent:
    """A message in the document's conversation (a reply, a note): no status change, audited."""
    if not can_view_review(by, document):
        raise TransitionRefused(_("You are not allowed to do this."))
    if not text.strip():
        raise TransitionRefused(_("Please write a comment: it is sent with this decision."))
    return ModerationEvent.objects.create(
        document=document,
        action="comment",
        from_status=document.status,
        to_status=document.status,
        actor=by,
        comment=text.strip() if not section else "",
        section_comments={section: text.strip()} if section else {},
    )


def assign_review(document, *, by, assignee):
    """Give a document to a secretariat member (or to nobody); recorded in the audit trail."""
    if not can_moderate_reviews(by) or (
        assignee is not None and not can_moderate_reviews(assignee)
    ):
        raise TransitionRefused(_("You are not allowed to do this."))
    with transaction.atomic():
        document = document.kind_spec.model.objects.select_for_update().get(pk=document.pk)
        if document.assigned_to_id == getattr(assignee, "pk", None):
            return document
        document.assigned_to = assignee
        document.save(update_fields=["assigned_to", "updated_at"])
        ModerationEvent.objects.create(
            document=document,
            action="assign",
            from_status=document.status,
            to_status=document.status,
            actor=by,
            comment=str(assignee or "—"),
        )
    return document
