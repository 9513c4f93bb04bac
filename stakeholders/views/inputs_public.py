"""The public page of a published stakeholder input, and its PDF.

Only the pinned published revision is read; an input never published answers 404 (a draft's or
a submission's existence stays unknown), one that was unpublished 410, as every kind does.
Anonymous pages are cached (`cache_public_page`) and run a fixed number of queries.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from reviews.views.common import cache_public_page, published_pdf_response, scope_of_page
from stakeholders.published import find_input, input_document


def _published_or_none(cycle, pk):
    """(input, None) if published; (None, page) for an unpublished one (410); 404 otherwise."""
    found = find_input(cycle, pk)
    if found is None:
        raise Http404
    if found.published_revision_id is None:
        if found.unpublished_at is None:
            raise Http404
        return None, found
    return found, None


def _gone(request, document):
    return render(request, "stakeholders/inputs/gone.html", {"document": document}, status=410)


@require_GET
@cache_public_page(scope=scope_of_page)
def published_input(request, cycle, pk):
    stakeholder_input, gone = _published_or_none(cycle, pk)
    if gone is not None:
        return _gone(request, gone)
    revision = stakeholder_input.published_revision
    context = {
        "input": stakeholder_input,
        "revision": revision,
        **input_document(stakeholder_input, revision),
    }
    return render(request, "stakeholders/inputs/public.html", context)


@require_GET
def input_pdf(request, cycle, pk):
    """The current PDF as GCM-stakeholder-input-<id>-<cycle>-<lang>.pdf, once rendered; cached
    and revalidated like every kind's PDF."""
    stakeholder_input, gone = _published_or_none(cycle, pk)
    if gone is not None:
        return _gone(request, gone)
    language = stakeholder_input.published_revision.content["language"]
    return published_pdf_response(
        request,
        stakeholder_input,
        filename=f"GCM-stakeholder-input-{pk}-{stakeholder_input.cycle.slug}-{language}.pdf",
        pending_template="stakeholders/inputs/pdf_pending.html",
        context={"document": stakeholder_input},
    )


published = "inputs/<slug:cycle>/<int:pk>/"
urlpatterns = [
    path(published, published_input, name="input"),
    path(f"{published}pdf/", input_pdf, name="input_pdf"),
]
