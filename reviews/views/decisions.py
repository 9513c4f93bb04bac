"""Decisions on a document of any kind, as the pages that offer them need them.

The forms of the decisions a person may make now, the changes a stale decision did not see,
and `take_decision`: the generic door's steps (read the form, call the transition through
`ACTIONS`, say what happened) shared by the national and regional moderation pages, each of
which then answers in its own page (`answer_decision`: the regional and stakeholder ones).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from reviews.content import diff_content
from reviews.forms import DecisionForm
from reviews.views.confirmations import CONFIRMED, confirm_page, done_message
from reviews.workflow import (
    ACTIONS,
    TRANSITIONS,
    StaleDecision,
    SubmissionProblems,
    TransitionRefused,
    available_actions,
)


def decision_form(document, transition, data=None) -> DecisionForm:
    """A decision's form, with one comment field per section of the document's template."""
    spec = document.kind_spec
    return DecisionForm(
        data,
        transition=transition,
        sections=spec.template,
        numbering=getattr(spec, "numbering", None),
    )


def decision_forms(user, document, bound=None, *, exclude=()) -> list[tuple]:
    """(transition, form) for each decision this user may make now, but those in `exclude`;
    `bound` replaces the blank form of its transition (a refused decision, kept as typed).

    Each form's `page_version` is the version it posts: the document's current one, but for a
    form refused for another reason (an empty comment) the version its author had read, so
    that correcting the comment cannot skip the check of what was read.
    """
    decisions = []
    for t in available_actions(user, document):
        if t.action in exclude:
            continue
        form = bound if bound is not None and bound.transition == t else None
        form = form or decision_form(document, t)
        seen = form.cleaned_data.get("version") if form.is_bound else None
        form.page_version = document.version if seen is None else seen
        decisions.append((t, form))
    return decisions


def changes_since(document, stale: StaleDecision) -> dict:
    """What the refused decision did not see: the diff from the revision on the page that was
    read (the last one recorded at or before its version) to the current one."""
    revisions = document.revisions.order_by("-number")
    seen = revisions.filter(version__lte=stale.seen_version).first()
    current = revisions.first()
    spec = document.kind_spec
    parts = (
        diff_content(
            seen.content,
            current.content,
            sections=spec.template,
            numbering=getattr(spec, "numbering", None),
            details=True,
        )
        if seen and current
        else []
    )
    return {"message": str(stale), "seen": seen, "current": current, "parts": parts}


@dataclass
class Outcome:
    """What became of a decision: `done`, or refused with the form (`invalid`, `stale`), the
    submission's `problems`, or a `refused` message."""

    form: DecisionForm
    done: bool = False
    invalid: bool = False
    stale: StaleDecision | None = None
    problems: SubmissionProblems | None = None
    refused: str = ""
    message: str = ""  # what was done, dated (`confirmations.done_message`)


def take_decision(request, document, action: str) -> Outcome:
    """Read the decision posted for `action` (404 if unknown) and make it through its door."""
    door = ACTIONS.get(action)
    if door is None:
        raise Http404
    transition = TRANSITIONS[action]
    form = decision_form(document, transition, request.POST)
    if not form.is_valid():
        return Outcome(form, invalid=True)
    try:
        document = door(
            document,
            by=request.user,
            comment=form.cleaned_data["comment"],
            section_comments=form.section_comments(),
            seen_version=form.cleaned_data["version"],
        )
    except StaleDecision as stale:
        document.refresh_from_db()
        # Kept as typed, but now on the version shown with the changes: deciding again is
        # deciding on what is there.
        typed = {**request.POST.dict(), "version": document.version}
        form = decision_form(document, transition, typed)
        form.is_valid()
        return Outcome(form, stale=stale)
    except SubmissionProblems as problems:
        return Outcome(form, problems=problems)
    except TransitionRefused as refused:
        return Outcome(form, refused=str(refused))
    return Outcome(form, done=True, message=done_message(action, document))


def confirm_decision(request, document, action: str, *, cancel_url: str):
    """A GET on a decision's address: its confirmation page, for those who may make it now.

    Unknown actions are 404; those that do not ask first answer 405 (POST only); a decision
    this user may never make is 403, one the document's status no longer allows comes back
    on `cancel_url` with why. The page carries the version and comment the link brought
    (`?version=…&comment=…`), so a decision on a text that changed since is still refused.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404
    if action not in CONFIRMED:
        return HttpResponseNotAllowed(["POST"])
    if not transition.allowed(request.user, document):
        raise PermissionDenied
    if document.status not in transition.sources:
        messages.error(
            request,
            _("A review that is “%(status)s” cannot be changed this way.")
            % {"status": document.get_status_display()},
        )
        return redirect(cancel_url)
    form = decision_form(document, transition)
    form.initial = {"comment": request.GET.get("comment", "")[:5000].replace("\x00", "")}
    seen = request.GET.get("version", "")
    form.page_version = int(seen) if seen.isdigit() and len(seen) < 10 else document.version
    next_url = request.GET.get("next", "")
    return confirm_page(
        request,
        document,
        action,
        cancel_url=cancel_url,
        form=form,
        extra={"transition": transition, "next_url": next_url},
    )


def answer_decision(request, document, action: str, *, page, done_url: str):
    """`take_decision`, then the moderation page's answer: a refused form comes back on
    `page(request, document, decision=form, stale=…, status=…)` with what was typed (400, or 409
    with what changed); otherwise a message and back to `done_url`. A GET is the decision's
    confirmation page (`confirm_decision`), back to `done_url` on cancel."""
    if request.method != "POST":
        return confirm_decision(request, document, action, cancel_url=done_url)
    outcome = take_decision(request, document, action)
    if outcome.invalid:
        return page(request, document, decision=outcome.form, status=400)
    if outcome.stale:
        return page(request, document, decision=outcome.form, stale=outcome.stale, status=409)
    if outcome.problems:
        messages.error(request, " ".join(str(m) for m in outcome.problems.messages()))
    elif outcome.refused:
        messages.error(request, outcome.refused)
    else:
        messages.success(request, outcome.message)
    return redirect(done_url)
