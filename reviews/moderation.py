"""What the secretariat's queue asks of each kind of document, registered by the kind's app.

The queue (`reviews.views.secretariat.queue`) lists documents of every kind. Each kind says
where its moderation page is, its documents' due dates (in one query for a page of them), and
which documents are overdue though nobody started them (a regional review meeting whose report
has no page yet): rows the queue shows as "no report yet, due …". The national kind is
registered here; others from their `AppConfig.ready()`, so reviews never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from reviews.models import NATIONAL_REVIEW, ReviewStatus

# A document that reached the secretariat, or was published once, is never overdue.
DONE = {ReviewStatus.SUBMITTED, ReviewStatus.PUBLISHED}


@dataclass(frozen=True)
class QueueKind:
    kind: str
    moderation_url: Callable  # (document of the kind, as its own model) -> the page's path
    # (documents of the kind, as their own model) -> {pk: due date}; those without none
    due_dates: Callable = lambda documents: {}
    # (today) -> [{"title", "cycle", "due_on"}]: overdue documents that nobody started
    not_started: Callable = lambda today: []
    # The relations of the kind's own model that `moderation_url` and the body's name read
    related: tuple = ()


_QUEUE_KINDS: dict[str, QueueKind] = {}


def register(entry: QueueKind) -> None:
    _QUEUE_KINDS[entry.kind] = entry


def queue_kind(kind: str) -> QueueKind | None:
    return _QUEUE_KINDS.get(kind)


def registered() -> list[QueueKind]:
    return list(_QUEUE_KINDS.values())


def is_overdue(document, due_on, today) -> bool:
    if due_on is None or document.status in DONE or document.published_revision_id:
        return False
    return due_on < today


register(
    QueueKind(
        kind=NATIONAL_REVIEW,
        moderation_url=lambda review: reverse(
            "reviews:moderate", args=[review.cycle.slug, review.member_state_id]
        ),
        # A national review is due on its cycle's closing day (`ReviewCycle.submission_closes`).
        due_dates=lambda reviews: {r.pk: r.cycle.submission_closes for r in reviews},
        related=("member_state",),
    )
)
