"""The secretariat's moderation queue (documents of every kind), the national review's page,
decisions and audit trail. Other kinds' moderation pages are their apps' (`reviews.moderation`
says where); they call the same workflow doors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reviews import kinds, moderation
from reviews.changes import decided_revision, what_changed
from reviews.content import section_counts, snapshot
from reviews.csvsafe import SafeWriter
from reviews.deadlines import STILL_DRAFTED, deadline
from reviews.filters import EVERY_DOCUMENT, NEEDS_ACTION, AuditFilter, ModerationQueueFilter
from reviews.forms import AssignForm
from reviews.models import Document, ModerationEvent, ReviewStatus
from reviews.permissions import can_moderate_reviews
from reviews.rendition import queue_pdf
from reviews.submitted import whole_submission
from reviews.views.common import get_review_or_404, redirect_back
from reviews.views.confirmations import CONFIRMED, assigned_message
from reviews.views.decisions import (
    changes_since,
    confirm_decision,
    decision_forms,
    take_decision,
)
from reviews.views.workspace import overview_context
from reviews.workflow import (
    TransitionRefused,
    assign_review,
)


def _require_secretariat(request):
    if not can_moderate_reviews(request.user):
        raise PermissionDenied


def _queue_relations() -> list[str]:
    """What a queue row reads of each kind's own row (its body's name, its page's address),
    joined from the document: the page costs the same few queries whatever its length."""
    relations = []
    for kind in kinds.registered_kinds():
        own = kind.model._meta.get_field("document_ptr").remote_field.related_name
        entry = moderation.queue_kind(kind.slug)
        relations += [own, *(f"{own}__{r}" for r in (entry.related if entry else ()))]
    return relations


def queue_rows(documents, today) -> list[dict]:
    """A row per document: its kind's own row, its moderation page, due date and delay."""
    now = timezone.now()
    by_kind: dict[str, list] = {}
    rows = []
    for document in documents:
        own = document.specific
        by_kind.setdefault(document.kind, []).append(own)
        entry = moderation.queue_kind(document.kind)
        rows.append({
            "review": own, "kind": document.kind_spec,
            "url": entry.moderation_url(own) if entry else "",
            "days_waiting": (now - document.submitted_at).days
            if document.submitted_at and document.status == ReviewStatus.SUBMITTED else None,
        })  # fmt: skip
    due = {}
    for kind, own_rows in by_kind.items():
        entry = moderation.queue_kind(kind)
        due.update(entry.due_dates(own_rows) if entry else {})
    for row in rows:
        row["due_on"] = due.get(row["review"].pk)
        row["overdue"] = moderation.is_overdue(row["review"], row["due_on"], today)
        row["deadline"] = deadline(row["due_on"], today, row["review"])
    return rows


def needs_action_rows(request, data, documents, submitted, today) -> list[dict]:
    """What needs the secretariat, oldest first: the submitted documents nobody else took
    (`submitted`, filtered already) by their submission, and the overdue ones by their due
    date (each kind knows its due dates, so they are found among the documents still drafted,
    with the same filters)."""
    drafted = documents.filter(status__in=STILL_DRAFTED, published_revision__isnull=True)
    drafted = ModerationQueueFilter(
        {**data, "show": EVERY_DOCUMENT}, queryset=drafted, request=request
    ).qs
    overdue = [r for r in queue_rows(drafted.order_by("pk")[:500], today) if r["overdue"]]
    rows = queue_rows(submitted[:500], today) + overdue

    def waiting_since(row):
        document = row["review"]
        if document.status == ReviewStatus.SUBMITTED and document.submitted_at:
            return timezone.localdate(document.submitted_at), document.pk
        return row["due_on"], document.pk

    return sorted(rows, key=waiting_since)


@login_required
def queue(request):
    """The moderation queue. With no filter, it opens on what needs action (see
    `needs_action_rows`); `?show=all` and the other filters list every document."""
    _require_secretariat(request)
    documents = Document.objects.select_related(
        "cycle", "assigned_to", "published_revision", *_queue_relations()
    )
    data = request.GET.dict() if request.GET else {"show": NEEDS_ACTION}
    filtered = ModerationQueueFilter(data, queryset=documents, request=request)
    counts = dict(Document.objects.values_list("status").annotate(n=Count("id")))
    today = timezone.localdate()
    wanted = filtered.form.cleaned_data if filtered.is_valid() else {}
    needs_action = wanted.get("show") == NEEDS_ACTION
    # Never submitted last, on every database (PostgreSQL and SQLite differ by default).
    ordered = filtered.qs.order_by(F("submitted_at").asc(nulls_last=True), "kind", "authored_by")
    if needs_action:
        rows = needs_action_rows(request, data, documents, ordered, today)
    else:
        rows = queue_rows(ordered[:500], today)
    # Overdue documents nobody started: shown unless the filters ask for something else.
    not_started = []
    if not any(wanted.get(f) for f in ("status", "state", "language", "commission")):
        for entry in moderation.registered():
            if wanted.get("kind") and wanted["kind"] != entry.kind:
                continue
            not_started += [
                m for m in entry.not_started(today)
                if not wanted.get("cycle") or m["cycle"] == wanted["cycle"]
            ]  # fmt: skip
    statuses = [(value, label, counts.get(value, 0)) for value, label in ReviewStatus.choices]
    context = {
        "filter": filtered,
        "needs_action": needs_action,
        "rows": rows,
        "statuses": statuses,
        "not_started": not_started,
        "overdue_count": sum(r["overdue"] for r in rows) + len(not_started),
    }
    return render(request, "reviews/secretariat/queue.html", context)


