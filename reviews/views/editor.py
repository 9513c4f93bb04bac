"""Editing a review part by part, with autosave, conflicts, history and preview.

`autosave_part`, `conflict_page`, `bind_part` and `part_change` serve any kind of document:
other kinds' editors (regional) call them with their own document and part.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.content import (
    diff_content,
    entry_words,
    html_lang,
    section_counts,
    snapshot,
    text_direction,
)
from reviews.editing import EditConflict, EditRefused, save_part
from reviews.history import history_rows
from reviews.models import Objective, ReviewRevision
from reviews.parts import DetailsPart, ObjectiveEntryPart, SectionPart, UnknownPart, part_of
from reviews.permissions import can_edit_review
from reviews.read_only import read_only_reason
from reviews.selectors import review_document
from reviews.template import SECTIONS
from reviews.views.common import get_review_or_404
from reviews.wordcount import count_words


def _text_attrs(review) -> dict:
    """Typed text is in the review's language: right to left for Arabic, counted live."""
    return {
        "lang": html_lang(review.language),
        "dir": text_direction(review.language),
        "data-counter": "word-counter",
    }


def part_or_404(document, key: str):
    """The kind's part named `key`, or 404 (an unknown part in an address)."""
    try:
        return part_of(document.kind, key)
    except UnknownPart:
        raise Http404 from None


def bind_part(review, part, data=None, *, current=None):
    """The forms of one part, bound to POST data or filled with the part's `current` value."""
    form, practices = part.bind(review, data, current=current)
    if practices is not None:
        attrs = _text_attrs(review)
        if "narrative" in form.fields:
            form.fields["narrative"].widget.attrs.update(attrs)
        for practice in [*practices.forms, practices.empty_form]:
            for name in ("title", "description", "partners"):
                if name in practice.fields:
                    practice.fields[name].widget.attrs.update(attrs)
    return form, practices


def _valid(form, practices):
    return form.is_valid() and (practices is None or practices.is_valid())


def _editor_context(request, review, part, form, practices, content):
    counts = {c.number: c for c in section_counts(content)}
    context = {
        "review": review,
        "part": part.key,
        "form": form,
        "practices": practices,
        "can_edit": can_edit_review(request.user, review),
        "read_only_reason": read_only_reason(review, request.user),
        "sections": SECTIONS,
        "counts": counts,
        "part_change": part_change(review, part),
    }
    if isinstance(part, SectionPart):
        number = str(part.number)
        # The secretariat's comments on this section, beside the text, with the replies.
        context["section_comments"] = [
            e
            for e in review.events.select_related("actor").order_by("created_at")
            if e.section_comments.get(number)
        ]
        context["section_key"] = number
        context["section"] = part.section
        # Section 3's counter includes the objective entries, which live on other pages.
        words = counts[part.number].words
        context["section_words"] = words
        context["base_words"] = words - count_words(part.read(content)["text"])
    elif isinstance(part, ObjectiveEntryPart):
        current = content["objectives"].get(str(part.number))
        context.update(_neighbours(part.number))
        # The counter shows the entry's own words and section 3's total apart: the total is
        # everything but this entry (the base, fixed while typing) plus the entry.
        total = counts[part.section.number].words
        own = entry_words(current) if current else 0
        context["entry_words"] = own
        context["other_words"] = total - own
        context["section3"] = part.section
        context["section3_words"] = total
    return context


def _neighbours(number: int) -> dict:
    """The objective `number` and the ones before and after it (None at 1 and at 23)."""
    objectives = {
        o.number: o for o in Objective.objects.filter(number__in=[number - 1, number, number + 1])
    }
    if number not in objectives:
        raise Http404
    return {
        "objective": objectives[number],
        "previous_objective": objectives.get(number - 1),
        "next_objective": objectives.get(number + 1),
    }


def part_change(review, part):
    """The revision holding the last change to this part (its author and time), or None.

    The editor's restore offer needs it: a copy of unsaved text left in the browser is dropped
    when the user's own later save replaced it, but offered when a colleague saved the part in
    between. Revision versions grow with their numbers, and a revision covers the versions after
    the previous one (autosaves of one author are merged), so it is the first one at or past
    the part's version.
    """
    version = review.part_versions.get(part.key, 0)
    if not version:
        return None
    revisions = review.revisions.filter(version__gte=version).order_by("number")
    return revisions.only("author_id", "updated_at").first()


def _page(request, review, part, *, status=200, **extra):
    """The part's editor filled with the working copy."""
    content = snapshot(review)
    form, practices = bind_part(review, part, current=part.read(content))
    context = {**_editor_context(request, review, part, form, practices, content), **extra}
    return render(request, part.page, context, status=status)


def _edit(request, cycle, iso3, key):
    review = get_review_or_404(request, cycle, iso3)
    part = part_or_404(review, key)
    if request.method != "POST":
        return _page(request, review, part)
    if not can_edit_review(request.user, review):
        # Seen but not editable (its status, or an authorizing official who only reads).
        raise PermissionDenied
    form, practices = bind_part(review, part, request.POST)
    if not _valid(form, practices):
        context = _editor_context(request, review, part, form, practices, snapshot(review))
        return render(request, part.page, context, status=400)
    return save_posted_part(request, review, part, form, practices)


