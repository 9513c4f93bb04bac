from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reviews.forms import AttachmentForm
from reviews.models import Attachment
from reviews.permissions import can_edit_review
from reviews.uploads import download_name
from reviews.views.common import get_review_or_404
from reviews.views.confirmations import confirm_removal, removed_message


def store_attachment(review, form, *, kind, by) -> Attachment:
    """Save a checked upload; the stored name is random, the extension from the content.

    The name shown and downloaded is the uploader's, ending in the checked type's extension:
    a PDF sent as `x.html` is listed and downloaded as `x.pdf`, never as a page or a program.
    """
    upload = form.cleaned_data["file"]
    attachment = Attachment(
        document=review,
        kind=kind,
        original_name=download_name(upload.name[:240], form.content_type),
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
            raise PermissionDenied  # seen but not editable: its status, or an official who reads
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            attachment = store_attachment(
                review, form, kind=form.cleaned_data["kind"], by=request.user
            )
            messages.success(
                request, _("“%(name)s” is attached.") % {"name": attachment.original_name}
            )
            return redirect("reviews:attachments", cycle=cycle, iso3=review.member_state_id)
        status = 400
    context = {
        "review": review,
        "form": form,
        "attachments": review.attachments.all(),
        "can_edit": can_edit,
    }
    return render(request, "reviews/workspace/attachments.html", context, status=status)


def attachment_file(document, pk) -> FileResponse:
    """The document's attachment `pk` as a private download (404 if it is not the document's).

    Rows stored before names were corrected may still end in `.html` or `.exe`: the name sent
    ends in the checked type's extension.
    """
    attachment = get_object_or_404(Attachment, pk=pk, document=document)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def remove_attachment(request, document, pk, *, cancel_url: str = ""):
    """Remove the document's attachment `pk` and its file, and say so (None): 403 for those
    who may not edit the document, 404 if it is not the document's. A GET (with `cancel_url`,
    the attachments page) removes nothing: it answers the confirmation page, which posts here.
    """
    if not can_edit_review(request.user, document):
        raise PermissionDenied
    attachment = get_object_or_404(Attachment, pk=pk, document=document)
    if request.method != "POST":
        return confirm_removal(request, document, attachment, cancel_url=cancel_url)
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, removed_message(attachment))
    return None


@login_required
def download_attachment(request, cycle, iso3, pk):
    return attachment_file(get_review_or_404(request, cycle, iso3), pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete_attachment(request, cycle, iso3, pk):
    """Remove an attachment (POST); a GET asks first (`remove_attachment`)."""
    review = get_review_or_404(request, cycle, iso3)
    back = reverse("reviews:attachments", args=[review.cycle.slug, review.member_state_id])
    return remove_attachment(request, review, pk, cancel_url=back) or redirect(back)
