"""The published review as the public reads it: only the pinned revision, never the draft."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reviews.models import Attachment, VoluntaryReview
from reviews.public_cache import memoized, revision_memo_key
from reviews.published_diff import changes, previous_review
from reviews.published_html import published_texts
from reviews.selectors import (
    earlier_publications,
    public_attachments,
    rendered_texts,
    review_document,
)
from reviews.state_reviews import state_reviews
from reviews.templatetags.reviews_tags import addressed
from reviews.views.attachments import attachment_file
from reviews.views.common import cache_public_page, published_pdf_response, scope_of_state


def _page(request, review, revision, others, *, earlier=None):
    """`others`: the State's other published reviews, newest cycle first (`_with_others`)."""
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
        "changes": changes(
            previous,
            revision,
            texts,
            {p.key: p.name for p in document["guiding_principles"].values()},
        ),
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


def _online(review: VoluntaryReview | None) -> VoluntaryReview:
    """`review` if it is published; 404 if there is none or it never was, `Gone` (answered
    410) if it was unpublished."""
    if review is None:
        raise Http404
    if review.published_revision is None:
        if review.unpublished_at is not None:
            raise Gone(review)
        raise Http404
    return review


def _with_others(cycle, iso3) -> tuple[VoluntaryReview, list[VoluntaryReview]]:
    """The published review of `cycle` (404 if it never was, `Gone` if it was unpublished) and
    the State's other published reviews, newest cycle first: links to them, and the previous
    cycle to compare. One statement for both (`reviews.state_reviews`, which every public view
    of a review reads through); only the page's own revision brings its content."""
    reviews = state_reviews(cycle, iso3.upper())
    review = _online(next((r for r in reviews if r.cycle.slug == cycle), None))
    return review, [r for r in reviews if r.pk != review.pk]


def _published(cycle, iso3) -> VoluntaryReview:
    """A published review, as `_with_others` reads it (its PDF, its attachments)."""
    return _with_others(cycle, iso3)[0]


def _gone(request, review):
    return render(request, "reviews/public/gone.html", {"review": review}, status=410)


@require_GET
@cache_public_page(scope=scope_of_state)
def published_review(request, cycle, iso3):
    try:
        review, others = _with_others(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    # Their dates and numbers: not the contents of the versions they pinned.
    earlier = list(earlier_publications(review).defer("revision__content"))
    return _page(request, review, review.published_revision, others, earlier=earlier)


@require_GET
@cache_public_page(scope=scope_of_state)
def earlier_version(request, cycle, iso3, number):
    """An earlier published version, while the review is published; never an unpublished one."""
    try:
        review, others = _with_others(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    if number == review.published_revision.number:
        return _page(request, review, review.published_revision, others)
    event = earlier_publications(review).filter(revision__number=number).first()
    if event is None:
        raise Http404
    return _page(request, review, event.revision, others)


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
