"""One delivery state machine for every row that sends an e-mail: a moderation event
(`reviews.notifications`), a registration's log entry (`stakeholders.notices`), …

A row that e-mails someone carries `notify_status`, `notify_attempts`, `notify_error`,
`notified_at` and `created_at`; these functions are the only ones that change them:

```
none                       (the row notifies nobody, or its recipient was erased: `drop`)
pending --claim--> sending --sent--> sent
   ^                  |
   +----- failure ----+  (attempts + 1, error kept) --at MAX_ATTEMPTS--> failed
   +-- claim stale ---+  (the worker died while sending: counts as an attempt)
```

The change that records the row marks it pending in the same transaction and queues its task on
commit. The task claims the row with a compare-and-set (pending → sending) in its own short
statement, talks to SMTP outside any transaction, then records the outcome. Beat's sweep
(`due`) releases stale claims and returns the rows to queue again.
"""

import logging
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAX_ATTEMPTS = 5
# A pending row younger than this may still have its message on the way to a worker.
PENDING_GRACE = timedelta(minutes=2)
# Longer than any send task's hard time limit: a claim this old belongs to a worker that is
# gone, never to one still sending.
SENDING_STALE = timedelta(minutes=5)


def mark_pending(model, pk) -> None:
    """The row will be e-mailed: call inside the transaction that records it."""
    model.objects.filter(pk=pk).update(notify_status=PENDING)


def claim(model, pk) -> bool:
    """pending → sending; False when the row is gone, sent, being sent or failed."""
    return (
        model.objects.filter(pk=pk, notify_status=PENDING).update(
            notify_status=SENDING, notified_at=timezone.now()
        )
        == 1
    )


def mark_sent(model, pk) -> None:
    model.objects.filter(pk=pk, notify_status=SENDING).update(
        notify_status=SENT, notified_at=timezone.now(), notify_error=""
    )


def drop(model, pk, why: str) -> None:
    """sending → none: there is no one to send it to any more (the address was erased)."""
    model.objects.filter(pk=pk, notify_status=SENDING).update(
        notify_status="none", notified_at=timezone.now(), notify_error=why[:2000]
    )


def record_failure(model, row, error: str) -> None:
    """Back to pending for the task's retry (failed at the cap), with the error kept."""
    attempts = row.notify_attempts + 1
    model.objects.filter(pk=row.pk, notify_status=SENDING).update(
        notify_status=FAILED if attempts >= MAX_ATTEMPTS else PENDING,
        notify_attempts=attempts,
        notify_error=error[:2000],
    )
    if attempts >= MAX_ATTEMPTS:
        log.error("e-mail of %s %s failed for good: %s", model.__name__, row.pk, error)


def due(model) -> list:
    """Rows to queue again: pending past the grace period, or claimed by a dead worker.

    A stale claim is released here first (sending → pending, counted as an attempt, failed at
    the cap), each with a compare-and-set so that two sweeps never both release it.
    """
    now = timezone.now()
    stale = model.objects.filter(notify_status=SENDING, notified_at__lt=now - SENDING_STALE)
    for row in stale.only("pk", "notify_attempts"):
        attempts = row.notify_attempts + 1
        model.objects.filter(
            pk=row.pk, notify_status=SENDING, notified_at__lt=now - SENDING_STALE
        ).update(
            notify_status=FAILED if attempts >= MAX_ATTEMPTS else PENDING,
            notify_attempts=F("notify_attempts") + 1,
            notify_error="interrupted while sending (worker stopped)",
        )
    cutoff = now - PENDING_GRACE
    # The last claim's time when there was one (a failed try), else the row's own.
    waiting = Q(notified_at__isnull=True, created_at__lt=cutoff) | Q(notified_at__lte=cutoff)
    return list(
        model.objects.filter(waiting, notify_status=PENDING)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
