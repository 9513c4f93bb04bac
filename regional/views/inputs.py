"""Drafting an Annex 3 input: start (a process's reporters), overview, the parts (a)-(e),
the guiding principles integrated, promising practices (flagged "to present at the IMRF"),
support needed by area, submit and the authors' decisions.

Addresses name the regional review the input feeds: `<cycle>/<commission code>/inputs/<pk>/`.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from regional.drafting import start_regional_input
from regional.models import RegionalProcess
from regional.views.documents import (
    edit_part,
    get_input_or_404,
    page_context,
    url_of,
)
from regional.views.workflow import available_decisions, decide, overview_sections
from regional.views.workflow import submit_document_view as _submit
from reviews.content import snapshot
from reviews.editing import EditRefused
from reviews.models import GuidingPrinciple, RegionalCommission, ReviewCycle
from reviews.parts import SectionPart
from reviews.views.editor import autosave_part, part_or_404


@login_required
@require_POST
def start(request, cycle, body):
    """A process's reporter starts its input to the commission's regional review (`process`:
    the process's identifier, posted)."""
    cycle_obj = get_object_or_404(ReviewCycle, slug=cycle)
    commission = get_object_or_404(RegionalCommission, code=body)
    process = RegionalProcess.objects.filter(slug=request.POST.get("process", "")).first()
    if process is None:
        raise Http404
    try:
        regional_input = start_regional_input(
            commission=commission, cycle=cycle_obj, by=request.user, process=process
        )
    except EditRefused:
        raise Http404 from None
    return redirect(url_of(regional_input, "overview"))


def _overview(request, regional_input, *, problems=None, status=200):
    content = snapshot(regional_input)
    principles = dict(GuidingPrinciple.objects.values_list("key", "name"))
    context = {
        **page_context(request, regional_input, "overview"),
        "sections": overview_sections(regional_input, content),
        "principles": [principles.get(k, k) for k in content["principles"]],
        "practices": content["practices"],
        "needs": content["needs"],
        "attachments": regional_input.attachments.all(),
        "problems": problems.messages() if problems else [],
        "decisions": available_decisions(request.user, regional_input),
        "submit_url": url_of(regional_input, "submit"),
    }
    return render(request, "regional/workspace/input.html", context, status=status)


@login_required
def overview(request, cycle, body, pk):
    return _overview(request, get_input_or_404(request, cycle, body, pk))


@login_required
def section(request, cycle, body, pk, number):
    regional_input = get_input_or_404(request, cycle, body, pk)
    return edit_part(
        request, regional_input, part_or_404(regional_input, SectionPart.key_for(number))
    )


def _part_view(key):
    @login_required
    def view(request, cycle, body, pk):
        regional_input = get_input_or_404(request, cycle, body, pk)
        return edit_part(request, regional_input, part_or_404(regional_input, key))

    view.__name__ = f"edit_{key}"
    return view


principles = _part_view("principles")
practices = _part_view("practices")
needs = _part_view("needs")


@login_required
@require_POST
def autosave(request, cycle, body, pk, part):
    regional_input = get_input_or_404(request, cycle, body, pk)
    return autosave_part(request, regional_input, part_or_404(regional_input, part))


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, cycle, body, pk):
    regional_input = get_input_or_404(request, cycle, body, pk)
    return _submit(request, regional_input, on_problems=_overview)


@login_required
@require_http_methods(["GET", "POST"])
def act(request, cycle, body, pk, action):
    return decide(request, get_input_or_404(request, cycle, body, pk), action)
