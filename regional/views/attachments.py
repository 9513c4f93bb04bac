"""Attachments of a regional document (the meeting's outcome document, supporting files):
the uploads are checked and stored as for national reviews (`reviews.uploads`,
`reviews.views.attachments.store_attachment`); one set of views for both regional kinds."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from regional.views.documents import get_input_or_404, get_report_or_404, page_context, url_of
from reviews.views import kind_pages
from reviews.views.attachments import attachment_file, remove_attachment


def _document(request, cycle, body, pk=None):
    if pk is None:
        return get_report_or_404(request, cycle, body)
    return get_input_or_404(request, cycle, body, pk)


@login_required
def attachments(request, cycle, body, pk=None):
    document = _document(request, cycle, body, pk)
    return kind_pages.attachments_page(
        request,
        document,
        url_of=url_of,
        context=page_context(request, document, "attachments"),
        template="regional/workspace/attachments.html",
    )


@login_required
def download_attachment(request, cycle, body, attachment, pk=None):
    return attachment_file(_document(request, cycle, body, pk), attachment)


@login_required
@require_http_methods(["GET", "POST"])
def delete_attachment(request, cycle, body, attachment, pk=None):
    document = _document(request, cycle, body, pk)
    back = url_of(document, "attachments")
    return remove_attachment(request, document, attachment, cancel_url=back) or redirect(back)
