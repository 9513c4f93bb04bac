"""A real prefork worker is SIGKILLed mid-render: the redelivered task renders the PDF at once,
within a minute of the kill, and exactly one PDF results.

The session's worker (tests/conftest.py) is a thread inside pytest and cannot be killed alone,
so this test starts `celery worker` as its own process, on a queue of its own, and kills its
pool process while WeasyPrint is busy.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from reviews.models import (
    MemberState,
    PdfRendition,
    PdfStatus,
    ReviewCycle,
    ReviewRevision,
    VoluntaryReview,
)
from reviews.tasks import render_review_pdf
from tests.waiting import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
QUEUE = "pdf-worker-killed"


def long_submitted_review() -> VoluntaryReview:
    """Submitted, with a revision long enough (~15 pages) that rendering takes seconds.

    Made directly (test set-up only): a transition would queue its render on the shared queue.
    """
    text = " ".join(f"Paragraph {n} on regular pathways and consular support." for n in range(40))
    entry = {"status": "under_way", "priority": None, "narrative": text, "principles": [],
             "practices": []}  # fmt: skip
    content = {
        "language": "en",
        "sections": {str(n): "\n\n".join([text] * 3) for n in range(1, 6)},
        "objectives": {str(n): entry for n in range(1, 24)},
        "details": {"stakeholders": [], "part_of_national_plan": False,
                    "limits_justification": "", "contacts": []},
        "attachments": [],
    }  # fmt: skip
    review = VoluntaryReview.objects.create(
        member_state=MemberState.objects.get(iso3="MEX"),
        cycle=ReviewCycle.objects.get(slug="imrf-2026"),
        status="submitted",
    )
    PdfRendition.objects.create(document=review, status=PdfStatus.PENDING)
    ReviewRevision.objects.create(
        document=review, number=1, kind="submission", version=1, content=content
    )
    return review


def start_worker(media: Path) -> subprocess.Popen:
    database = connection.settings_dict
    env = {
        **os.environ,
        # The worker reads the test database and writes PDFs where the test looks.
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "MEDIA_ROOT": str(media),
    }
    command = [sys.executable, "-m", "celery", "-A", "gcm_portal", "worker", "--pool=prefork",
               "--concurrency=1", f"--queues={QUEUE}", "--hostname=killed@%h", "--loglevel=INFO",
               "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def pool_processes(worker: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def row(review):
    return PdfRendition.objects.values("status", "claimed_by").get(document_id=review.pk)


def test_a_render_killed_mid_way_is_taken_over_by_its_redelivered_task(
    reference_data, settings, tmp_path
):
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL and Redis of scripts/with-services.sh (make test)")
    settings.MEDIA_ROOT = tmp_path
    review = long_submitted_review()
    worker = start_worker(tmp_path)
    try:
        result = render_review_pdf.apply_async(kwargs={"review_id": review.pk}, queue=QUEUE)
        assert wait_for(lambda: row(review)["status"] == PdfStatus.RENDERING, seconds=90)
        first_claim = row(review)["claimed_by"]
        assert first_claim.startswith(f"{result.id}:")
        (pool,) = pool_processes(worker)
        os.kill(pool, signal.SIGKILL)
        killed_at = time.monotonic()
        # Killed mid-render: the claim is still there, with its lease running (210 s).
        assert row(review) == {"status": PdfStatus.RENDERING, "claimed_by": first_claim}
        assert not list(tmp_path.rglob("*.pdf"))  # killed before any file was written

        # The broker hands the same task to the new pool process, which takes over its own
        # claim at once instead of answering "already-rendering" until the lease runs out:
        # ready within a minute of the kill.
        assert wait_for(lambda: row(review)["status"] == PdfStatus.READY, seconds=60)
        recovered_in = time.monotonic() - killed_at
        assert recovered_in <= 60
        review.refresh_from_db()
        assert (tmp_path / review.rendition.file.name).read_bytes().startswith(b"%PDF-")
        assert review.rendition.claimed_by == "" and review.rendition.lease_until is None
        # Exactly one PDF results: one row for the review, one file in storage, the row's.
        assert PdfRendition.objects.filter(document_id=review.pk).count() == 1
        assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()] == [
            review.rendition.file.name
        ]
        print(f"kill to READY: {recovered_in:.1f} s")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "WorkerLostError" in output  # the pool process really died under the task
    assert output.count(f"Task reviews.render_pdf[{result.id}] received") == 2
    assert f"Task reviews.render_pdf[{result.id}] succeeded" in output
    assert "'rendered'" in output
