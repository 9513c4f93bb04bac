"""The secretariat's moderation of regional documents: the whole report or Annex 3 input,
and the decisions (publish, request changes with per-section comments, unpublish, …).

Thin views on the same doors as national reviews (`reviews.workflow.ACTIONS`): each decision
form carries the version it was read on, and a decision on a version that moved on is refused
(`StaleDecision`) and shown again with what changed. The queue is reviews' (every kind); the
pages here are where its regional rows lead (`regional.moderation`).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from regional.models import RegionalInput, RegionalReviewReport
from regional.moderation import moderation_url
from reviews.permissions import can_moderate_reviews
from reviews.selectors import objectives_by_roundtable
from reviews.views.decisions import answer_decision, changes_since, decision_forms


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


def _sections(document) -> list[tuple]:
    spec = document.kind_spec
    numbering = getattr(spec, "numbering", None) or str
    return [(numbering(s.number), s, getattr(document, s.field)) for s in spec.template]


def _context(request, document, *, decision=None, stale=None) -> dict:
    context = {
        "document": document,
        "sections": _sections(document),
        "attachments": document.attachments.order_by("kind", "uploaded_at", "pk"),
        "events": document.events.select_related("actor").order_by("created_at", "id"),
        "decisions": decision_forms(request.user, document, decision),
        "stale": stale and changes_since(document, stale),
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
@require_http_methods(["GET", "POST"])
def act_report(request, cycle, body, action):
    _require_secretariat(request)
    return _act(request, _report_or_404(cycle, body), action)


@login_required
@require_http_methods(["GET", "POST"])
def act_input(request, cycle, body, pk, action):
    _require_secretariat(request)
    return _act(request, _input_or_404(cycle, body, pk), action)


def _act(request, document, action):
    """The decision's door, looked up in `ACTIONS` (an unknown action is 404); a refused form
    comes back on the page with what was typed."""
    return answer_decision(request, document, action, page=_page, done_url=moderation_url(document))
