"""The public PDF lists the attachments of the published revision, never those of a new draft."""

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import PdfStatus, VoluntaryReview
from reviews.pdf import render_html
from reviews.tasks import sweep_pdfs
from reviews.workflow import publish_document, revise_document, submit_document

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]
URL = "/en/workspace/imrf-2026/MEX/attachments/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def attach(client, user, name, kind="supporting"):
    client.force_login(user)
    upload = SimpleUploadedFile(name, b"%PDF-1.7\n%...\n", content_type="application/pdf")
    assert client.post(URL, {"kind": kind, "file": upload}).status_code == 302


def pdf_text(media, review) -> str:
    review.refresh_from_db()
    assert review.rendition.status == PdfStatus.READY
    path = media / review.rendition.file.name
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_a_draft_attachment_never_reaches_the_public_pdf(
    client, complete_draft, focal_point, secretariat_user, media,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    attach(client, focal_point, "National-plan-2025.pdf", kind="national_plan")
    with django_capture_on_commit_callbacks(execute=True):
        submit_document(complete_draft, by=focal_point)
        review = publish_document(complete_draft, by=secretariat_user)
    published_pdf = pdf_text(media, review)
    assert "National-plan-2025.pdf (National implementation plan)" in published_pdf

    # A new version is started and a confidential file attached to the draft.
    with django_capture_on_commit_callbacks(execute=True):
        revise_document(review, by=focal_point)
    attach(client, focal_point, "Confidential-cabinet-note.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        queued = sweep_pdfs()
    text = pdf_text(media, review)
    assert "National-plan-2025.pdf (National implementation plan)" in text
    assert "Confidential" not in text
    assert queued == 0  # what the public PDF shows did not change: nothing to re-render

    # Once the new version is itself published, its PDF lists both.
    with django_capture_on_commit_callbacks(execute=True):
        submit_document(review, by=focal_point)
        publish_document(review, by=secretariat_user)
    text = pdf_text(media, review)
    assert "National-plan-2025.pdf (National implementation plan)" in text
    assert "Confidential-cabinet-note.pdf (Supporting document)" in text


def test_a_revision_recorded_before_attachments_were_snapshotted_lists_none(
    client, complete_draft, focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    attach(client, focal_point, "National-plan-2025.pdf", kind="national_plan")
    with django_capture_on_commit_callbacks(execute=True):
        submit_document(complete_draft, by=focal_point)
        review = publish_document(complete_draft, by=secretariat_user)
    review = VoluntaryReview.objects.select_related("published_revision", "cycle").get(pk=review.pk)
    revision = review.published_revision
    assert [a["name"] for a in revision.content["attachments"]] == ["National-plan-2025.pdf"]
    # Listed, with the address where readers download it (a national plan is public).
    listed = "<li>National-plan-2025.pdf (National implementation plan): <a href="
    assert listed in render_html(review, revision)

    del revision.content["attachments"]  # as stored by the portal before this change
    assert 'id="attachments"' not in render_html(review, revision)
