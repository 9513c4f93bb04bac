"""Restoring one part of a document from an earlier revision, as a new save.

The history offers, for each part a revision changed, "Restore this text". The old text goes
through the part's own editor form and `reviews.editing.save_part` with the version the history
page was loaded at as its base: the same permission, checks and conflict rules as typing it in
the editor. A colleague's save of that part since then gives the conflict page (409), with the
restored text kept beside theirs; nothing is overwritten. The restored save is a new revision.

`restore_part` serves any kind of document; `restore` is the national review's address.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.content import snapshot
from reviews.editing import EditConflict, EditRefused, save_part
from reviews.history import form_data, read_part, restored_label
from reviews.models import ReviewRevision
from reviews.parts import DetailsPart, ObjectiveEntryPart
from reviews.permissions import can_edit_review
from reviews.views.common import get_review_or_404
from reviews.views.editor import bind_part, part_or_404

MAX_ID = 2**31 - 1  # the database's integer; a larger number is not an id


class RestoreForm(forms.Form):
    """What a "Restore this text" button posts: which revision, which part, and the document's
    version when the history was loaded (the base of the save)."""

    revision = forms.IntegerField(min_value=1, max_value=MAX_ID)
    part = forms.CharField(max_length=40)
    version = forms.IntegerField(min_value=0, max_value=MAX_ID)


def restore_part(request, document, *, history_url: str, editor_url):
    """POST only: restore `part` of `revision` of a document the user may see (found by the
    caller, 404 for others). 403 for those who may not edit it now; 400 for a request that
    cannot be read; 404 for a part or revision the document does not have. `editor_url(part)`:
    the part's editor, where the conflict page saves the merged text."""
    if not can_edit_review(request.user, document):
        raise PermissionDenied
    asked = RestoreForm(request.POST)
    if not asked.is_valid():
        return HttpResponse(
            _("This request could not be read: reload the history and try again."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    part = part_or_404(document, asked.cleaned_data["part"])
    revision = document.revisions.filter(number=asked.cleaned_data["revision"]).first()
    value = read_part(part, revision.content) if revision is not None else None
    if value is None:
        raise Http404
    version = asked.cleaned_data["version"]
    label = restored_label(document, part)
    when = date_format(timezone.localtime(revision.updated_at), "DATE_FORMAT")
    form, rows = bind_part(document, part, form_data(document, part, value, version=version))
    if not (form.is_valid() and (rows is None or rows.is_valid())):
        errors = [e for field in form.errors.values() for e in field] or [_("check the form")]
        messages.error(
            request,
            _("%(part)s could not be restored from the version of %(date)s: %(error)s")
            % {"part": label, "date": when, "error": errors[0]},
        )
        return redirect(history_url)
    restored = part.form_value(form, rows)
    if part.normalise(restored) == part.read(snapshot(document)):
        messages.info(
            request,
            _("%(part)s already reads as in the version of %(date)s: nothing to restore.")
            % {"part": label, "date": when},
        )
        return redirect(history_url)
    try:
        save_part(
            document,
            part,
            restored,
            by=request.user,
            base_version=version,
            kind=ReviewRevision.Kind.SAVE,
        )
    except EditConflict as conflict:
        # The editor's conflict page, posting the restored text (and the rest of the part as
        # its form holds it) to the part's editor once merged.
        context = {
            "save_url": editor_url(part),
            "review": document,
            "part": part.key,
            "mine": restored,
            "theirs": conflict.theirs,
            "author": conflict.author,
            "current_version": conflict.version,
            "post": form_data(document, part, value, version=conflict.version),
        }
        return render(request, "reviews/workspace/conflict.html", context, status=409)
    except EditRefused:
        raise PermissionDenied from None
    messages.success(
        request,
        _("Restored %(part)s from the version of %(date)s.") % {"part": label, "date": when},
    )
    return redirect(history_url)


@login_required
@require_POST
def restore(request, cycle, iso3):
    """A national review's part restored from its history."""
    review = get_review_or_404(request, cycle, iso3)
    address = {"cycle": review.cycle.slug, "iso3": review.member_state_id}

    def editor_url(part):
        if isinstance(part, ObjectiveEntryPart):
            return reverse("reviews:objective", kwargs={**address, "number": part.number})
        if isinstance(part, DetailsPart):
            return reverse("reviews:details", kwargs=address)
        return reverse("reviews:section", kwargs={**address, "number": part.number})

    return restore_part(
        request,
        review,
        history_url=reverse("reviews:history", kwargs=address),
        editor_url=editor_url,
    )
