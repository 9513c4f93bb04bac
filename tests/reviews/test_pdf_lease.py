"""A PDF claim has an owner and a short lease: a killed worker never leaves a PDF stuck."""

import shutil
from datetime import timedelta

import pytest
from django.utils import timezone

from reviews import pdf
from reviews.models import PdfRendition, PdfStatus
from reviews.tasks import render_review_pdf, sweep_pdfs
from reviews.workflow import submit_document

pytestmark = pytest.mark.django_db
DEAD_TASK = "5b7f3c1e-0000-4000-8000-00000000dead"
WHOLE = b"%PDF-1.7 test\n%%EOF\n"


@pytest.fixture
def review(complete_draft, focal_point, settings, tmp_path, monkeypatch,
           django_capture_on_commit_callbacks):  # fmt: skip
    """A submitted review whose PDF is wanted again (WeasyPrint replaced: the claim is tested)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(pdf, "render_pdf", lambda review, revision: WHOLE)
    with django_capture_on_commit_callbacks(execute=True):
        submit_document(complete_draft, by=focal_point)
    PdfRendition.objects.filter(document_id=complete_draft.pk).update(
        status=PdfStatus.PENDING, hash=""
    )
    shutil.rmtree(tmp_path / "pdfs")  # stored under its content hash: render it for real again
    return complete_draft


def killed_while_rendering(review, *, task_id=DEAD_TASK, lease_left=timedelta(seconds=150),
                           started=timedelta(seconds=30)):  # fmt: skip
    """The row as a worker SIGKILLed mid-render leaves it: rendering, claimed, lease running."""
    now = timezone.now()
    PdfRendition.objects.filter(document_id=review.pk).update(
        status=PdfStatus.RENDERING,
        claimed_by=f"{task_id}:0badc0de",
        lease_until=now + lease_left,
        requested_at=now - started,
    )


def run(review, task_id):
    return render_review_pdf.apply(kwargs={"review_id": review.pk}, task_id=task_id).get()


def row(review):
    return PdfRendition.objects.values("status", "claimed_by", "lease_until", "hash").get(
        document_id=review.pk
    )


def test_the_redelivered_task_takes_over_its_own_claim_at_once(review):
    killed_while_rendering(review)
    assert run(review, DEAD_TASK) == "rendered"
    after = row(review)
    assert (after["status"], after["claimed_by"], after["lease_until"]) == (
        PdfStatus.READY, "", None,
    )  # fmt: skip
    assert len(after["hash"]) == 64


def test_a_file_cut_short_by_the_kill_is_written_again_by_the_redelivered_task(review, tmp_path):
    """Killed while writing, not rendering: the final name (its content's hash) holds half a
    PDF. The redelivered task must not take it for the finished file."""
    assert run(review, "first-task") == "rendered"
    name = row_file(review)
    (tmp_path / name).write_bytes(WHOLE[:9])  # what the kill left
    PdfRendition.objects.filter(document_id=review.pk).update(status=PdfStatus.PENDING, hash="")
    killed_while_rendering(review)
    assert run(review, DEAD_TASK) == "rendered"
    assert row_file(review) == name
    assert (tmp_path / name).read_bytes() == WHOLE
    assert [p.name for p in (tmp_path / "pdfs").iterdir()] == [name.removeprefix("pdfs/")]


def row_file(review) -> str:
    return PdfRendition.objects.get(document_id=review.pk).file.name


def test_another_task_waits_while_the_lease_runs(review):
    killed_while_rendering(review)
    assert run(review, "another-task") == "already-rendering"
    after = row(review)
    assert (after["status"], after["claimed_by"]) == (
        PdfStatus.RENDERING, f"{DEAD_TASK}:0badc0de",
    )  # fmt: skip


def test_another_task_takes_over_once_the_lease_ran_out(review):
    killed_while_rendering(review, lease_left=-timedelta(seconds=1), started=timedelta(minutes=4))
    assert run(review, "another-task") == "rendered"
    assert row(review)["status"] == PdfStatus.READY


def test_the_claim_names_its_task_and_a_lease_longer_than_the_hard_time_limit(review, monkeypatch):
    seen = {}

    def spy(review_, revision):
        seen.update(row(review))
        return b"%PDF-1.7 test"

    monkeypatch.setattr(pdf, "render_pdf", spy)
    before = timezone.now()
    assert run(review, "task-1") == "rendered"
    assert seen["status"] == PdfStatus.RENDERING
    assert seen["claimed_by"].startswith("task-1:")
    lease = seen["lease_until"] - before
    assert timedelta(seconds=render_review_pdf.time_limit) < lease < timedelta(minutes=5)


def test_a_worker_whose_claim_was_taken_over_does_not_overwrite_the_result(review, monkeypatch):
    def taken_over_meanwhile(review_, revision):
        # While this render ran past its lease, another task claimed the PDF.
        PdfRendition.objects.filter(document_id=review.pk).update(claimed_by="newer-task:1234")
        return b"%PDF-1.7 late"

    monkeypatch.setattr(pdf, "render_pdf", taken_over_meanwhile)
    assert run(review, "slow-task") == "superseded"
    after = row(review)
    assert (after["status"], after["claimed_by"], after["hash"]) == (
        PdfStatus.RENDERING, "newer-task:1234", "",
    )  # fmt: skip


def test_the_sweep_requeues_a_claim_whose_lease_ran_out_and_not_a_live_one(
    review, django_capture_on_commit_callbacks
):
    killed_while_rendering(review, started=timedelta(minutes=4))
    assert sweep_pdfs() == 0
    killed_while_rendering(review, lease_left=-timedelta(seconds=1), started=timedelta(minutes=4))
    assert sweep_pdfs() == 1  # eager in these tests: the queued task rendered it at once
    assert row(review)["status"] == PdfStatus.READY
