"""The workspace: a person's national reviews per State and cycle, and what other apps list
there (`reviews.workspaces`: regional reports and inputs); start, overview, submit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reviews import selectors, workspaces
from reviews.changes import what_changed
from reviews.content import section_counts, snapshot
from reviews.deadlines import deadline
from reviews.editing import EditRefused, start_review
from reviews.forms import CommentForm, SignOffForm, StartForm
from reviews.models import MemberState, ReviewCycle, ReviewStatus
from reviews.permissions import (
    can_edit_review,
    can_start_review,
    is_authorizing_official,
    member_state_ids,
)
from reviews.views.attachments import store_attachment
from reviews.views.common import get_review_or_404, redirect_back
from reviews.views.confirmations import done_message
from reviews.views.decisions import confirm_decision, decision_forms
from reviews.views.editor import section_page
from reviews.workflow import (
    StaleDecision,
    SubmissionProblems,
    TransitionRefused,
    add_comment,
    check_submission,
    sign_off_document,
    submit_document,
)


@login_required
def workspace(request):
    return _workspace_page(request)


def _workspace_page(request, *, start_form=None, status=200):
    states = MemberState.objects.filter(iso3__in=member_state_ids(request.user)).order_by("name")
    rows = selectors.workspace_rows(states)
    today = timezone.localdate()
    for row in rows:
        for item in row["cycles"]:
            item["deadline"] = deadline(item["cycle"].submission_closes, today, item["review"])
    # A refused start comes back here, its message beside the State's and cycle's row.
    context = {
        "rows": rows,
        "start_form": start_form,
        "sections": workspaces.sections_for(request.user),
    }
    return render(request, "reviews/workspace/index.html", context, status=status)


@login_required
@require_POST
def start(request, cycle, iso3):
    cycle_obj = get_object_or_404(ReviewCycle, slug=cycle)
    member_state_id = iso3.upper()
    if not can_start_review(request.user, member_state_id, cycle_obj):
        if is_authorizing_official(request.user, member_state_id):
            raise PermissionDenied  # the official clears the focal points' text, never drafts
        raise Http404
    form = StartForm(request.POST, member_state_id=member_state_id)
    if not form.is_valid():
        form.target = (cycle_obj.slug, member_state_id)
        return _workspace_page(request, start_form=form, status=400)
    copy_from = form.cleaned_data["copy_from"]
    try:
        review = start_review(member_state_id, cycle_obj, by=request.user, copy_from=copy_from)
    except EditRefused:
        raise Http404 from None
    return redirect("reviews:overview", cycle=review.cycle.slug, iso3=review.member_state_id)


def overview_context(request, review, problems=None, *, decision=None, stale=None, comment=None):
    """The overview; optionally with a refused decision or message kept as typed."""
    content = snapshot(review)
    return {
        "review": review,
        "counts": section_counts(content),
        "objective_rows": selectors.objective_rows(content),
        "attachments": review.attachments.all(),
        "can_edit": can_edit_review(request.user, review),
        "problems": problems.messages() if problems else [],
        "stakeholders": review.stakeholders_consulted.all(),
        # Submitting and signing off have their own pages; the other decisions open to this user:
        "decisions": decision_forms(request.user, review, decision, exclude={"submit", "sign_off"}),
        "stale": str(stale) if stale else "",
        "comment_form": comment or CommentForm(),
        "can_sign_off": is_authorizing_official(request.user, review.member_state_id)
        and review.status == ReviewStatus.AWAITING_SIGN_OFF,
        "events": review.events.select_related("actor")[:50],
        # The working copy against what the secretariat last reviewed and what is online.
        "what_changed": what_changed(review, review.revisions.order_by("-number").first()),
    }


@login_required
def overview(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    return render(request, "reviews/workspace/review.html", overview_context(request, review))


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, cycle, iso3):
    """Submit (POST); a GET is the confirmation page saying what submitting will do."""
    review = get_review_or_404(request, cycle, iso3)
    if request.method != "POST":
        overview_url = reverse("reviews:overview", args=[review.cycle.slug, review.member_state_id])
        return confirm_decision(request, review, "submit", cancel_url=overview_url)
    try:
        review = submit_document(review, by=request.user)
    except SubmissionProblems as problems:
        context = overview_context(request, review, problems)
        return render(request, "reviews/workspace/review.html", context, status=400)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
        return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)
    messages.success(request, done_message("submit", review))
    return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)


@login_required
@require_POST
def comment(request, cycle, iso3):
    """A reply in the conversation with the secretariat, optionally about one section.

    A refused message comes back, as typed, on the page it was written on: the section's
    editor for a reply about a section, else the overview.
    """
    review = get_review_or_404(request, cycle, iso3)
    form = CommentForm(request.POST)
    if not form.is_valid():
        section = form.cleaned_data.get("section")
        if section:
            return section_page(request, review, int(section), comment_form=form, status=400)
        context = overview_context(request, review, comment=form)
        return render(request, "reviews/workspace/review.html", context, status=400)
    try:
        add_comment(
            review,
            by=request.user,
            text=form.cleaned_data["text"],
            section=form.cleaned_data["section"],
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
        request, "reviews/workspace/review.html", overview_context(request, review, problems)
    )


@login_required
def sign_off(request, cycle, iso3):
    """The authorizing official's page: sign off (with the Note Verbale) or send back."""
    review = get_review_or_404(request, cycle, iso3)
    if not is_authorizing_official(request.user, review.member_state_id):
        raise Http404
    # Pre-filled: the official's own name and today (the active time zone's day).
    initial = {
        "version": review.version,
        "name": request.user.get_full_name(),
        "signed_on": timezone.localdate(),
    }
    form = SignOffForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                sign_off_document(
                    review,
                    by=request.user,
                    name=form.cleaned_data["name"],
                    title=form.cleaned_data["title"],
                    signed_on=form.cleaned_data["signed_on"],
                    comment=form.cleaned_data["comment"],
                    seen_version=form.cleaned_data["version"],
                )
                if form.cleaned_data["note_verbale"]:
                    store_attachment(review, form.checked, kind="note_verbale", by=request.user)
        except StaleDecision as stale:
            # The focal points changed the text since this page was opened: read it again
            # (the preview link), then sign off the version shown now.
            messages.error(request, str(stale))
            form = SignOffForm({**request.POST.dict(), "version": stale.current_version})
            status = 409
        except TransitionRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Signed off: the review is submitted to the secretariat."))
            return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)
    status = 400 if form.errors else status
    return render(
        request, "reviews/workspace/sign_off.html", {"review": review, "form": form}, status=status
    )
