"""The public pages of the GCM pledging initiative: the list with its filters, and one pledge
with the history of its published versions.

Only pinned published revisions are read; a pledge never published answers 404 (a draft's
existence stays unknown), one that was unpublished 410, as every kind does. Anonymous pages
are cached (`cache_public_page`).
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from reviews.throttle import limit_searches
from reviews.views.common import answers_page, cache_public_page, scope_of_page
from stakeholders.pledges.filters import PledgeFilter
from stakeholders.pledges.published import (
    all_published_pledges,
    find_pledge,
    history,
    pledge_document,
    progress_label,
)

PAGE_SIZE = 25


@require_GET
@limit_searches
@cache_public_page
def pledge_list(request):
    """Published pledges, filtered; a bad filter value is answered at its field (400)."""
    filters = PledgeFilter(request.GET, queryset=all_published_pledges())
    valid = filters.is_valid()
    found = filters.qs if valid else all_published_pledges().none()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "pledge": p,
            "title": p.published_revision.content["title"],
            "progress": p.published_revision.content["progress"],
            "progress_label": progress_label(p.published_revision.content["progress"]),
        }
        for p in page.object_list
    ]
    kept = request.GET.copy()
    kept.pop("page", None)
    context = {"filters": filters, "page": page, "rows": rows, "query_string": kept.urlencode()}
    response = render(
        request, "stakeholders/pledges/list.html", context, status=200 if valid else 400
    )
    return answers_page(response, request, page)


@require_GET
@cache_public_page(scope=scope_of_page)
def pledge_page(request, reference):
    pledge = find_pledge(reference)
    if pledge is None:
        raise Http404
    if pledge.published_revision_id is None:
        if pledge.unpublished_at is None:
            raise Http404
        return render(request, "stakeholders/pledges/gone.html", {"document": pledge}, status=410)
    revision = pledge.published_revision
    context = {
        "pledge": pledge,
        "revision": revision,
        "history": history(pledge),
        **pledge_document(pledge, revision),
    }
    return render(request, "stakeholders/pledges/public.html", context)


urlpatterns = [
    path("pledges/", pledge_list, name="pledges"),
    path("pledges/<slug:reference>/", pledge_page, name="pledge"),
]
