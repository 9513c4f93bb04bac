import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from reviews import choice_memo
from reviews.content import html_lang
from reviews.models import PdfStatus, VoluntaryReview
from reviews.permissions import can_view_review
from reviews.public_cache import (
    INDEX,
    WARMING,
    current_scope,
    objective_scope,
    path_scope,
    state_scope,
)

log = logging.getLogger(__name__)


def get_review_or_404(request, cycle: str, iso3: str) -> VoluntaryReview:
    """The working copy for those who may see it; 404 for everyone else (existence stays secret)."""
    review = get_object_or_404(
        VoluntaryReview.objects.select_related("member_state", "cycle"),
        cycle__slug=cycle,
        member_state__iso3=iso3.upper(),
    )
    if not can_view_review(request.user, review):
        raise Http404
    return review


def redirect_back(request, review):
    """Back to the page the form came from (a local path only), else the review's overview."""
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("reviews:overview", cycle=review.cycle.slug, iso3=review.member_state_id)


# 410 (unpublished) stays cached: those addresses existed, their number is bounded.
CACHED_STATUSES = {200, 410}
ANSWERS = "answers_query"


def answers_query(response, query: str):
    """Mark `response` as the page for the query string `query`, exactly as the site's own links
    write it: `cache_public_page` may then keep it for that address."""
    setattr(response, ANSWERS, query)
    return response


def answers_page(response, request, page):
    """Mark a list's page `page` (a Paginator page) as cacheable at `?page=N` when the request
    asked for that page and nothing else (filters and searches are not written to the cache)."""
    if page.number > 1 and request.GET.keys() == {"page"}:
        answers_query(response, f"page={page.number}")
    return response


# Headers of a cached page that are not stored with it: set per answer by the middleware.
UNCACHED_HEADERS = {
    "content-length", "set-cookie", "x-request-id", "content-security-policy",
    "strict-transport-security", "x-frame-options", "x-content-type-options", "referrer-policy",
    "cross-origin-opener-policy",
}  # fmt: skip


def index_scope(request, kwargs) -> str:
    return INDEX


def scope_of_state(request, kwargs) -> str:
    """A Member State's pages (its State page, its reviews in every cycle) change together."""
    return state_scope(kwargs["iso3"])


def scope_of_objective(request, kwargs) -> str:
    """An objective's page shows the published entries on it, and nothing else that changes."""
    return objective_scope(kwargs["number"])


def scope_of_page(request, kwargs) -> str:
    """A page that shows one document alone (a pledge, an input): its own scope."""
    return path_scope(request.path_info)


def cache_public_page(view=None, *, scope=index_scope):
    """Serve anonymous readers from the cache of public pages (see reviews.public_cache).

    Signed-in users always get a fresh page (their header differs, and secretariat members want
    to see a publication at once); so does any request carrying a pending flash message. The key
    holds the generation and the version of the page's scope (`scope(request, kwargs)`: the
    index unless the view says otherwise), the language and the absolute address: scheme, host,
    path and query string, since pages, feeds, the sitemap and the API write absolute links with
    the host they were asked for (one host's links must never reach another's readers). A cache
    that is down is skipped, never an error.

    Only addresses the site itself links to are written, so that no stream of made-up addresses
    can fill the cache (in the broker's Redis when it has none of its own): a page with a query
    string is written only when the view marked it as the page for exactly that query string
    (`answers_query`, e.g. `page=2` of a list), never a search (`q`), an unknown parameter or a
    value the view did not take as is; and a 404 never (each made-up path would be one more key).

    A request rendered by `reviews.warming` is never answered from the cache: its page is
    written under the version being prepared for its scope (or not at all, if the warming does
    not prepare that scope).
    """
    if view is None:
        return lambda view: cache_public_page(view, scope=scope)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if (
            not seconds
            or request.method not in {"GET", "HEAD"}
            or "messages" in request.COOKIES
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        # The host has passed ALLOWED_HOSTS by now (CommonMiddleware read it).
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        # The API answers CSV to an Accept of text/csv as to ?format=csv: one more variant.
        variant = "csv" if "text/csv" in request.META.get("HTTP_ACCEPT", "") else "page"
        name = scope(request, kwargs)
        warming = getattr(request, WARMING, None)
        try:
            if warming is not None:
                if name not in warming:
                    return view(request, *args, **kwargs)
                where = warming[name]
            else:
                # The dropdowns' version too, in the same round trip (reviews.choice_memo).
                where = current_scope(name, also=(choice_memo.GENERATION_KEY,))
                choice_memo.prefetched(where.also[choice_memo.GENERATION_KEY])
                if where.fresh:
                    return view(request, *args, **kwargs)
            key = where.page_key(get_language(), variant, address)
            hit = None if warming is not None else cache.get(key)
        except Exception:
            log.warning("cache of public pages unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if hit is not None:
            status, headers, body = hit
            return HttpResponse(body, status=status, headers=headers)
        response = view(request, *args, **kwargs)
        if (
            response.status_code in CACHED_STATUSES
            and request.META.get("QUERY_STRING", "") == getattr(response, ANSWERS, "")
            and not response.streaming
            and not response.cookies
        ):
            if hasattr(response, "render"):
                response.render()
            try:
                # The view's own headers (CORS on the API, a CSV's file name, the language...);
                # the middleware adds the rest on the way out, to hits as to misses.
                headers = {k: v for k, v in response.items() if k.lower() not in UNCACHED_HEADERS}
                entry = (response.status_code, headers, response.content)
                cache.set(key, entry, seconds)
            except Exception:
                log.warning("could not cache a public page", exc_info=True)
        return response

    return wrapper


def published_pdf_response(request, document, *, filename: str, pending_template: str, context):
    """The PDF of a published document of any kind, once rendered; 503 while it is rendering.

    Shared caches (a proxy, a CDN) keep it five minutes and browsers one, then must ask again:
    an unpublished document's PDF is gone from them within minutes (410), and a copy that is
    still current costs a 304 (ETag: the PDF's hash), not the file.
    """
    pdf = document.rendition
    if pdf.status != PdfStatus.READY or not pdf.file:
        response = render(request, pending_template, context, status=503)
        response["Retry-After"] = "60"
        return response
    etag = f'"{pdf.hash}"' if pdf.hash else None
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(
            pdf.file.open("rb"), content_type="application/pdf", filename=filename
        )
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=60, s-maxage=300, must-revalidate"
    if etag:
        response["ETag"] = etag
    # The PDF is in the document's language whatever the address's prefix (`/en/…/pdf` of an
    # Arabic review is the Arabic PDF): say so to browsers, readers and caches.
    if document.published_language:
        response["Content-Language"] = html_lang(document.published_language)
    return response
