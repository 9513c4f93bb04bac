"""Importing a Word or OpenDocument file into a national review's draft (issue 18, item 2).

Three pages, for those who may edit the draft (403 for those who only read it, 404 for those
who do not see it): the upload form, the review page of one import (the uploader's own: 404
for anybody else, and once applied or expired), and its apply button. The work is in
`reviews.wordfile.importing`; nothing is written in the draft before apply.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from reviews.content import html_lang, text_direction
from reviews.editing import EditRefused
from reviews.parts import UnknownPart
from reviews.permissions import can_edit_review
from reviews.views.common import get_review_or_404
from reviews.wordfile.importing import apply_import, pending_import, start_import
from reviews.wordfile.proposal import importable, part_label, propose


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(".docx or .odt, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.odt"}),
    )


def _editable_review(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    if not can_edit_review(request.user, review):
        raise PermissionDenied
    return review


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, cycle, iso3):
    """The upload form (GET); POST reads the file and leads to its review page."""
    review = _editable_review(request, cycle, iso3)
    # Bound on POST even when empty: no file at all is an error at the field, not a blank form.
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        try:
            word_import = start_import(form.cleaned_data["file"], document=review, by=request.user)
        except ValidationError as refused:
            form.add_error("file", refused)
        else:
            return redirect(
                "reviews:import_review", cycle=cycle, iso3=review.member_state_id, pk=word_import.pk
            )
    status = 400 if request.method == "POST" else 200
    context = {"review": review, "form": form}
    return render(request, "reviews/workspace/import_upload.html", context, status=status)


def _import_or_404(request, review, pk):
    word_import = pending_import(review, pk, user=request.user)
    if word_import is None:
        raise Http404
    return word_import


@login_required
def review_import(request, cycle, iso3, pk):
    """Per part of the file: the difference from the draft, the words, a checkbox."""
    review = _editable_review(request, cycle, iso3)
    return _review_page(request, review, _import_or_404(request, review, pk))


def _review_page(request, review, word_import, *, error="", status=200):
    proposed = propose(review, word_import.parts, base_version=word_import.base_version)
    for p in proposed:
        p.editor_url = _editor_url(review, p.key)
    context = {
        "review": review,
        "word_import": word_import,
        "proposed": proposed,
        "changed": [p for p in proposed if not p.unchanged],
        "unchanged": [p for p in proposed if p.unchanged],
        "text_lang": html_lang(review.language),
        "text_dir": text_direction(review.language),
        "error": error,
    }
    return render(request, "reviews/workspace/import_review.html", context, status=status)


def _editor_url(review, key: str) -> str:
    kind, _dash, number = key.partition("-")
    name = "reviews:section" if kind == "section" else "reviews:objective"
    return reverse(name, args=[review.cycle.slug, review.member_state_id, int(number)])


@login_required
@require_POST
def apply(request, cycle, iso3, pk):
    """Save the chosen parts as one revision, then back to the overview with what was done."""
    review = _editable_review(request, cycle, iso3)
    word_import = _import_or_404(request, review, pk)
    keys = request.POST.getlist("parts")
    if not keys:
        error = _("Choose at least one part to import.")
        return _review_page(request, review, word_import, error=error, status=400)
    # Checked again as the draft is now: a colleague may have taken a priority meanwhile.
    proposed = propose(review, word_import.parts, base_version=word_import.base_version)
    refused = next((p for p in proposed if p.key in keys and p.problem), None)
    if refused is not None:
        error = _("%(part)s cannot be imported as the file has it: %(problem)s") % {
            "part": refused.label,
            "problem": refused.problem,
        }
        return _review_page(request, review, word_import, error=error, status=400)
    try:
        saved = apply_import(word_import, keys, by=request.user)
    except UnknownPart:
        error = _("This choice could not be read: choose again from the parts listed.")
        return _review_page(request, review, word_import, error=error, status=400)
    except EditRefused:
        raise PermissionDenied from None
    _report(request, review, word_import.file_name, saved)
    return redirect("reviews:overview", cycle=cycle, iso3=review.member_state_id)


def _report(request, review, file_name, saved):
    """One message for the parts saved, one per part refused as a conflict."""
    labels = {key: part_label(importable(review, key)) for key in saved.saved}
    labels.update({c.part: part_label(importable(review, c.part)) for c in saved.conflicts})
    if saved.saved:
        parts = "; ".join(labels[key] for key in saved.saved)
        messages.success(
            request,
            _("Imported from %(file)s: %(parts)s.") % {"file": file_name, "parts": parts},
        )
    for conflict in saved.conflicts:
        messages.warning(
            request,
            _(
                "%(part)s was not imported: it was changed in the portal since the file's "
                "version. Open it in the editor to take what you need from the file by hand."
            )
            % {"part": labels[conflict.part]},
        )
    if not saved.saved and not saved.conflicts:
        messages.info(
            request, _("Nothing was imported: the parts chosen already read as in the file.")
        )
