"""Attachments of a regional document (the meeting's outcome document, supporting files):
the uploads are checked and stored as for national reviews (`reviews.uploads`,
`reviews.views.attachments.store_attachment`); one set of views for both regional kinds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regional.views.documents import get_input_or_404, get_report_or_404, page_context, url_of
from reviews.forms import AttachmentForm
from reviews.models import Attachment
from reviews.permissions import can_edit_review
from reviews.uploads import download_name
from reviews.views.attachments import store_attachment


def _document(request, cycle, body, pk=None):
    if pk is None:
        return get_report_or_404(request, cycle, body)
    return get_input_or_404(request, cycle, body, pk)


@login_required
def attachments(request, cycle, body, pk=None):
    document = _document(request, cycle, body, pk)
    form, status = AttachmentForm(), 200
    if request.method == "POST":
        if not can_edit_review(request.user, document):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            attachment = store_attachment(
                document, form, kind=form.cleaned_data["kind"], by=request.user
            )
            messages.success(
                request, _("“%(name)s” is attached.") % {"name": attachment.original_name}
            )
            return redirect(url_of(document, "attachments"))
        status = 400
    context = {
        **page_context(request, document, "attachments"),
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
    return render(request, "regional/workspace/attachments.html", context, status=status)


@login_required
def download_attachment(request, cycle, body, attachment, pk=None):
    document = _document(request, cycle, body, pk)
    attachment = get_object_or_404(Attachment, pk=attachment, document=document)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def delete_attachment(request, cycle, body, attachment, pk=None):
    document = _document(request, cycle, body, pk)
    if not can_edit_review(request.user, document):
        raise PermissionDenied
    attachment = get_object_or_404(Attachment, pk=attachment, document=document)
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, _("“%(name)s” is removed.") % {"name": attachment.original_name})
    return redirect(url_of(document, "attachments"))
