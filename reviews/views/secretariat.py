"""The secretariat's moderation queue, review page, decisions and audit trail."""

import csv

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.content import section_counts, snapshot
from reviews.filters import AuditFilter, ModerationQueueFilter
from reviews.models import ModerationEvent, ReviewStatus, VoluntaryReview
from reviews.permissions import SECRETARIAT_GROUP, can_moderate_reviews
from reviews.template import SECTIONS
from reviews.views.common import get_review_or_404, redirect_back
from reviews.workflow import TransitionRefused, assign_review, available_actions, transition


def _require_secretariat(request):
    if not can_moderate_reviews(request.user):
        raise PermissionDenied


@login_required
def queue(request):
    _require_secretariat(request)
    reviews = VoluntaryReview.objects.select_related("member_state", "cycle", "assigned_to")
    filtered = ModerationQueueFilter(request.GET or None, queryset=reviews)
    counts = dict(VoluntaryReview.objects.values_list("status").annotate(n=Count("id")))
    now = timezone.now()
    rows = [
        {
            "review": r,
            "days_waiting": (now - r.submitted_at).days
            if r.submitted_at and r.status == ReviewStatus.SUBMITTED
            else None,
        }
        for r in filtered.qs.order_by("submitted_at", "member_state__name")[:500]
    ]
    statuses = [(value, label, counts.get(value, 0)) for value, label in ReviewStatus.choices]
    context = {"filter": filtered, "rows": rows, "statuses": statuses}
    return render(request, "reviews/secretariat/queue.html", context)


@login_required
def review_detail(request, cycle, iso3):
    _require_secretariat(request)
    review = get_review_or_404(request, cycle, iso3)
    content = snapshot(review)
    submissions = list(
        review.revisions.filter(kind="submission")
        .order_by("-number")
        .values_list("number", flat=True)[:2]
    )
    context = {
        "review": review,
        "content": content,
        "sections": [(s, content["sections"][str(s.number)]) for s in SECTIONS],
        "counts": section_counts(content),
        "events": review.events.select_related("actor"),
        "actions": available_actions(request.user, review),
        "secretariat": get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP),
        "since_last_submission": submissions if len(submissions) == 2 else None,
    }
    return render(request, "reviews/secretariat/review.html", context)


@login_required
@require_POST
def act(request, cycle, iso3, action):
    """Any transition, for whoever may make it (secretariat, focal point, official)."""
    review = get_review_or_404(request, cycle, iso3)
    section_comments = {
        str(s.number): request.POST.get(f"section_{s.number}", "") for s in SECTIONS
    }
    try:
        transition(
            review,
            action,
            by=request.user,
            comment=request.POST.get("comment", ""),
            section_comments=section_comments,
        )
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Done."))
    return redirect_back(request, review)


@login_required
@require_POST
def assign(request, cycle, iso3):
    _require_secretariat(request)
    review = get_review_or_404(request, cycle, iso3)
    assignee = get_user_model().objects.filter(pk=request.POST.get("assignee") or None).first()
    try:
        assign_review(review, by=request.user, assignee=assignee)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    return redirect("reviews:moderate", cycle=cycle, iso3=review.member_state_id)


@login_required
def audit(request):
    _require_secretariat(request)
    events = ModerationEvent.objects.select_related(
        "review__member_state", "review__cycle", "actor"
    ).order_by("-created_at", "-id")
    filtered = AuditFilter(request.GET or None, queryset=events)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="gcm-review-audit.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["time", "cycle", "member_state", "action", "from", "to", "actor", "comment"]
        )
        for e in filtered.qs.iterator():
            writer.writerow([
                e.created_at.isoformat(), e.review.cycle.slug, e.review.member_state_id, e.action,
                e.from_status, e.to_status, e.actor.email if e.actor else "", e.comment,
            ])  # fmt: skip
        return response
    return render(
        request, "reviews/secretariat/audit.html", {"filter": filtered, "events": filtered.qs[:300]}
    )


@login_required
@require_POST
def render_again(request, cycle, iso3):
    """The secretariat's "render again" for a failed or doubtful PDF."""
    from reviews.tasks import queue_pdf

    _require_secretariat(request)
    review = get_review_or_404(request, cycle, iso3)
    queue_pdf(review.pk)
    messages.success(request, _("The PDF is queued for rendering."))
    return redirect("reviews:moderate", cycle=cycle, iso3=review.member_state_id)
