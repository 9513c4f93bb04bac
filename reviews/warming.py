"""Render the public pages a change affects before any visitor asks for them (issue 17).

A publication, an unpublication or a new PDF changes what some public pages show: the index
(home, the first page of every list, objective pages, trackers and coverage, feed, sitemap, API
lists) and the document's own scope (a national review's State: its State page and its review
pages; another kind's own page). `refresh_after_commit` marks those scopes changed and queues
`WARM_TASK` once the change is committed; the task renders each page of those scopes, in the six
languages, as an anonymous visitor of `SITE_URL` would get it, into a new version of the scope
(`reviews.public_cache`), then moves the scope to it. Until then the previous version serves.

The pages go through Django's whole request handling (middleware, URL resolving, the views'
own cache decorator), only without a socket: what is cached is exactly what a visitor gets.
Beat's sweep (`sweep_public_pages`) warms the index again every few minutes, so its pages never
expire between changes, and warms the scope of any recent change that no warming has read (a
task lost with the broker). Without a worker of its own (`PUBLIC_CACHE_WARM` off: `make run`'s
in-process tasks), a change makes every cached page stale instead.
"""

import io
import logging
import sys
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from reviews import kinds
from reviews.models import Document, Objective, ReviewCycle
from reviews.public_cache import (
    INDEX,
    WARMING,
    Scope,
    current_scope,
    invalidate_public_pages,
    mark_changed,
    move_to,
    next_version,
    objective_scope,
    path_scope,
    public_generation,
)
from reviews.published_diff import store_diff_for
from reviews.queue import enqueue

log = logging.getLogger(__name__)

WARM_TASK = "reviews.warm_public_pages"
# Pages without a language prefix (the feed, the sitemap, the API) are cached per language of
# the visitor's Accept-Language: each is rendered once per language too.
UNPREFIXED = ("/feeds/publications/", "/sitemap.xml")
API_LISTS = ("reviews", "objective-entries", "states", "objectives", "cycles", "commissions")
RECENT = timedelta(hours=1)


def warming_on() -> bool:
    return bool(settings.PUBLIC_CACHE_SECONDS) and settings.PUBLIC_CACHE_WARM


# --- What a change affects ----------------------------------------------------------------------


def document_scope(document) -> str:
    kind = kinds.kind_named(document.kind)
    if kind.public_scope is not None:
        return kind.public_scope(kinds.specific(document))
    return path_scope(kind.public_url(kinds.specific(document)))


def _scope_paths(document) -> list[str]:
    """The document's own scope's pages, in the active language."""
    kind = kinds.kind_named(document.kind)
    specific = kinds.specific(document)
    if kind.scope_paths is not None:
        return kind.scope_paths(specific)
    return [kind.public_url(specific)]


def _index_paths() -> list[str]:
    """The index's pages worth having warm, in the active language."""
    paths = [reverse("home"), reverse("reviews:public_list")]
    for slug in ReviewCycle.objects.order_by("slug").values_list("slug", flat=True):
        paths += [
            reverse("reviews:tracker", kwargs={"cycle": slug}),
            reverse("reviews:coverage", kwargs={"cycle": slug}),
        ]
    for kind in kinds.registered_kinds():
        paths += kind.index_paths()
    return paths


def _unprefixed_paths() -> list[str]:
    return [*UNPREFIXED, *(reverse(f"api:{name}-list") for name in API_LISTS)]


def _scopes(document, objectives) -> dict[str, object]:
    """{scope: what its pages are}: the index, the document's own scope, its objectives'."""
    scopes: dict[str, object] = {INDEX: None}
    if document is not None:
        scopes[document_scope(document)] = document
    for number in objectives:
        scopes[objective_scope(number)] = number
    return scopes


def _paths(scope: str, subject) -> list[str]:
    """The pages of `scope` to render, in the active language."""
    if scope == INDEX:
        return [*_index_paths(), *_unprefixed_paths()]
    if scope.startswith("objective:"):
        return [reverse("reviews:objective_page", kwargs={"number": subject})]
    return _scope_paths(subject)


# --- After a change -----------------------------------------------------------------------------


