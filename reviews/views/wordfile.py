"""The review as a word-processor file (issue 18): the draft, a revision or the published text,
as .docx or .odt, for clearance inside government.

Who may download it: whoever may read the review's history (the State's focal points, the
secretariat); everyone else gets a 404, as for every workspace page. The file is private:
never kept by a shared cache or the browser's.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reviews.views.common import get_review_or_404
from reviews.wordfile import FORMATS, export_file


@login_required
@require_GET
def export(request, cycle, iso3):
    """`?format=docx|odt` (docx by default), `&revision=<number>` (the draft by default)."""
    review = get_review_or_404(request, cycle, iso3)
    fmt = request.GET.get("format", "docx")
    if fmt not in FORMATS:
        return HttpResponseBadRequest(
            _("Choose a file format: .docx (Word) or .odt (OpenDocument)."),
            content_type="text/plain; charset=utf-8",
        )
    revision = None
    if "revision" in request.GET:
        try:
            number = int(request.GET["revision"])
        except ValueError:
            return HttpResponseBadRequest(
                _("A revision is named by its number."), content_type="text/plain; charset=utf-8"
            )
        revision = review.revisions.filter(number=number).first()
        if revision is None:
            raise Http404
    data, name, content_type = export_file(review, revision=revision, fmt=fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
