"""Checking an uploaded document by its content, never by its name.

`check_document(upload)` answers the checked content type and extension (`.pdf`, `.docx`,
`.xlsx`, `.odt`) or raises a `ValidationError` whose message is shown at the upload's field.
Office documents are ZIP archives, and a small archive can unpack to gigabytes (a "zip bomb"):
so nothing here ever unpacks a whole member. The archive's own table of contents is checked
first (how many members, their declared sizes, how far each is compressed) and at most a few
hundred bytes of one member (an ODT's `mimetype`) are read. Downloads and stored names take
their extension from the checked type (`extension_for`, `download_name`), so a PDF uploaded as
`x.html` or `setup.exe` comes back as a `.pdf`.

This module imports no model: `reviews.models` uses it for attachment paths.
"""

import zipfile
import zlib
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# A long report in DOCX holds a few dozen members, a workbook with images a few hundred.
MAX_MEMBERS = 5000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Small members compress far (an empty sheet, a run of identical rows) and cannot hurt anyone;
# the ratio applies from this declared size on.
RATIO_GRACE_BYTES = 1024 * 1024
# How much of an ODT's `mimetype` member is read: the type is 39 bytes long.
MIMETYPE_READ_BYTES = 200

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", ODT: ".odt"}
# The member that tells an OOXML document's kind; its presence is enough, it is never read.
ZIP_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}

NOT_A_DOCUMENT = _("This file is not a PDF, DOCX, XLSX or ODT document (checked by its content).")
TOO_MANY_MEMBERS = _("This document is made of more than %(limit)s parts; it is refused as unsafe.")
TOO_BIG_UNPACKED = _(
    "This document would unpack to more than %(limit)s MB; it is refused as unsafe (a “zip bomb”)."
)
TOO_COMPRESSED = _(
    "A part of this document is compressed more than %(ratio)s to 1; it is refused as unsafe "
    "(a “zip bomb”)."
)

CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"


def extension_for(content_type: str) -> str:
    """The extension of a checked content type; empty for a type we never accept."""
    return EXTENSIONS.get(content_type, "")


def download_name(name: str, content_type: str) -> str:
    """The uploader's file name, made to end in the extension of the checked type.

    `plan.pdf` stays `plan.pdf`, `x.html` holding a PDF becomes `x.pdf`, `fdp.exe` `fdp.pdf`.
    """
    extension = extension_for(content_type)
    if not extension or name.lower().endswith(extension):
        return name
    stem = PurePosixPath(name).stem or "document"
    return f"{stem}{extension}"


def check_document(upload) -> tuple[str, str]:
    """The checked (content type, extension) of an upload, or ValidationError.

    The size limit comes first, so nothing else reads an oversized file. Leaves the upload at
    its start.
    """
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 20 MB.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}"},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF, EXTENSIONS[PDF]
        if head.startswith(b"PK\x03\x04"):
            content_type = _sniff_archive(upload)
            if content_type:
                return content_type, EXTENSIONS[content_type]
    finally:
        upload.seek(0)
    raise ValidationError(NOT_A_DOCUMENT, code="not_a_document")


def _sniff_archive(upload) -> str | None:
    _refuse_many_members(upload)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            _refuse_bomb(members)
            names = {member.filename for member in members}
            if "mimetype" in names:
                # Bounded read: the declared size may lie, the decompressor stops at the count.
                with archive.open("mimetype") as member:
                    if member.read(MIMETYPE_READ_BYTES).strip() == ODT.encode():
                        return ODT
            for marker, content_type in ZIP_MARKERS.items():
                if marker in names:
                    return content_type
    # A damaged, encrypted or exotic archive (unknown compression) is simply not a document.
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
        return None
    return None


def _refuse_many_members(upload) -> None:
    """Count the members before zipfile reads its table of contents.

    zipfile builds one object per entry of the central directory, about 500 bytes each: a 20 MB
    upload of empty entries would cost over 100 MB of memory. Every entry zipfile accepts starts
    with the central directory signature, so counting the signatures in the bytes bounds the
    entries it could build (stray matches in compressed data only make the count larger).
    """
    upload.seek(0)
    count, tail = 0, b""
    for chunk in upload.chunks():
        window = tail + chunk
        count += window.count(CENTRAL_DIRECTORY_ENTRY)
        # Keep three bytes so a signature split over two chunks is seen, and never twice.
        tail = window[-3:]
        if count > MAX_MEMBERS:
            raise ValidationError(
                TOO_MANY_MEMBERS % {"limit": MAX_MEMBERS}, code="too_many_members"
            )


def _refuse_bomb(members) -> None:
    if len(members) > MAX_MEMBERS:
        raise ValidationError(TOO_MANY_MEMBERS % {"limit": MAX_MEMBERS}, code="too_many_members")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ValidationError(
            TOO_BIG_UNPACKED % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)},
            code="zip_bomb",
        )
    for member in members:
        if (
            member.file_size > RATIO_GRACE_BYTES
            and member.file_size > MAX_RATIO * member.compress_size
        ):
            raise ValidationError(TOO_COMPRESSED % {"ratio": MAX_RATIO}, code="zip_bomb")
