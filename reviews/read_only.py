"""Why an editor is read-only for this person: one sentence, for every kind of document.

`can_edit_review` answers whether; `read_only_reason` says why not, so that an editor shown
without its Save button tells the reader what is going on and what would change it. The two
must agree: the reason is None exactly when the person may edit.

The order matters. Who you are comes first when it is the whole answer (an authorizing
official or a reader never edits, whatever the status); then the document's status, the
stage it waits at; then the cycle, for a document that has left drafting in a cycle that is
closed for drafting.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reviews.models import Document, ReviewStatus
from reviews.permissions import can_edit_review

S = ReviewStatus


def read_only_reason(document: Document, user) -> str | None:
    """The reason `user` may not change `document` now, in the active language; None if they may."""
    if can_edit_review(user, document):
        return None
    spec, own = document.kind_spec, document.specific
    if not spec.is_author(user, own):
        if spec.is_signer(user, own):
            if document.status == S.AWAITING_SIGN_OFF:
                return _(
                    "It awaits your sign-off: as the authorizing official you read the text, "
                    "then sign it off or send it back to the focal points. You do not edit it."
                )
            return _(
                "You are the authorizing official: you read the text and sign it off when "
                "it is submitted; the focal points write and edit it."
            )
        return _("You can read this document, but only its authors can change it.")
    return _status_reason(document)


def _status_reason(document: Document) -> str:
    """An author's reason: where the document waits, and what would make it editable again."""
    status = document.status
    if status == S.AWAITING_SIGN_OFF:
        return _(
            "Submitted for sign-off: it awaits the authorizing official, who signs it off or "
            "sends it back to you. It cannot be changed meanwhile."
        )
    if status == S.SUBMITTED:
        if document.submitted_at is None:
            return _(
                "Submitted and awaiting the secretariat: it can be changed again if the "
                "secretariat requests changes, or if you withdraw it."
            )
        return _(
            "Submitted on %(date)s and awaiting the secretariat: it can be changed again if "
            "the secretariat requests changes, or if you withdraw it."
        ) % {"date": date_format(timezone.localtime(document.submitted_at), "DATE_FORMAT")}
    if not document.cycle.is_open:
        return _(
            "“%(cycle)s” is closed for drafting: this document stays as it is (%(status)s)."
        ) % {"cycle": document.cycle.title, "status": document.get_status_display()}
    if status == S.PUBLISHED:
        return _(
            "Published: to change it, start a new version from the overview. The published "
            "text stays online, unchanged, until the new version is published."
        )
    if status == S.WITHDRAWN:
        return _("Withdrawn: reopen it from the overview to edit it again.")
    # A status without a stage of its own (none today): say plainly that it is not editable.
    return _("This document cannot be changed while it is “%(status)s”.") % {
        "status": document.get_status_display()
    }
