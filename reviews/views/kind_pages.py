"""The authors' pages every kind of document builds the same way: editing one part, the
attachments, submitting and the authors' own decisions.

Each kind keeps its own views (finding the document, 404 for those who may not see it, its
URL names and templates) and calls these with its `url_of(document, name, **kwargs)`: the
address of one of its pages by a name shared by every kind ("overview", "autosave",
"attachments", "attachment", "delete_attachment", "act"). The steps are the shared
machinery's: `reviews.editing.save_part` (version check, conflicts), `reviews.views.editor`
(the conflict page, the restore offer), `reviews.views.attachments` (checked uploads) and
`reviews.workflow` (every status change).
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reviews.content import snapshot
from reviews.forms import AttachmentForm, DecisionForm
from reviews.parts import SectionPart
from reviews.permissions import can_edit_review
from reviews.read_only import read_only_reason
from reviews.views.attachments import store_attachment
from reviews.views.confirmations import done_message
from reviews.views.decisions import confirm_decision
from reviews.views.editor import bind_part, part_change, save_posted_part
from reviews.wordcount import count_words
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

UrlOf = Callable[..., str]


def page_context(request, document, nav: list, active: str) -> dict:
    """What every author page of a document reads: the document (as `review` too, for the
    shared partials), the kind's navigation, the active entry, whether this person edits."""
    return {
        "review": document,
        "document": document,
        "nav": nav,
        "active": active,
        "can_edit": can_edit_review(request.user, document),
    }


def edit_part(
    request,
    document,
    part,
    *,
    url_of: UrlOf,
    context: dict,
    section_page: str,
    section_context: Callable[[SectionPart], dict] | None = None,
):
    """A part's editor: GET shows the working copy; POST saves it (version-checked), shows the
    form again with its errors (400), or the conflict page (409) with the user's text kept.

    `context` is the kind's page context (its tabs, `can_edit`, what the part's page needs); a
    section is shown on `section_page`, with `section_context(part)` added (its label, its
    guidance); any other part on its own `part.page`.
    """
    if request.method == "POST":
        if not can_edit_review(request.user, document):
            raise PermissionDenied
        form, rows = bind_part(document, part, request.POST)
        if form.is_valid() and (rows is None or rows.is_valid()):
            return save_posted_part(request, document, part, form, rows)
        status = 400
    else:
        form, rows = bind_part(document, part, current=part.read(snapshot(document)))
        status = 200
    context = {
        "part": part.key,
        "form": form,
        "rows": rows,
        "part_change": part_change(document, part),
        # Shown instead of the restore offer when this person may not edit (the shared partial).
        "read_only_reason": read_only_reason(document, request.user),
        "autosave_url": url_of(document, "autosave", part=part.key),
        **context,
    }
    if isinstance(part, SectionPart):
        text = form["text"].value() or ""
        context.update(
            section=part.section,
            words=count_words(text),
            text_id=form["text"].id_for_label,
        )
        if section_context is not None:
            context.update(section_context(part))
        return render(request, section_page, context, status=status)
    return render(request, part.page, context, status=status)


def attachments_page(
    request, document, *, url_of: UrlOf, context: dict, template: str, kinds=None, initial=None
):
    """The document's attachments with a link to each and its remove button, and the upload
    form (POST: 403 for those who may not edit, 400 with the errors, else back here).

    `kinds` narrows the form's choice of attachment kinds; `initial` fills the blank form.
    """
    form, status = AttachmentForm(initial=initial), 200
    if request.method == "POST":
        if not can_edit_review(request.user, document):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if kinds is not None:
            form.fields["kind"].choices = kinds
        if form.is_valid():
            attachment = store_attachment(
                document, form, kind=form.cleaned_data["kind"], by=request.user
            )
            messages.success(
                request, _("“%(name)s” is attached.") % {"name": attachment.original_name}
            )
            return redirect(url_of(document, "attachments"))
        status = 400
    if kinds is not None:
        form.fields["kind"].choices = kinds
    context = {
        **context,
        "form": form,
        "attachments": [
            (
                a,
                url_of(document, "attachment", attachment=a.pk),
                url_of(document, "delete_attachment", attachment=a.pk),
            )
            for a in document.attachments.all()
        ],
    }
    return render(request, template, context, status=status)


def authors_decisions(user, document, *, url_of: UrlOf) -> list[dict]:
    """The authors' decisions this user may make now (submit aside), with their addresses."""
    return [
        {"action": t.action, "label": t.label, "url": url_of(document, "act", action=t.action)}
        for t in available_actions(user, document)
        if t.action in AUTHORS_DECISIONS
    ]


def submit(request, document, *, url_of: UrlOf, on_problems):
    """Submit; refused content comes back on the overview (`on_problems(request, document,
    problems=…, status=400)`), listing each problem; otherwise back to the overview with what
    was done. A GET is the confirmation page (a kind's view that allows GET gets it)."""
    if request.method != "POST":
        return confirm_decision(
            request, document, "submit", cancel_url=url_of(document, "overview")
        )
    try:
        document = submit_document(document, by=request.user)
    except SubmissionProblems as problems:
        return on_problems(request, document, problems=problems, status=400)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done_message("submit", document))
    return redirect(url_of(document, "overview"))


def decide(request, document, action: str, *, url_of: UrlOf):
    """One of the authors' own decisions (withdraw, reopen, revise; any other is 404) through
    the workflow's doors, then back to the overview with what happened."""
    if action not in AUTHORS_DECISIONS:
        raise Http404
    if request.method != "POST":  # start a new version asks first; the others are POST only
        return confirm_decision(request, document, action, cancel_url=url_of(document, "overview"))
    form = DecisionForm(request.POST, transition=TRANSITIONS[action])
    if not form.is_valid():
        messages.error(request, _("This decision could not be read: reload the page and retry."))
        return redirect(url_of(document, "overview"))
    try:
        document = ACTIONS[action](
            document, by=request.user, seen_version=form.cleaned_data["version"]
        )
    except (StaleDecision, TransitionRefused) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done_message(action, document))
    return redirect(url_of(document, "overview"))
