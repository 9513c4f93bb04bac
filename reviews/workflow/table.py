"""The transitions declared: from which statuses, to which, who may, what they carry.

One row per transition; its door (a function of the same action in `transitions`) reads the
row for what every transition checks the same way, and adds its own preconditions. Who is
e-mailed about a decision is `reviews.notifications`' business (by the event's action).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reviews.models import ReviewRevision, ReviewStatus
from reviews.permissions import can_moderate_reviews

S = ReviewStatus
SUBMISSION, SYSTEM = ReviewRevision.Kind.SUBMISSION, ReviewRevision.Kind.SYSTEM


def _author(user, document) -> bool:
    """Who drafts the document: its kind says (a State's focal points for a national review)."""
    return document.kind_spec.is_author(user, document.specific)


def _signer(user, document) -> bool:
    return document.kind_spec.is_signer(user, document.specific)


def _secretariat(user, document) -> bool:
    return can_moderate_reviews(user)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str  # what the door may override (submit: awaiting sign-off, when the kind says)
    allowed: Callable  # (user, document) -> bool
    label: str
    comment_required: bool = False
    # The revision the event points at: a new one of this kind, or None for the pinned one.
    revision: str | None = SYSTEM
    # Queue the PDF when the document arrives at a status read as a PDF (submitted, published).
    renders_pdf: bool = False


TRANSITIONS = {
    t.action: t
    for t in [
        Transition("submit", frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, _author,
                   _("Submit"), revision=SUBMISSION, renders_pdf=True),
        Transition("sign_off", frozenset({S.AWAITING_SIGN_OFF}), S.SUBMITTED, _signer,
                   _("Sign off and submit"), revision=SUBMISSION, renders_pdf=True),
        Transition("send_back", frozenset({S.AWAITING_SIGN_OFF}), S.DRAFT, _signer,
                   _("Send back to the focal points"), comment_required=True),
        Transition("request_changes", frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED,
                   _secretariat, _("Request changes"), comment_required=True),
        Transition("publish", frozenset({S.SUBMITTED}), S.PUBLISHED, _secretariat,
                   _("Publish"), revision=None, renders_pdf=True),
        Transition("unpublish", frozenset({S.PUBLISHED}), S.SUBMITTED, _secretariat,
                   _("Unpublish"), comment_required=True),
        Transition("withdraw", frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED}),
                   S.WITHDRAWN, _author, _("Withdraw")),
        Transition("reopen", frozenset({S.WITHDRAWN}), S.DRAFT, _author, _("Reopen")),
        Transition("revise", frozenset({S.PUBLISHED}), S.DRAFT, _author,
                   _("Start a new version")),
    ]
}  # fmt: skip


def available_actions(user, document) -> list[Transition]:
    """The transitions this user may attempt now (for buttons; the door checks again)."""
    return [
        t
        for t in TRANSITIONS.values()
        if document.status in t.sources and t.allowed(user, document)
    ]