def save_posted_part(request, document, part, form, rows):
    """Save a part's valid posted forms (a document of any kind): the conflict page (409) for
    a save on a version that moved on, 403 if the document refuses it, else "Saved at …" and
    back to the page."""
    try:
        save_part(
            document,
            part,
            part.form_value(form, rows),
            by=request.user,
            base_version=form.cleaned_data["version"],
            kind=ReviewRevision.Kind.SAVE,
        )
    except EditConflict as conflict:
        return conflict_page(request, document, part, form, rows, conflict)
    except EditRefused:
        raise PermissionDenied from None
    messages.success(
        request, _("Saved at %(time)s.") % {"time": time_format(timezone.localtime(), "H:i")}
    )
    return redirect(request.path)


def conflict_page(request, review, part, form, practices, conflict, *, save_url=None):
    """Refuse a stale save, showing the user's text beside the current one; lose nothing.
    `save_url`: where saving the merged text goes (the page posted to, unless said)."""
    context = {
        "save_url": save_url or request.path,
        "review": review,
        "part": part.key,
        "mine": part.form_value(form, practices),
        "theirs": conflict.theirs,
        "author": conflict.author,
        "current_version": conflict.version,
        "post": request.POST,
    }
    return render(request, "reviews/workspace/conflict.html", context, status=409)


def section_page(request, review, number: int, *, comment_form, status: int):
    """A section's editor with a refused reply to the secretariat's comments, kept as typed."""
    part = part_or_404(review, SectionPart.key_for(number))
    return _page(request, review, part, status=status, comment_form=comment_form)


@login_required
def edit_section(request, cycle, iso3, number):
    return _edit(request, cycle, iso3, SectionPart.key_for(number))


@login_required
def edit_objective(request, cycle, iso3, number):
    return _edit(request, cycle, iso3, ObjectiveEntryPart.key_for(number))


@login_required
def edit_details(request, cycle, iso3):
    return _edit(request, cycle, iso3, DetailsPart.key)


@login_required
@require_POST
def autosave(request, cycle, iso3, part):
    """The editor's background save: JSON in, JSON out, the same rules as a save."""
    review = get_review_or_404(request, cycle, iso3)
    return autosave_part(request, review, part_or_404(review, part))


def autosave_part(request, review, part):
    """The JSON answer of an autosave of `part` of a document the user may see."""
    reason = read_only_reason(review, request.user)
    if reason is not None:
        return JsonResponse(_refused(reason), status=403)
    form, practices = bind_part(review, part, request.POST)
    if not _valid(form, practices):
        return JsonResponse(_autosave_errors(form, practices), status=400)
    try:
        saved = save_part(
            review,
            part,
            part.form_value(form, practices),
            by=request.user,
            base_version=form.cleaned_data["version"],
            kind=ReviewRevision.Kind.AUTOSAVE,
        )
    except EditConflict as conflict:
        return JsonResponse(
            {
                "ok": False,
                "conflict": True,
                "version": conflict.version,
                "message": _(
                    "A colleague has changed this part since you opened it. Your text is kept "
                    "on this page: save it to compare the two versions."
                ),
            },
            status=409,
        )
    except EditRefused:
        # Changed status between the check and the save (a colleague submitted it).
        review.refresh_from_db(fields=["status"])
        reason = read_only_reason(review, request.user) or _("it cannot be changed now.")
        return JsonResponse(_refused(reason), status=403)
    now = timezone.localtime()
    return JsonResponse(
        {
            "ok": True,
            "version": saved.version,
            "saved_at": now.isoformat(),
            "message": _("Saved at %(time)s") % {"time": time_format(now, "H:i")},
        }
    )


def _refused(reason: str) -> dict:
    return {"ok": False, "error": _("Not saved: %(reason)s") % {"reason": reason}}


def _autosave_errors(form, practices) -> dict:
    """Each field's errors under the name it is posted as, and one line for the status line
    of the editor naming the first field at fault (a NUL character, a choice not offered)."""
    labelled = [(form[name].label, name, form.errors[name]) for name in form.errors]
    for practice in practices.forms if practices is not None else []:
        labelled += [
            (practice[name].label, practice.add_prefix(name), practice.errors[name])
            for name in practice.errors
        ]
    errors = {name: error.get_json_data() for _, name, error in labelled}
    line = (
        _("Not saved: %(field)s: %(message)s")
        % {"field": labelled[0][0], "message": labelled[0][2][0]}
        if labelled
        else _("Not saved: check the form.")
    )
    return {"ok": False, "errors": errors, "error": line}


@login_required
def history(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    revisions = review.revisions.select_related("author").order_by("-number")
    context = {
        "review": review,
        # Each row names the parts it changed; those who may edit can restore one (item 14.6).
        "revisions": history_rows(review, revisions),
        "can_edit": can_edit_review(request.user, review),
    }
    return render(request, "reviews/workspace/history.html", context)


@login_required
def diff(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    try:
        a, b = int(request.GET["from"]), int(request.GET["to"])
    except (KeyError, ValueError):
        messages.error(request, _("Choose two revisions to compare."))
        return redirect("reviews:history", cycle=cycle, iso3=review.member_state_id)
    revisions = {r.number: r for r in review.revisions.filter(number__in=[a, b])}
    if a not in revisions or b not in revisions:
        raise Http404
    old, new = revisions[min(a, b)], revisions[max(a, b)]
    context = {
        "review": review,
        "old": old,
        "new": new,
        "parts": diff_content(old.content, new.content),
    }
    return render(request, "reviews/workspace/diff.html", context)


@login_required
def preview(request, cycle, iso3):
    """The review as the public will read it once published."""
    review = get_review_or_404(request, cycle, iso3)
    context = {"review": review, **review_document(snapshot(review))}
    return render(request, "reviews/workspace/preview.html", context)