def refresh_after_commit(document, objectives=()) -> None:
    """Call inside the transaction that changes what `document`'s public pages show (and the
    pages of `objectives`, whose entries list it)."""
    scopes = list(_scopes(document, objectives))
    objectives = sorted(objectives)
    transaction.on_commit(lambda: refresh_public_pages(document.pk, scopes, objectives))


def refresh_public_pages(document_id: int, scopes, objectives=()) -> None:
    """The pages of `scopes` are out of date: have them rendered again."""
    if not warming_on():
        invalidate_public_pages()
        return
    mark_changed({INDEX, *scopes})
    enqueue(WARM_TASK, document_id=document_id, objectives=list(objectives))


def refresh_everything() -> None:
    """What every page shows has changed (a cycle's title): every cached page is stale at once,
    and the index is rendered again."""
    invalidate_public_pages()
    if warming_on():
        enqueue(WARM_TASK, document_id=None, objectives=[])


# --- Rendering ----------------------------------------------------------------------------------


def _request(path: str, language: str, versions: dict[str, Scope]) -> WSGIRequest:
    site = urlsplit(settings.SITE_URL)
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": site.netloc,
        "HTTP_ACCEPT_LANGUAGE": language,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": site.scheme or "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy_header and site.scheme == "https":
        environ[proxy_header[0]] = proxy_header[1]
    request = WSGIRequest(environ)
    setattr(request, WARMING, versions)
    return request


def _render(handler, pages: list[tuple[str, str]], versions: dict[str, Scope]) -> int:
    written = 0
    for path, language in pages:
        try:
            response = handler.get_response(_request(path, language, versions))
        except Exception:
            log.warning("could not render %s (%s) for the cache", path, language, exc_info=True)
            continue
        if response.status_code in {200, 410}:
            written += 1
        else:
            log.warning("warming %s (%s): %s", path, language, response.status_code)
    return written


def warm(document_id: int | None = None, objectives=()) -> int:
    """Render the index, and the scopes of the document and of `objectives` if given, into new
    versions, then serve them; returns how many pages were written. Safe to run twice or at
    once: the version read last wins (`public_cache.move_to`)."""
    if not warming_on():
        return 0
    document = Document.objects.filter(pk=document_id).first() if document_id else None
    scopes = _scopes(document, objectives)
    try:
        versions = {}
        for scope in scopes:
            version, read_from = next_version()  # before the pages read the database
            versions[scope] = (Scope(scope, public_generation(), version), read_from)
    except Exception:
        log.warning("cache unavailable: public pages not warmed", exc_info=True)
        return 0
    if document is not None:
        _store_diffs(document)
    handler = WSGIHandler()
    written = 0
    for scope, subject in scopes.items():
        pages = []
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                pages += [(path, language) for path in _paths(scope, subject)]
        where, read_from = versions[scope]
        written += _render(handler, pages, {scope: where})
        try:
            move_to(scope, where.version, read_from)
        except Exception:
            log.warning("could not serve the new version of %s", scope, exc_info=True)
    return written


def _store_diffs(document) -> None:
    """What changed since the previous cycle, computed once and stored before the review pages
    that show it are rendered (a failure leaves it to their first request)."""
    try:
        store_diff_for(document)
    except Exception:
        log.warning("could not store the diffs of document %s", document.pk, exc_info=True)


def pending_changes() -> list[tuple[int | None, list[int]]]:
    """What beat's sweep warms: the index, any objective, and the scope of any document changed
    within the last hour, whose change no warming has read (its task was lost), as
    [(document id or None, [objective numbers])]."""
    since = timezone.now() - RECENT
    changed = Document.objects.filter(
        Q(published_at__gte=since) | Q(unpublished_at__gte=since) | Q(pdf__rendered_at__gte=since)
    ).only("pk", "kind")
    numbers = list(Objective.objects.values_list("number", flat=True))
    try:
        objectives = [n for n in numbers if current_scope(objective_scope(n)).pending]
        documents = [d.pk for d in changed if current_scope(document_scope(d)).pending]
    except Exception:
        return []
    if not documents:
        return [(None, objectives)]
    return [(pk, objectives if i == 0 else []) for i, pk in enumerate(documents)]
