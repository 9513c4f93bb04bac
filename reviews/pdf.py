"""Render a document to a PDF that reads like a UN document, in any of the six UN languages.

Each kind names its template and what it reads (`DocumentKind.pdf_template`, `pdf_context`);
every PDF shares the print stylesheet, fonts, footer and metadata below. For a national review
WeasyPrint turns an HTML template (reviews/pdf/review.html) and a print stylesheet of its own
(reviews/pdf/review.css, no CSS framework) into PDF/UA-1: a cover page, a table of contents
with page numbers, bookmarks for every section and objective, running header and footer, the
23-objective table, the promising practices and the list of attachments. Fonts are Debian's
Noto families, named per script so that fontconfig never picks a fallback: Chinese uses the
Simplified Chinese face (`lang="zh-Hans"` and Noto Sans CJK SC), Arabic Noto Naskh Arabic.

Its text, language and list of attachments come from one revision (the published one, or
before publication the last submission), never from the working copy: a new draft's text or
attachments reach the public PDF only when that draft is itself published.
"""

import gc
import hashlib
import json
import re
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from reviews.content import html_lang, text_direction
from reviews.models import Attachment, Document
from reviews.pdf_fonts import read_fonts_on_demand
from reviews.pdf_streams import serialise_streams_once
from reviews.selectors import public_attachments, review_document

STYLESHEET = Path(__file__).parent / "templates" / "reviews" / "pdf" / "review.css"
# Bump when the template or stylesheet changes in a way that should re-render every PDF.
LAYOUT_VERSION = "5"  # 5: row headers, English names marked lang="en", cover values wrap
PDF_VARIANT = "pdf/ua-1"

# Every render in the process reads font files on demand instead of copying them whole: the
# Chinese render's peak RSS drops by ~65 MB and the PDF stays the same (reviews/pdf_fonts.py).
read_fonts_on_demand()
# ... and serialises each PDF stream once, not again for the file's /ID (reviews/pdf_streams.py).
serialise_streams_once()


def pdf_revision(document: Document):
    """What the PDF shows: the published revision, or before publication the last submission."""
    if document.published_revision_id:
        return document.published_revision
    return document.revisions.filter(kind="submission").order_by("-number").first()


def revision_attachments(revision) -> list[dict]:
    """The attachments recorded in the revision (a revision recorded before the portal kept
    them in its snapshot has none), each with its kind's label in the active language."""
    kinds = dict(Attachment.Kind.choices)
    return [
        {**a, "kind_label": kinds.get(a["kind"], a["kind"])}
        for a in revision.content.get("attachments", [])
    ]


def content_hash(document: Document, revision) -> str:
    """Identifies a PDF: same content (attachments included), dates and layout → same file."""
    payload = {
        "content": revision.content,
        # The authoring body (a State's ISO3 code for a national review: the key keeps its
        # old name, so that no national PDF is rendered again for this change alone).
        "state": document.authored_by,
        "cycle": document.cycle.slug,
        "submitted": document.submitted_at.isoformat() if document.submitted_at else None,
        "published": document.published_at.isoformat() if document.published_at else None,
        # Their names are in "content" too; this key keeps the hash of an older revision
        # (recorded without them) of a review without attachments as it was: no re-render.
        "attachments": sorted(a["name"] for a in revision.content.get("attachments", [])),
        "layout": LAYOUT_VERSION,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def national_context(review, revision) -> dict:
    """What the national template reads besides what every PDF gets (a kind that declares no
    `pdf_context`): the revision ready to read, and the public address of each attachment
    published with it (`public_attachment_urls`, by id), which the PDF links to."""
    return {
        # No word counts: the PDF shows none, and counting every entry's words is work.
        **review_document(revision.content, words=False),
        "public_attachment_urls": {
            a["id"]: settings.SITE_URL
            + reverse(
                "reviews:public_attachment",
                kwargs={"cycle": review.cycle.slug, "iso3": review.member_state_id, "pk": a["id"]},
            )
            for a in public_attachments(revision.content)
        },
    }


def render_html(document: Document, revision) -> str:
    """The kind's PDF template (`DocumentKind.pdf_template`) with what every PDF gets (the
    document, as `document` and as `review`, its revision, language, direction, cover and
    attachments) and what the kind adds (`pdf_context`), in the document's language."""
    spec = document.kind_spec
    document = document.specific
    language = revision.content["language"]
    with translation.override(language):
        extra = (spec.pdf_context or national_context)(document, revision)
        return render_to_string(
            spec.pdf_template,
            {
                "document": document,
                "review": document,
                "revision": revision,
                "lang": html_lang(language),
                "dir": text_direction(language),
                "language_name": dict(settings.LANGUAGES).get(language, language),
                "attachments": revision_attachments(revision),
                "cover": spec.pdf_cover(document),
                **extra,
            },
        )


def page_css(language: str) -> str:
    """The running footer, translated as one sentence (word order differs between languages):
    "Page %(page)s of %(pages)s" becomes CSS `content` with the page counters in its slots."""
    with translation.override(language):
        sentence = _("Page %(page)s of %(pages)s")
    pieces = []
    for piece in re.split(r"(%\(pages?\)s)", sentence):
        if piece == "%(page)s":
            pieces.append("counter(page)")
        elif piece == "%(pages)s":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append('"' + piece.replace("\\", "").replace('"', "") + '"')
    return "@page { @bottom-center { content: " + " ".join(pieces) + "; } }"


_per_thread = threading.local()


def font_config() -> FontConfiguration:
    """The font configuration every render of this thread shares (Pango is not thread-safe).

    WeasyPrint makes a new one per render unless given one, and the previous render's fonts
    stay in memory until the garbage collector finds them. Measured with bench/pdf.py: three
    Chinese renders in one process peak at 265 MB, 226 MB with one configuration; the six
    languages in a row at 242-244 MB, 239 MB with one (the Chinese render itself adds ~85 MB),
    and each render is a little faster."""
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        config = _per_thread.font_config = FontConfiguration()
    return config


def stylesheets(language: str) -> list[CSS]:
    """The print stylesheet and the language's footer, parsed once per thread and language:
    WeasyPrint reads a stylesheet without changing it (its own default ones are parsed once
    per process), so the next render of the thread reuses them."""
    parsed = getattr(_per_thread, "stylesheets", None)
    if parsed is None:
        parsed = _per_thread.stylesheets = {}
    if language not in parsed:
        fonts = font_config()
        parsed[language] = [
            CSS(filename=str(STYLESHEET), font_config=fonts),
            CSS(string=page_css(language), font_config=fonts),
        ]
    return parsed[language]


@contextmanager
def collector_paused():
    """Keep Python's cyclic garbage collector out of a render, and collect once after it.

    A render keeps some 70,000 new objects (boxes, styles, PDF operators) alive until it ends:
    the collector went through them in ~100 young and ~10 middle collections per render for
    nothing, and in a full one that also went through the worker's ~180,000 long-lived
    objects: about a tenth of an English render (bench/pdf.py --in-a-row, baseline
    "before-speed"). One collection of the youngest generation afterwards (the render's
    objects, not the worker's) frees the render's cycles at once, so memory comes back as
    before. The switch is process-wide: a render in another thread meanwhile only goes
    without the collector a little longer."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect(0)


def render_pdf(document: Document, revision) -> bytes:
    with collector_paused():
        html = render_html(document, revision)
        page = HTML(string=html, base_url=str(STYLESHEET.parent))
        return page.write_pdf(
            stylesheets=stylesheets(revision.content["language"]),
            font_config=font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_identifier=f"gcm-{document.authored_by}-{document.cycle.slug}".encode(),
        )
