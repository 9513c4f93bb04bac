import io
import tracemalloc
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


# --- zip bombs and extensions (issue 10) ---------------------------------------------------


def zip_with_zeros(path, *, member, megabytes, extra=()):
    """A small archive whose `member` unpacks to `megabytes` MB of zeros.

    Written in 1 MB pieces through zipfile's streaming writer, so the test never holds the
    unpacked bytes either. `extra` adds (name, text) members.
    """
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in extra:
            archive.writestr(name, text)
        with archive.open(member, "w", force_zip64=False) as stream:
            for _ in range(megabytes):
                stream.write(chunk)
    return path.read_bytes()


def post_measured(client, name, content):
    """POST the upload; answer the response and the peak memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        response = client.post(
            URL, {"kind": "supporting", "file": SimpleUploadedFile(name, content)}
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def field_errors(response):
    return response.context["form"].errors["file"]


def test_an_odt_whose_mimetype_unpacks_to_256_mb_is_refused_without_unpacking(
    client, draft, focal_point, tmp_path
):
    client.force_login(focal_point)
    bomb = zip_with_zeros(tmp_path / "bomb.odt", member="mimetype", megabytes=256)
    assert len(bomb) < 1024 * 1024
    response, peak = post_measured(client, "bomb.odt", bomb)
    assert response.status_code == 400
    assert field_errors(response) == [
        "This document would unpack to more than 200 MB; it is refused as unsafe (a “zip bomb”)."
    ]
    assert peak < 20 * 1024 * 1024
    assert Attachment.objects.count() == 0


def test_a_docx_with_a_member_compressed_over_100_to_1_is_refused(
    client, draft, focal_point, tmp_path
):
    client.force_login(focal_point)
    bomb = zip_with_zeros(
        tmp_path / "bomb.docx",
        member="word/media/image1.bmp",
        megabytes=50,
        extra=[("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")],
    )
    response, peak = post_measured(client, "bomb.docx", bomb)
    assert response.status_code == 400
    assert field_errors(response) == [
        "A part of this document is compressed more than 100 to 1; it is refused as unsafe "
        "(a “zip bomb”)."
    ]
    assert peak < 20 * 1024 * 1024
    assert Attachment.objects.count() == 0


def test_an_archive_of_too_many_members_is_refused(client, draft, focal_point):
    client.force_login(focal_point)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(5001):
            archive.writestr(f"word/parts/{number}.xml", "")
    response = client.post(
        URL, {"kind": "supporting", "file": SimpleUploadedFile("many.docx", buffer.getvalue())}
    )
    assert response.status_code == 400
    assert field_errors(response) == [
        "This document is made of more than 5000 parts; it is refused as unsafe."
    ]


def test_an_odt_with_a_long_but_honest_mimetype_reads_only_its_start(
    client, draft, focal_point, monkeypatch
):
    """The ODT check reads a few hundred bytes of `mimetype`, however long it says it is."""
    asked = []
    read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        asked.append(n)
        return read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" + " " * 500_000)
        archive.writestr("content.xml", "<office:document-content/>")
    client.force_login(focal_point)
    response = client.post(
        URL, {"kind": "supporting", "file": SimpleUploadedFile("long.odt", buffer.getvalue())}
    )
    assert response.status_code == 302
    assert Attachment.objects.get().content_type == "application/vnd.oasis.opendocument.text"
    assert asked == [200]


@pytest.mark.parametrize("name,expected", [("x.html", "x.pdf"), ("fdp.exe", "fdp.pdf")])
def test_a_pdf_uploaded_under_another_extension_is_stored_and_served_as_pdf(
    client, draft, focal_point, name, expected
):
    client.force_login(focal_point)
    upload = SimpleUploadedFile(name, b"%PDF-1.4 x", content_type="text/html")
    assert client.post(URL, {"kind": "supporting", "file": upload}).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith(".pdf")
    assert attachment.original_name == expected
    response = client.get(f"{URL}{attachment.pk}/")
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["Content-Type"] == "application/pdf"


def test_an_attachment_stored_before_under_its_uploaders_name_downloads_as_pdf(
    client, draft, focal_point
):
    """Rows kept from before the fix still carry `x.html`: the download renames them."""
    from django.core.files.base import ContentFile

    attachment = Attachment(
        document=draft,
        kind="supporting",
        original_name="x.html",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=focal_point,
    )
    attachment.file.save("x.html", ContentFile(b"%PDF-1.4 x"), save=True)
    assert attachment.file.name.endswith(".pdf")
    client.force_login(focal_point)
    response = client.get(f"{URL}{attachment.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