@login_required
def review_detail(request, cycle, iso3):
    _require_secretariat(request)
    return _moderation_page(request, get_review_or_404(request, cycle, iso3))


def _moderation_page(request, review, *, decision=None, assign_form=None, stale=None, status=200):
    """The review page, optionally with a refused decision or assignment kept as typed.

    Every decision form carries the version of the review it was read on (`page_version`):
    the transition refuses a decision on an older one (`StaleDecision`), and `stale` then
    shows what changed between the revision that was read and the current one.
    """
    # The text decided on is the one submitted, never the working copy (a new version may be
    # in draft); a review never submitted (its page is open all along) shows its latest.
    revision = decided_revision(review)
    content = revision.content if revision is not None else snapshot(review)
    context = {
        "review": review,
        "revision": revision,
        "content": content,
        "whole": whole_submission(review, content),
        "counts": section_counts(content),
        "events": review.events.select_related("actor"),
        "decisions": decision_forms(request.user, review, decision),
        "assign_form": assign_form or AssignForm(initial={"assignee": review.assigned_to_id}),
        "stale": stale and changes_since(review, stale),
        "what_changed": what_changed(review, revision),
    }
    return render(request, "reviews/secretariat/review.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def act(request, cycle, iso3, action):
    """A decision, for whoever may make it (secretariat, focal point, official): the action's
    door, looked up in `ACTIONS` (an unknown action is 404), with what the form carries.

    A GET is the confirmation page of the decisions that ask first (publish, unpublish, start
    a new version: `confirm_decision`); the others answer GET with 405.

    Every check is the door's: sign-off without the official's details (this form has none:
    the official's own page does) and a decision on a version that moved on are refused there.
    A refused form comes back on the page it was typed on (the moderation page, or the
    workspace overview) with what was typed.
    """
    if request.method != "POST" and action not in CONFIRMED:
        return HttpResponseNotAllowed(["POST"])  # as before: only some decisions ask first
    review = get_review_or_404(request, cycle, iso3)
    if request.method != "POST":
        return confirm_decision(request, review, action, cancel_url=_decision_home(request, review))
    outcome = take_decision(request, review, action)
    if outcome.invalid:
        return _decision_page(request, review, outcome.form, status=400)
    if outcome.stale:
        return _decision_page(request, review, outcome.form, stale=outcome.stale, status=409)
    if outcome.problems:
        context = overview_context(request, review, outcome.problems)
        return render(request, "reviews/workspace/review.html", context, status=400)
    if outcome.refused:
        messages.error(request, outcome.refused)
    else:
        messages.success(request, outcome.message)
    return redirect_back(request, review)


def _decision_home(request, review) -> str:
    """Where a decision's confirmation page goes back to: the page its button is on."""
    if can_moderate_reviews(request.user):
        return reverse("reviews:moderate", args=[review.cycle.slug, review.member_state_id])
    return reverse("reviews:overview", args=[review.cycle.slug, review.member_state_id])


def _decision_page(request, review, form, *, status, stale=None):
    if can_moderate_reviews(request.user):
        return _moderation_page(request, review, decision=form, stale=stale, status=status)
    context = overview_context(request, review, decision=form, stale=stale)
    return render(request, "reviews/workspace/review.html", context, status=status)


@login_required
@require_POST
def assign(request, cycle, iso3):
    _require_secretariat(request)
    review = get_review_or_404(request, cycle, iso3)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _moderation_page(request, review, assign_form=form, status=400)
    try:
        assign_review(review, by=request.user, assignee=form.cleaned_data["assignee"])
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, assigned_message(form.cleaned_data["assignee"]))
    return redirect("reviews:moderate", cycle=cycle, iso3=review.member_state_id)


@login_required
def audit(request):
    _require_secretariat(request)
    # Each kind's own row, joined: the body's name costs no query per event.
    related = [f"document__{r}" for r in _queue_relations()]
    events = ModerationEvent.objects.select_related("document__cycle", "actor", *related).order_by(
        "-created_at", "-id"
    )
    filtered = AuditFilter(request.GET or None, queryset=events)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="gcm-review-audit.csv"'
        writer = SafeWriter(response)  # cells a spreadsheet would run as formulas are quoted
        writer.writerow(
            ["time", "cycle", "member_state", "action", "from", "to", "actor", "comment"]
        )
        for e in filtered.qs.iterator():
            writer.writerow([
                e.created_at.isoformat(), e.document.cycle.slug, e.document.authored_by, e.action,
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
    _require_secretariat(request)
    review = get_review_or_404(request, cycle, iso3)
    queue_pdf(review.pk)
    messages.success(request, _("The PDF is queued for rendering."))
    return redirect("reviews:moderate", cycle=cycle, iso3=review.member_state_id)
