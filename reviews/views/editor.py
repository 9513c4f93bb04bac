"""Editing a review part by part, with autosave, conflicts, history and preview."""

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
from reviews.editing import EditConflict, EditRefused, part_keys, read_part, save_part
from reviews.forms import (
    DetailsForm,
    ObjectiveEntryForm,
    PracticeFormSet,
    SectionForm,
    objective_part_data,
)
from reviews.models import Objective, ReviewRevision
from reviews.permissions import can_edit_review
from reviews.selectors import review_document
from reviews.template import SECTIONS, SECTIONS_BY_NUMBER
from reviews.views.common import get_review_or_404
from reviews.wordcount import count_words


def _text_attrs(review) -> dict:
    """Typed text is in the review's language: right to left for Arabic, counted live."""
    return {
        "lang": html_lang(review.language),
        "dir": text_direction(review.language),
        "data-counter": "word-counter",
    }


def _bind(request, review, part, data=None):
    """The forms of one part, bound to POST data or filled from the working copy."""
    forms = _make_forms(review, part, data)
    form, practices = forms
    if practices is not None:
        attrs = _text_attrs(review)
        form.fields["narrative"].widget.attrs.update(attrs)
        for practice in [*practices.forms, practices.empty_form]:
            for name in ("title", "description", "partners"):
                practice.fields[name].widget.attrs.update(attrs)
    return forms


def _make_forms(review, part, data):
    current = read_part(snapshot(review), part)
    kind = part.partition("-")[0]
    if kind == "section":
        initial = {"text": current["text"], "version": review.version}
        return SectionForm(data, initial=initial), None
    if kind == "objective":
        initial = {**current, "version": review.version}
        practices = PracticeFormSet(data, initial=current["practices"], prefix="practices")
        return ObjectiveEntryForm(data, initial=initial), practices
    initial = {**current, "version": review.version}
    return DetailsForm(data, initial=initial, review=review), None


def _part_data(form, practices):
    if practices is not None:
        return objective_part_data(form, practices)
    return form.part_data()


def _valid(form, practices):
    return form.is_valid() and (practices is None or practices.is_valid())


def _editor_context(request, review, part, form, practices):
    content = snapshot(review)
    counts = {c.number: c for c in section_counts(content)}
    context = {
        "review": review,
        "part": part,
        "form": form,
        "practices": practices,
        "can_edit": can_edit_review(request.user, review),
        "sections": SECTIONS,
        "counts": counts,
        "part_change": _part_change(review, part),
    }
    kind, _, number = part.partition("-")
    if kind == "section":
        # The secretariat's comments on this section, beside the text, with the replies.
        context["section_comments"] = [
            e
            for e in review.events.select_related("actor").order_by("created_at")
            if e.section_comments.get(number)
        ]
        context["section_key"] = number
        context["section"] = SECTIONS_BY_NUMBER[int(number)]
        # Section 3's counter includes the objective entries, which live on other pages.
        context["section_words"] = counts[int(number)].words
        context["base_words"] = counts[int(number)].words - count_words(content["sections"][number])
    elif kind == "objective":
        current = content["objectives"].get(number)
        context["objective"] = Objective.objects.get(number=int(number))
        # The live counter shows section 3's total: everything but this entry, plus the entry.
        context["other_words"] = counts[3].words - (entry_words(current) if current else 0)
        context["section3"] = SECTIONS_BY_NUMBER[3]
        context["section3_words"] = counts[3].words
    return context


def _part_change(review, part):
    """The revision holding the last change to this part (its author and time), or None.

    The editor's restore offer needs it: a copy of unsaved text left in the browser is dropped
    when the user's own later save replaced it, but offered when a colleague saved the part in
    between. Revision versions grow with their numbers, and a revision covers the versions after
    the previous one (autosaves of one author are merged), so it is the first one at or past
    the part's version.
    """
    version = review.part_versions.get(part, 0)
    if not version:
        return None
    revisions = review.revisions.filter(version__gte=version).order_by("number")
    return revisions.only("author_id", "updated_at").first()


TEMPLATES = {
    "section": "reviews/workspace/section.html",
    "objective": "reviews/workspace/objective.html",
    "details": "reviews/workspace/details.html",
}


def _edit(request, cycle, iso3, part):
    review = get_review_or_404(request, cycle, iso3)
    template = TEMPLATES[part.partition("-")[0]]
    if request.method == "POST":
        if not can_edit_review(request.user, review):
            # Seen but not editable (its status, or an authorizing official who only reads).
            raise PermissionDenied
        form, practices = _bind(request, review, part, request.POST)
        if not _valid(form, practices):
            context = _editor_context(request, review, part, form, practices)
            return render(request, template, context, status=400)
        try:
            save_part(
                review.pk,
                part,
                _part_data(form, practices),
                by=request.user,
                base_version=form.cleaned_data["version"],
                kind=ReviewRevision.Kind.SAVE,
            )
        except EditConflict as conflict:
            return _conflict(request, review, part, form, practices, conflict)
        except EditRefused:
            raise PermissionDenied from None
        messages.success(
            request, _("Saved at %(time)s.") % {"time": time_format(timezone.localtime(), "H:i")}
        )
        return redirect(request.path)
    form, practices = _bind(request, review, part)
    return render(request, template, _editor_context(request, review, part, form, practices))


def _conflict(request, review, part, form, practices, conflict):
    """Refuse a stale save, showing the user's text beside the current one; lose nothing."""
    mine = _part_data(form, practices)
    context = {
        "review": review,
        "part": part,
        "mine": mine,
        "theirs": conflict.theirs,
        "author": conflict.author,
        "current_version": conflict.version,
        "post": request.POST,
    }
    return render(request, "reviews/workspace/conflict.html", context, status=409)


def section_page(request, review, number: int, *, comment_form, status: int):
    """A section's editor with a refused reply to the secretariat's comments, kept as typed."""
    part = f"section-{number}"
    form, practices = _bind(request, review, part)
    context = {
        **_editor_context(request, review, part, form, practices),
        "comment_form": comment_form,
    }
    return render(request, TEMPLATES["section"], context, status=status)


@login_required
def edit_section(request, cycle, iso3, number):
    if number not in SECTIONS_BY_NUMBER:
        raise Http404
    return _edit(request, cycle, iso3, f"section-{number}")


@login_required
def edit_objective(request, cycle, iso3, number):
    if not 1 <= number <= 23:
        raise Http404
    return _edit(request, cycle, iso3, f"objective-{number}")


@login_required
def edit_details(request, cycle, iso3):
    return _edit(request, cycle, iso3, "details")


@login_required
@require_POST
def autosave(request, cycle, iso3, part):
    """The editor's background save: JSON in, JSON out, the same rules as a save."""
    if part not in part_keys():
        raise Http404
    review = get_review_or_404(request, cycle, iso3)
    refused = {"ok": False, "error": _("This review cannot be changed now.")}
    if not can_edit_review(request.user, review):
        return JsonResponse(refused, status=403)
    form, practices = _bind(request, review, part, request.POST)
    if not _valid(form, practices):
        return JsonResponse(_autosave_errors(form, practices), status=400)
    try:
        saved = save_part(
            review.pk,
            part,
            _part_data(form, practices),
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
        return JsonResponse(refused, status=403)
    now = timezone.localtime()
    return JsonResponse(
        {
            "ok": True,
            "version": saved.version,
            "saved_at": now.isoformat(),
            "message": _("Saved at %(time)s") % {"time": time_format(now, "H:i")},
        }
    )


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
    return render(
        request, "reviews/workspace/history.html", {"review": review, "revisions": revisions}
    )


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
