"""The secretariat's moderation of regional documents: the whole report or Annex 3 input,
and the decisions (publish, request changes with per-section comments, unpublish, …).

Thin views on the same doors as national reviews (`reviews.workflow.ACTIONS`): each decision
form carries the version it was read on, and a decision on a version that moved on is refused
(`StaleDecision`) and shown again with what changed. The queue is reviews' (every kind); the
pages here are where its regional rows lead (`regional.moderation`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regional.models import RegionalInput, RegionalReviewReport
from regional.moderation import moderation_url
from reviews.forms import DecisionForm
from reviews.permissions import can_moderate_reviews
from reviews.selectors import objectives_by_roundtable
from reviews.textdiff import word_diff
from reviews.workflow import (
    ACTIONS,
    TRANSITIONS,
    StaleDecision,
    SubmissionProblems,
    TransitionRefused,
    available_actions,
)


def _require_secretariat(request):
    if not can_moderate_reviews(request.user):
        raise PermissionDenied


def _report_or_404(cycle, body) -> RegionalReviewReport:
    return get_object_or_404(
        RegionalReviewReport.objects.select_related(
            "cycle", "meeting__commission", "meeting__process", "assigned_to"
        ),
        cycle__slug=cycle,
        authored_by=body,
    )


def _input_or_404(cycle, body, pk) -> RegionalInput:
    return get_object_or_404(
        RegionalInput.objects.select_related("cycle", "commission", "process", "assigned_to"),
        pk=pk,
        cycle__slug=cycle,
        commission__code=body,
    )


def _decision_form(document, transition, data=None):
    spec = document.kind_spec
    return DecisionForm(
        data,
        transition=transition,
        sections=spec.template,
        numbering=getattr(spec, "numbering", None),
    )


def _decision_forms(user, document, bound=None) -> list[tuple]:
    """(transition, form) per decision the secretariat may make now; `bound`: a refused one,
    kept as typed. `page_version` is what the form posts (see reviews' moderation page)."""
    decisions = []
    for t in available_actions(user, document):
        form = bound if bound is not None and bound.transition == t else None
        form = form or _decision_form(document, t)
        seen = form.cleaned_data.get("version") if form.is_bound else None
        form.page_version = document.version if seen is None else seen
        decisions.append((t, form))
    return decisions


def _sections(document) -> list[tuple]:
    spec = document.kind_spec
    numbering = getattr(spec, "numbering", None) or str
    return [(numbering(s.number), s, getattr(document, s.field)) for s in spec.template]


def _changes_since(document, stale: StaleDecision) -> dict:
    """The sections that changed from the revision read (the last at or before its version)
    to the current one, word by word."""
    revisions = document.revisions.order_by("-number")
    seen = revisions.filter(version__lte=stale.seen_version).first()
    current = revisions.first()
    parts = []
    if seen and current:
        old, new = seen.content.get("sections", {}), current.content.get("sections", {})
        for number, section, _text in _sections(document):
            before, after = old.get(str(section.number), ""), new.get(str(section.number), "")
            if before != after:
                changes = word_diff(before or "", after or "")
                parts.append({
                    "label": f"{number} {section.title}", "diff": changes.paragraphs,
                    "rewritten": changes.rewritten,
                })  # fmt: skip
    return {"message": str(stale), "seen": seen, "current": current, "parts": parts}


def _context(request, document, *, decision=None, stale=None) -> dict:
    context = {
        "document": document,
        "sections": _sections(document),
        "attachments": document.attachments.order_by("kind", "uploaded_at", "pk"),
        "events": document.events.select_related("actor").order_by("created_at", "id"),
        "decisions": _decision_forms(request.user, document, decision),
        "stale": stale and _changes_since(document, stale),
    }
    if isinstance(document, RegionalReviewReport):
        addressed = set(document.objectives_addressed.values_list("number", flat=True))
        context["roundtables"] = [
            (table, [o for o in objectives if o.number in addressed])
            for table, objectives in objectives_by_roundtable()
        ]
    else:
        context["principles"] = document.principles_integrated.all()
        context["practices"] = document.practices.prefetch_related("objectives")
        context["needs"] = document.needs.select_related("objective", "principle")
    return context


def _page(request, document, *, decision=None, stale=None, status=200):
    context = _context(request, document, decision=decision, stale=stale)
    return render(request, "regional/secretariat/document.html", context, status=status)


@login_required
def moderate_report(request, cycle, body):
    _require_secretariat(request)
    return _page(request, _report_or_404(cycle, body))


@login_required
def moderate_input(request, cycle, body, pk):
    _require_secretariat(request)
    return _page(request, _input_or_404(cycle, body, pk))


@login_required
@require_POST
def act_report(request, cycle, body, action):
    _require_secretariat(request)
    return _act(request, _report_or_404(cycle, body), action)


@login_required
@require_POST
def act_input(request, cycle, body, pk, action):
    _require_secretariat(request)
    return _act(request, _input_or_404(cycle, body, pk), action)


def _act(request, document, action):
    """The decision's door, looked up in `ACTIONS` (an unknown action is 404); a refused form
    comes back on the page with what was typed."""
    door = ACTIONS.get(action)
    if door is None:
        raise Http404
    spec = TRANSITIONS[action]
    form = _decision_form(document, spec, request.POST)
    if not form.is_valid():
        return _page(request, document, decision=form, status=400)
    try:
        door(
            document,
            by=request.user,
            comment=form.cleaned_data["comment"],
            section_comments=form.section_comments(),
            seen_version=form.cleaned_data["version"],
        )
    except StaleDecision as stale:
        document.refresh_from_db()
        # Kept as typed, but on the version now shown with its changes.
        form = _decision_form(document, spec, {**request.POST.dict(), "version": document.version})
        form.is_valid()
        return _page(request, document, decision=form, stale=stale, status=409)
    except SubmissionProblems as problems:
        messages.error(request, " ".join(str(m) for m in problems.messages()))
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Done."))
    return redirect(moderation_url(document))
