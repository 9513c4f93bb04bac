"""The focal points' workspace: their States' reviews per cycle, start, overview, submit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import selectors
from reviews.content import section_counts, snapshot
from reviews.editing import EditRefused, start_review
from reviews.forms import SignOffForm
from reviews.models import MemberState, ReviewCycle, ReviewStatus, VoluntaryReview
from reviews.permissions import (
    can_edit_review,
    can_start_review,
    is_authorizing_official,
    member_state_ids,
)
from reviews.views.attachments import store_attachment
from reviews.views.common import get_review_or_404, redirect_back
from reviews.workflow import (
    SubmissionProblems,
    TransitionRefused,
    add_comment,
    available_actions,
    check_submission,
    sign_off_review,
    submit_review,
)


@login_required
def workspace(request):
    states = MemberState.objects.filter(iso3__in=member_state_ids(request.user)).order_by("name")
    rows = selectors.workspace_rows(states)
    return render(request, "reviews/workspace/index.html", {"rows": rows})


@login_required
@require_POST
def start(request, cycle, iso3):
    cycle_obj = get_object_or_404(ReviewCycle, slug=cycle)
    if not can_start_review(request.user, iso3.upper(), cycle_obj):
        raise Http404
    copy_from = None
    if request.POST.get("copy_from"):
        copy_from = VoluntaryReview.objects.filter(
            pk=request.POST["copy_from"], member_state_id=iso3.upper()
        ).first()
    try:
        review = start_review(iso3.upper(), cycle_obj, by=request.user, copy_from=copy_from)
    except EditRefused:
        raise Http404 from None
    return redirect("reviews:overview", cycle=review.cycle.slug, iso3=review.member_state_id)


def _overview_context(request, review, problems=None):
    content = snapshot(review)
    return {
        "review": review,
        "counts": section_counts(content),
        "objective_rows": selectors.objective_rows(content),
        "attachments": review.attachments.all(),
        "can_edit": can_edit_review(request.user, review),
        "problems": problems.messages() if problems else [],
        "stakeholders": review.stakeholders_consulted.all(),
        # Submitting has its own button and checks; the other decisions open to this user:
        "actions": [
            a
            for a in available_actions(request.user, review)
            if a.action not in {"submit", "sign_off"}
        ],
        "can_sign_off": is_authorizing_official(request.user, review.member_state_id)
        and review.status == ReviewStatus.AWAITING_SIGN_OFF,
        "events": review.events.select_related("actor")[:50],
    }


@login_required
def overview(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    return render(request, "reviews/workspace/review.html", _overview_context(request, review))


@login_required
@require_POST
def submit(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    try:
        review = submit_review(review, by=request.user)
    except SubmissionProblems as problems:
        context = _overview_context(request, review, problems)
        return render(request, "reviews/workspace/review.html", context, status=400)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
        return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)
    if review.status == ReviewStatus.AWAITING_SIGN_OFF:
        messages.success(
            request, _("The review is sent to your authorizing official for sign-off.")
        )
    else:
        messages.success(request, _("The review is submitted to the secretariat. Thank you."))
    return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)


@login_required
@require_POST
def comment(request, cycle, iso3):
    """A reply in the conversation with the secretariat, optionally about one section."""
    review = get_review_or_404(request, cycle, iso3)
    try:
        add_comment(
            review,
            by=request.user,
            text=request.POST.get("text", ""),
            section=request.POST.get("section", ""),
        )
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your message is added to the conversation."))
    return redirect_back(request, review)


@login_required
def readiness(request, cycle, iso3):
    """What submitting would say now, without submitting (for the overview's check button)."""
    review = get_review_or_404(request, cycle, iso3)
    problems = check_submission(review)
    return render(
        request, "reviews/workspace/review.html", _overview_context(request, review, problems)
    )


@login_required
def sign_off(request, cycle, iso3):
    """The authorizing official's page: sign off (with the Note Verbale) or send back."""
    review = get_review_or_404(request, cycle, iso3)
    if not is_authorizing_official(request.user, review.member_state_id):
        raise Http404
    form = SignOffForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                sign_off_review(
                    review,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    title=form.cleaned_data["title"],
                    signed_on=form.cleaned_data["signed_on"],
                    comment=form.cleaned_data["comment"],
                )
                if form.cleaned_data["note_verbale"]:
                    store_attachment(review, form.checked, kind="note_verbale", by=request.user)
        except TransitionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Signed off: the review is submitted to the secretariat."))
            return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)
    status = 400 if form.errors else 200
    return render(
        request, "reviews/workspace/sign_off.html", {"review": review, "form": form}, status=status
    )
