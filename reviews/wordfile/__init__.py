"""The Word round trip (issue 18): a national review exported to .docx or .odt with the
template's structure, and such a file read back into the draft.

Export: `export_file(document, revision=..., fmt=...)` gives the file's bytes, its ASCII name and
content type; `outline` lays out what the file says, `docx_out`/`odt_out` write it, `md_runs`
turns the review's Markdown into paragraphs and runs, `identity` signs what the file came from.
Import: `reading.read_file` (with `docx_in`, `odt_in`, `matching`, `to_markdown`), then the
review and apply steps (`proposal`, `importing`).

python-docx and odfpy are imported only under this package.
"""

from django.utils.text import slugify
from django.utils.translation import pgettext

from reviews.content import snapshot
from reviews.models import ReviewStatus

FORMATS = ("docx", "odt")


class UnknownFormat(ValueError):
    """A format the export does not write (only "docx" and "odt")."""


def export_file(document, *, revision=None, fmt: str = "docx") -> tuple[bytes, str, str]:
    """The review as a file: (bytes, ASCII file name, content type).

    `revision` None: the working draft as it is now, or for a published review its published
    revision; otherwise that `ReviewRevision` of the document. `fmt`: "docx" or "odt"."""
    # Each import says why it is here: loading the writers (python-docx, odfpy, lxml) only for
    # an export keeps them out of every page, and this package's modules import it back.
    from reviews.wordfile import docx_out, odt_out  # local: heavy writers, and a cycle
    from reviews.wordfile.outline import outline  # local: outline imports this package

    writers = {
        "docx": (docx_out.write_docx, docx_out.CONTENT_TYPE),
        "odt": (odt_out.write_odt, odt_out.CONTENT_TYPE),
    }
    if fmt not in writers:
        raise UnknownFormat(fmt)
    if revision is None and document.status == ReviewStatus.PUBLISHED:
        revision = document.published_revision
    if revision is None:
        content, number, version = snapshot(document), None, document.version
        status, saved_at = document.get_status_display(), None
    else:
        content, number, version = revision.content, revision.number, revision.version
        status, saved_at = revision_status(document, revision), revision.updated_at
    plan = outline(
        document,
        content,
        revision_number=number,
        version=version,
        status_label=str(status),
        saved_at=saved_at,
    )
    write, content_type = writers[fmt]
    return write(plan), file_name(document, version, fmt), content_type


def revision_status(document, revision) -> str:
    """What the cover calls a revision: published, submitted, or a draft."""
    if document.published_revision_id == revision.pk:
        return str(ReviewStatus.PUBLISHED.label)
    if revision.kind == "submission":
        return str(ReviewStatus.SUBMITTED.label)
    return pgettext("review status", "Draft")


def file_name(document, version: int, fmt: str) -> str:
    """`MEX-imrf-2026-v12.docx`: the State's code, the cycle, the version (ASCII only)."""
    review = document.specific
    cycle = slugify(review.cycle.slug) or "cycle"
    return f"{review.member_state_id}-{cycle}-v{version}.{fmt}"
