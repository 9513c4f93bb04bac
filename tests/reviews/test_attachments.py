import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment

pytestmark = pytest.mark.django_db
URL = "/en/workspace/imrf-2026/MEX/attachments/"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("plan.pdf", b"%PDF-1.7\n%...\n", "application/pdf"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("plan.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_upload_checked_by_content_stored_under_a_random_name(
    client, draft, focal_point, name, content, expected
):
    client.force_login(focal_point)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(URL, {"kind": "national_plan", "file": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.original_name, attachment.size) == (
        expected,
        name,
        len(content),
    )
    assert name.split(".")[0] not in attachment.file.name
    assert len(attachment.file.name.split("/")[-1].split(".")[0]) == 32


def test_a_renamed_executable_is_refused_at_the_field(client, draft, focal_point):
    client.force_login(focal_point)
    upload = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(URL, {"kind": "supporting", "file": upload})
    assert response.status_code == 400
    assert "is not a PDF, DOCX, XLSX or ODT document" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_more_than_20_mb_is_refused(client, draft, focal_point):
    client.force_login(focal_point)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 + 1))
    response = client.post(URL, {"kind": "supporting", "file": upload})
    assert response.status_code == 400
    assert "the limit is 20 MB" in response.content.decode()


@pytest.mark.parametrize(
    "persona,status",
    [
        ("focal_point", 200),
        ("colleague", 200),
        ("secretariat_user", 200),
        ("other_focal_point", 404),
    ],
)
def test_download_only_for_those_who_see_the_review(
    client, draft, focal_point, request, persona, status
):
    client.force_login(focal_point)
    client.post(URL, {"kind": "supporting", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
    attachment = Attachment.objects.get()
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"{URL}{attachment.pk}/")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == 'attachment; filename="a.pdf"'
        assert b"".join(response.streaming_content) == b"%PDF-1.4 x"


def test_anonymous_cannot_download(client, draft, focal_point):
    client.force_login(focal_point)
    client.post(URL, {"kind": "supporting", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
    client.logout()
    response = client.get(f"{URL}{Attachment.objects.get().pk}/")
    assert response.status_code == 302
