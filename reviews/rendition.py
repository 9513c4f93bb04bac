"""The PDF rendition of a review: its small state machine, and the one place that writes it.

```
none/ready --request--> pending --claim--> rendering --store--> ready
                           ^                  |
                           +---- failure -----+ (attempts + 1, error kept) --at the cap--> failed
```

A claim is a compare-and-set that records its owner (`pdf_claimed_by`, a token made of the
Celery task id and a random part) and a lease (`pdf_lease_until`). The lease, PDF_LEASE, is a
little longer than the render task's hard time limit: the worker pool kills a render at that
limit, so no living render ever outlives its lease and none is ever stolen, and no renewal is
needed. A claim can be taken over

- at once by the same task id: the previous holder was this very task, which the broker
  delivered again because its worker died mid-render (acks_late, reject_on_worker_lost). A
  message is only redelivered after its worker is gone (at worker loss, or after Redis'
  visibility timeout of an hour, far beyond the time limit), so the holder cannot be alive; a
  Celery retry reuses the id too, but only after the failed run released its claim;
- by any task once the lease ran out (the worker died and its message was lost with it); beat's
  sweep (`needs_rendering`) queues such a PDF again.

Rendering happens outside any transaction; the result is stored only while the token still
holds the claim, so a worker that lost its claim never overwrites a newer result. Files are
content-addressed: the same content is never rendered twice.
"""

import logging
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from reviews import pdf
from reviews.models import PdfStatus, VoluntaryReview
from reviews.publication import invalidate_public_pages

log = logging.getLogger(__name__)

MAX_PDF_ATTEMPTS = 5
# The render task's hard time limit (reviews.tasks.render_review_pdf) plus room for the claim,
# the storage write and clock differences between machines.
RENDER_TIME_LIMIT = 180
PDF_LEASE = timedelta(seconds=RENDER_TIME_LIMIT + 30)
# A pending PDF whose message got lost (broker down): long enough for the task's own retries.
PENDING_LOST_AFTER = timedelta(minutes=10)


def claim_token(task_id: str | None) -> str:
    """`<task id>:<random>`; fits `pdf_claimed_by` (64) with a standard 36-character task id."""
    return f"{(task_id or '')[:50]}:{uuid.uuid4().hex[:12]}"


def request_pdf(review_id: int) -> None:
    """The PDF is wanted (again): pending, unless a render is running (the sweep follows up)."""
    VoluntaryReview.objects.filter(pk=review_id).exclude(pdf_status=PdfStatus.RENDERING).update(
        pdf_status=PdfStatus.PENDING, pdf_requested_at=timezone.now(), pdf_attempts=0
    )


def claim_pdf(review_id: int, token: str) -> bool:
    """Take the render for `token`: when nobody renders, the lease ran out, or the holder was
    this same task (see the module docstring)."""
    now = timezone.now()
    task_id = token.rpartition(":")[0]
    free = (
        ~Q(pdf_status=PdfStatus.RENDERING)
        | Q(pdf_lease_until__isnull=True)
        | Q(pdf_lease_until__lte=now)
    )
    if task_id:
        free |= Q(pdf_claimed_by__startswith=f"{task_id}:")
    claimed = VoluntaryReview.objects.filter(free, pk=review_id).update(
        pdf_status=PdfStatus.RENDERING,
        pdf_claimed_by=token,
        pdf_lease_until=now + PDF_LEASE,
        pdf_requested_at=now,
    )
    return claimed == 1


def store_pdf(review_id: int, token: str, *, name: str, digest: str) -> bool:
    """Record the rendered file, if `token` still holds the claim."""
    return (
        VoluntaryReview.objects.filter(
            pk=review_id, pdf_status=PdfStatus.RENDERING, pdf_claimed_by=token
        ).update(
            pdf_status=PdfStatus.READY,
            pdf_file=name,
            pdf_hash=digest,
            pdf_error="",
            pdf_attempts=0,
            pdf_rendered_at=timezone.now(),
            pdf_claimed_by="",
            pdf_lease_until=None,
        )
        == 1
    )


def record_failure(review_id: int, token: str, *, attempts: int, error: str) -> None:
    VoluntaryReview.objects.filter(pk=review_id, pdf_claimed_by=token).update(
        pdf_status=PdfStatus.FAILED if attempts >= MAX_PDF_ATTEMPTS else PdfStatus.PENDING,
        pdf_error=error[:2000],
        pdf_attempts=attempts,
        pdf_claimed_by="",
        pdf_lease_until=None,
    )


def render_review_pdf_now(review_id: int, *, task_id: str | None = None) -> str:
    """Render the review's PDF unless a PDF of the same content exists; returns what happened:
    gone, nothing-to-render, up-to-date, already-rendering, superseded or rendered."""
    review = (
        VoluntaryReview.objects.filter(pk=review_id)
        .select_related("member_state", "cycle", "published_revision")
        .first()
    )
    if review is None:
        log.info("review %s is gone: no PDF to render", review_id)
        return "gone"
    revision = pdf.pdf_revision(review)
    if revision is None:
        return "nothing-to-render"
    digest = pdf.content_hash(review, revision)
    name = f"pdfs/{review.member_state_id}-{review.cycle.slug}-{digest[:16]}.pdf"
    if review.pdf_hash == digest and review.pdf_status == PdfStatus.READY and review.pdf_file:
        return "up-to-date"
    token = claim_token(task_id)
    if not claim_pdf(review_id, token):
        return "already-rendering"
    try:
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(pdf.render_pdf(review, revision)))
    except Exception as error:
        attempts = review.pdf_attempts + 1
        record_failure(
            review_id, token, attempts=attempts, error=f"{type(error).__name__}: {error}"
        )
        raise
    if not store_pdf(review_id, token, name=name, digest=digest):
        log.warning(
            "PDF of review %s: claim %s was taken over, result not stored", review_id, token
        )
        return "superseded"
    if review.published_revision_id:
        invalidate_public_pages()  # the public pages now link to the PDF
    return "rendered"


def needs_rendering(review: VoluntaryReview, now) -> bool:
    """For the sweep: pending and lost, claimed by a dead worker, or out of date."""
    if review.pdf_status == PdfStatus.PENDING:
        return review.pdf_requested_at is None or review.pdf_requested_at < now - PENDING_LOST_AFTER
    if review.pdf_status == PdfStatus.RENDERING:
        return review.pdf_lease_until is None or review.pdf_lease_until <= now
    if review.pdf_status in {PdfStatus.READY, PdfStatus.NONE}:
        revision = pdf.pdf_revision(review)
        return revision is not None and pdf.content_hash(review, revision) != review.pdf_hash
    return False
