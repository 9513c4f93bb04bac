from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.forms import AttachmentForm
from reviews.models import Attachment
from reviews.permissions import can_edit_review
from reviews.views.common import get_review_or_404


def store_attachment(review, form, *, kind, by) -> Attachment:
    """Save a checked upload; the stored name is random, the extension from the content."""
    upload = form.cleaned_data["file"]
    attachment = Attachment(
        review=review,
        kind=kind,
        original_name=upload.name[:255],
        content_type=form.content_type,
        size=upload.size,
        sha256=form.sha256,
        uploaded_by=by,
    )
    attachment.file.save(f"upload{form.extension}", upload, save=True)
    return attachment


@login_required
def attachments(request, cycle, iso3):
    review = get_review_or_404(request, cycle, iso3)
    can_edit = can_edit_review(request.user, review)
    form = AttachmentForm()
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise Http404
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            store_attachment(review, form, kind=form.cleaned_data["kind"], by=request.user)
            messages.success(request, _("“%(name)s” is attached.") % {"name": upload.name})
            return redirect("reviews:attachments", cycle=cycle, iso3=review.member_state_id)
        status = 400
    context = {
        "review": review,
        "form": form,
        "attachments": review.attachments.all(),
        "can_edit": can_edit,
    }
    return render(request, "reviews/workspace/attachments.html", context, status=status)


@login_required
def download_attachment(request, cycle, iso3, pk):
    review = get_review_or_404(request, cycle, iso3)
    attachment = get_object_or_404(Attachment, pk=pk, review=review)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def delete_attachment(request, cycle, iso3, pk):
    review = get_review_or_404(request, cycle, iso3)
    if not can_edit_review(request.user, review):
        raise Http404
    attachment = get_object_or_404(Attachment, pk=pk, review=review)
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, _("“%(name)s” is removed.") % {"name": attachment.original_name})
    return redirect("reviews:attachments", cycle=cycle, iso3=review.member_state_id)
