"""The PDF rendition of a document of any kind: its small state machine, and the one place
that writes it (apart from the document's status, which changes only in `reviews.workflow`).

```
none/ready --request--> pending --claim--> rendering --store--> ready
                           ^                  |
                           +---- failure -----+ (attempts + 1, error kept) --at the cap--> failed
```

A claim is a compare-and-set that records its owner (`claimed_by`, a token made of the
Celery task id and a random part) and a lease (`lease_until`). The lease, PDF_LEASE, is a
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

A transition calls `queue_pdf` (pending now, queued on commit); the Celery task
`reviews.render_pdf` calls `render_review_pdf_now`; beat's sweep queues `pdfs_to_render()` again.
"""

import logging
import re
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from reviews import pdf, warming
from reviews.models import Document, PdfRendition, PdfStatus, ReviewStatus
from reviews.queue import enqueue_on_commit

log = logging.getLogger(__name__)

# The Celery task that calls `render_review_pdf_now` (reviews.tasks), queued by name: see
# reviews.queue for why.
RENDER_TASK = "reviews.render_pdf"

MAX_PDF_ATTEMPTS = 5
# The render task's hard time limit (reviews.tasks.render_review_pdf) plus room for the claim,
# the storage write and clock differences between machines.
RENDER_TIME_LIMIT = 180
PDF_LEASE = timedelta(seconds=RENDER_TIME_LIMIT + 30)
# A pending PDF whose message got lost (broker down): long enough for the task's own retries.
PENDING_LOST_AFTER = timedelta(minutes=10)


def claim_token(task_id: str | None) -> str:
    """`<task id>:<random>`; fits `claimed_by` (64) with a standard 36-character task id."""
    return f"{(task_id or '')[:50]}:{uuid.uuid4().hex[:12]}"


def request_pdf(review_id: int) -> None:
    """The PDF is wanted (again): pending, unless a render is running (the sweep follows up)."""
    # The row exists from the first time a PDF is wanted on.
    PdfRendition.objects.get_or_create(document_id=review_id)
    PdfRendition.objects.filter(document_id=review_id).exclude(status=PdfStatus.RENDERING).update(
        status=PdfStatus.PENDING, requested_at=timezone.now(), attempts=0
    )


def queue_pdf(review_id: int) -> None:
    """Mark the PDF as wanted and queue its render after commit (the sweep catches a lost
    message). Call inside the transaction that makes the PDF wanted."""
    request_pdf(review_id)
    enqueue_on_commit(RENDER_TASK, review_id=review_id)


def claim_pdf(review_id: int, token: str) -> bool:
    """Take the render for `token`: when nobody renders, the lease ran out, or the holder was
    this same task (see the module docstring)."""
    PdfRendition.objects.get_or_create(document_id=review_id)
    now = timezone.now()
    task_id = token.rpartition(":")[0]
    free = ~Q(status=PdfStatus.RENDERING) | Q(lease_until__isnull=True) | Q(lease_until__lte=now)
    if task_id:
        free |= Q(claimed_by__startswith=f"{task_id}:")
    claimed = PdfRendition.objects.filter(free, document_id=review_id).update(
        status=PdfStatus.RENDERING,
        claimed_by=token,
        lease_until=now + PDF_LEASE,
        requested_at=now,
    )
    return claimed == 1


def store_pdf(review_id: int, token: str, *, name: str, digest: str) -> bool:
    """Record the rendered file, if `token` still holds the claim."""
    return (
        PdfRendition.objects.filter(
            document_id=review_id, status=PdfStatus.RENDERING, claimed_by=token
        ).update(
            status=PdfStatus.READY,
            file=name,
            hash=digest,
            error="",
            attempts=0,
            rendered_at=timezone.now(),
            claimed_by="",
            lease_until=None,
        )
        == 1
    )


def record_failure(review_id: int, token: str, *, attempts: int, error: str) -> None:
    PdfRendition.objects.filter(document_id=review_id, claimed_by=token).update(
        status=PdfStatus.FAILED if attempts >= MAX_PDF_ATTEMPTS else PdfStatus.PENDING,
        error=error[:2000],
        attempts=attempts,
        claimed_by="",
        lease_until=None,
    )


def stored_whole(name: str) -> bool:
    """The PDF is in storage and written to its end (a PDF's last line is %%EOF)."""
    if not default_storage.exists(name):
        return False
    with default_storage.open(name, "rb") as stored:
        size = stored.seek(0, 2)
        stored.seek(max(0, size - 1024))
        return b"%%EOF" in stored.read()


def render_review_pdf_now(review_id: int, *, task_id: str | None = None) -> str:
    """Render the review's PDF unless a PDF of the same content exists; returns what happened:
    gone, nothing-to-render, up-to-date, already-rendering, superseded or rendered."""
    review = (
        Document.objects.filter(pk=review_id)
        .select_related("cycle", "published_revision", "pdf")
        .first()
    )
    if review is None:
        log.info("review %s is gone: no PDF to render", review_id)
        return "gone"
    revision = pdf.pdf_revision(review)
    if revision is None:
        return "nothing-to-render"
    digest = pdf.content_hash(review, revision)
    name = f"pdfs/{file_stem(review.authored_by)}-{review.cycle.slug}-{digest[:16]}.pdf"
    current = review.rendition
    if current.hash == digest and current.status == PdfStatus.READY and current.file:
        return "up-to-date"
    token = claim_token(task_id)
    if not claim_pdf(review_id, token):
        return "already-rendering"
    try:
        if not stored_whole(name):
            # A worker killed while writing leaves a truncated file under the final name: the
            # redelivered task writes it again rather than keep it.
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(pdf.render_pdf(review, revision)))
    except Exception as error:
        attempts = current.attempts + 1
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
        # The public pages now link to the PDF.
        warming.refresh_public_pages(review.pk, [warming.document_scope(review)])
    return "rendered"


def pdfs_to_render() -> list[int]:
    """For the sweep: the reviews whose PDF is pending and lost, claimed by a dead worker, or
    out of date (published, or submitted and awaiting the secretariat)."""
    now = timezone.now()
    candidates = Document.objects.filter(
        Q(published_revision__isnull=False) | Q(status=ReviewStatus.SUBMITTED)
    ).select_related("cycle", "published_revision", "pdf")
    return [review.pk for review in candidates if needs_rendering(review, now)]


def file_stem(authored_by: str) -> str:
    """The authoring body's key as a file name: a State's ISO3 code or a commission's code as
    it is; an input's "ECE:org-Some name" without the characters a file name should not hold."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", authored_by).strip("-") or "document"


def needs_rendering(review: Document, now) -> bool:
    """For the sweep: pending and lost, claimed by a dead worker, or out of date."""
    current = review.rendition
    if current.status == PdfStatus.PENDING:
        return current.requested_at is None or current.requested_at < now - PENDING_LOST_AFTER
    if current.status == PdfStatus.RENDERING:
        return current.lease_until is None or current.lease_until <= now
    if current.status in {PdfStatus.READY, PdfStatus.NONE}:
        revision = pdf.pdf_revision(review)
        return revision is not None and pdf.content_hash(review, revision) != current.hash
    return False
