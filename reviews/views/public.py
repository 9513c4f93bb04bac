"""The published review as the public reads it: only the pinned revision, never the draft."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from reviews.models import Attachment, VoluntaryReview
from reviews.public_cache import memoized, revision_memo_key
from reviews.published_diff import changes, previous_review
from reviews.published_html import published_texts
from reviews.selectors import (
    _WORKING_COPY_FIELDS,
    earlier_publications,
    public_attachments,
    rendered_texts,
    review_document,
)
from reviews.templatetags.reviews_tags import addressed
from reviews.views.attachments import attachment_file
from reviews.views.common import cache_public_page, published_pdf_response, scope_of_state


def _page(request, review, revision, *, earlier=None):
    # The State's other published reviews: links to them, and the previous cycle to compare.
    others = list(
        VoluntaryReview.objects.filter(
            member_state_id=review.member_state_id, published_revision__isnull=False
        )
        .exclude(pk=review.pk)
        .select_related("cycle", "published_revision")
        # Their texts are not shown, and the diff with the previous one is stored
        # (reviews.published_diff reads its content only to compute a missing one).
        .defer(*_WORKING_COPY_FIELDS, "published_revision__content")
        .order_by("-cycle__year", "cycle__slug")
    )
    previous = previous_review(review, others)
    current = revision.pk == review.published_revision_id
    # The current publication's HTML is stored (PublishedPart); an earlier version's is not.
    texts = published_texts(review) if current else None
    if texts and not texts[review.pk]["sections"]:
        texts = None  # never indexed (`manage.py reindex_public` mends it): render the Markdown
    document = review_document(
        revision.content,
        texts[review.pk]
        if texts
        else memoized(
            f"review-html:v2:{revision_memo_key(revision)}",
            lambda: rendered_texts(revision.content),
        ),
        words=False,  # the public page shows no word counts
    )
    context = {
        "review": review,
        "revision": revision,
        "earlier": earlier,
        "others": others,
        "previous": previous,
        "changes": changes(previous, revision, texts),
        "page_url": request.build_absolute_uri(request.path),
        # Only the current publication's public files, and only while they still exist.
        "downloadable": set(
            Attachment.objects.filter(
                document=review,
                pk__in=[a["id"] for a in public_attachments(review.published_revision.content)],
            ).values_list("pk", flat=True)
        ),
        **document,
        "practices": _practices(document["objective_rows"]),
    }
    return render(request, "reviews/public/review.html", context)


def _practices(objective_rows) -> list[dict]:
    """The promising practices the review describes, for its table of contents; their anchors
    are those of reviews/_document_sections.html (objective number, position in the entry)."""
    return [
        {"id": f"practice-{e['objective'].number}-{i}", "title": practice["title"]}
        for _table, entries in objective_rows
        for e in addressed(entries)
        for i, practice in enumerate(e["entry"].get("practices", []), start=1)
    ]


class Gone(Exception):
    def __init__(self, review):
        self.review = review


def _published(cycle, iso3) -> VoluntaryReview:
    """A published review; 404 if it never was, `Gone` (answered 410) if it was unpublished."""
    review = get_object_or_404(
        VoluntaryReview.objects.select_related(
            "member_state", "cycle", "published_revision", "pdf"
        ).defer(*_WORKING_COPY_FIELDS),  # the draft's texts: never read here
        cycle__slug=cycle,
        member_state__iso3=iso3.upper(),
    )
    if review.published_revision is None:
        if review.unpublished_at is not None:
            raise Gone(review)
        raise Http404
    return review


def _gone(request, review):
    return render(request, "reviews/public/gone.html", {"review": review}, status=410)


@require_GET
@cache_public_page(scope=scope_of_state)
def published_review(request, cycle, iso3):
    try:
        review = _published(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    earlier = list(earlier_publications(review))
    return _page(request, review, review.published_revision, earlier=earlier)


@require_GET
@cache_public_page(scope=scope_of_state)
def earlier_version(request, cycle, iso3, number):
    """An earlier published version, while the review is published; never an unpublished one."""
    try:
        review = _published(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    if number == review.published_revision.number:
        return _page(request, review, review.published_revision)
    event = earlier_publications(review).filter(revision__number=number).first()
    if event is None:
        raise Http404
    return _page(request, review, event.revision)


def published_pdf(request, cycle, iso3):
    """The current PDF as GCM-review-<ISO3>-<cycle>-<lang>.pdf, once it is rendered.

    Shared caches (a proxy, a CDN) keep it five minutes and browsers one, then must ask again:
    an unpublished review's PDF is gone from them within minutes (410), and a copy that is
    still current costs a 304 (ETag: the PDF's hash), not the file.
    """
    try:
        review = _published(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    language = review.published_revision.content["language"]
    return published_pdf_response(
        request,
        review,
        filename=f"GCM-review-{review.member_state_id}-{review.cycle.slug}-{language}.pdf",
        pending_template="reviews/public/pdf_pending.html",
        context={"review": review},
    )


@require_GET
def published_attachment(request, cycle, iso3, pk):
    """An attachment published with the review (its national implementation plan), as the
    published revision lists it: 404 for any other attachment (one kept for the secretariat,
    or attached to a newer draft) and for one removed since."""
    try:
        review = _published(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    if pk not in {a["id"] for a in public_attachments(review.published_revision.content)}:
        raise Http404
    response = attachment_file(review, pk)
    # As the PDF: shared caches five minutes, browsers one (an unpublished file goes soon).
    response["Cache-Control"] = "public, max-age=60, s-maxage=300"
    return response
