from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from reviews.models import VoluntaryReview
from reviews.permissions import can_view_review


def get_review_or_404(request, cycle: str, iso3: str) -> VoluntaryReview:
    """The working copy for those who may see it; 404 for everyone else (existence stays secret)."""
    review = get_object_or_404(
        VoluntaryReview.objects.select_related("member_state", "cycle"),
        cycle__slug=cycle,
        member_state__iso3=iso3.upper(),
    )
    if not can_view_review(request.user, review):
        raise Http404
    return review


def redirect_back(request, review):
    """Back to the page the form came from (a local path only), else the review's overview."""
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("reviews:overview", cycle=review.cycle.slug, iso3=review.member_state_id)
