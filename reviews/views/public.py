"""The published review as the public reads it: only the pinned revision, never the draft."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from reviews.models import ModerationEvent, PdfStatus, VoluntaryReview
from reviews.selectors import review_document


def _page(request, review, revision, *, earlier=None):
    context = {
        "review": review,
        "revision": revision,
        "earlier": earlier,
        **review_document(revision.content),
    }
    return render(request, "reviews/public/review.html", context)


class Gone(Exception):
    def __init__(self, review):
        self.review = review


def _published(cycle, iso3) -> VoluntaryReview:
    """A published review; 404 if it never was, `Gone` (answered 410) if it was unpublished."""
    review = get_object_or_404(
        VoluntaryReview.objects.select_related("member_state", "cycle", "published_revision"),
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


def published_review(request, cycle, iso3):
    try:
        review = _published(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    # Earlier published versions: the revisions pinned by previous publications.
    earlier = (
        ModerationEvent.objects.filter(review=review, action="publish")
        .exclude(revision=review.published_revision)
        .select_related("revision")
        .order_by("-created_at")
    )
    return _page(request, review, review.published_revision, earlier=list(earlier))


def earlier_version(request, cycle, iso3, number):
    review = get_object_or_404(VoluntaryReview, cycle__slug=cycle, member_state__iso3=iso3.upper())
    event = (
        ModerationEvent.objects.filter(review=review, action="publish", revision__number=number)
        .select_related("revision")
        .first()
    )
    if event is None or review.published_revision is None:
        raise Http404
    return _page(request, review, event.revision)


def published_pdf(request, cycle, iso3):
    """The current PDF as GCM-review-<ISO3>-<cycle>-<lang>.pdf, once it is rendered."""
    try:
        review = _published(cycle, iso3)
    except Gone as gone:
        return _gone(request, gone.review)
    if review.pdf_status != PdfStatus.READY or not review.pdf_file:
        response = render(
            request, "reviews/public/pdf_pending.html", {"review": review}, status=503
        )
        response["Retry-After"] = "60"
        return response
    language = review.published_revision.content["language"]
    filename = f"GCM-review-{review.member_state_id}-{review.cycle.slug}-{language}.pdf"
    response = FileResponse(
        review.pdf_file.open("rb"), content_type="application/pdf", filename=filename
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=3600"
    response["ETag"] = f'"{review.pdf_hash}"'
    return response
