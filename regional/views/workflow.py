"""The authors' decisions on a regional document (submit, withdraw, reopen, revise): thin
views over the shared workflow's doors (`reviews.workflow`), which check who may and when.
The secretariat decides on its own pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from regional.views.documents import numbered, url_of
from reviews.content import section_counts
from reviews.forms import DecisionForm
from reviews.workflow import (
    ACTIONS,
    TRANSITIONS,
    StaleDecision,
    SubmissionProblems,
    TransitionRefused,
    available_actions,
    submit_document,
)

AUTHORS_DECISIONS = ("withdraw", "reopen", "revise")  # submit has its own button


def available_decisions(user, document) -> list[dict]:
    return [
        {"action": t.action, "label": t.label, "url": url_of(document, "act", action=t.action)}
        for t in available_actions(user, document)
        if t.action in AUTHORS_DECISIONS
    ]


def overview_sections(document, content) -> list[dict]:
    """Each section of the kind's template: its number, title, guidance, words, and whether
    submitting needs it."""
    spec = document.kind_spec
    counts = {c.number: c for c in section_counts(content, spec.template)}
    return [
        {
            "label": numbered(document, s.number),
            "title": s.title,
            "prompts": s.prompts,
            "words": counts[s.number].words,
            "optional": s.number in spec.optional_sections,
            "url": url_of(document, "section", number=s.number),
        }
        for s in spec.template
    ]


def submit_document_view(request, document, *, on_problems):
    """Submit; refused content comes back on the overview (`on_problems`), listing each
    problem."""
    try:
        submit_document(document, by=request.user)
    except SubmissionProblems as problems:
        return on_problems(request, document, problems=problems, status=400)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Submitted to the secretariat. Thank you."))
    return redirect(url_of(document, "overview"))


def decide(request, document, action: str):
    if action not in AUTHORS_DECISIONS:
        raise Http404
    form = DecisionForm(request.POST, transition=TRANSITIONS[action])
    if not form.is_valid():
        messages.error(request, _("This decision could not be read: reload the page and retry."))
        return redirect(url_of(document, "overview"))
    try:
        ACTIONS[action](document, by=request.user, seen_version=form.cleaned_data["version"])
    except (StaleDecision, TransitionRefused) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Done."))
    return redirect(url_of(document, "overview"))
