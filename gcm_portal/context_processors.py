from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.urls import (
    NoReverseMatch,
    Resolver404,
    ResolverMatch,
    get_script_prefix,
    resolve,
    reverse,
)
from django.utils.translation import get_language, get_language_info

from regional.permissions import has_regional_work
from reviews.permissions import is_focal_point, is_secretariat


def site(request):
    """What every page needs: the language links and the visitor's roles."""
    path = request.get_full_path()
    languages = []
    for code, url in _translated(path, request.resolver_match):
        info = get_language_info(code)
        languages.append(
            {"code": code, "name_local": info["name_local"], "bidi": info["bidi"], "url": url}
        )
    user = request.user
    return {
        "site_languages": languages,
        "user_is_secretariat": is_secretariat(user),
        "user_is_focal_point": is_focal_point(user),
        # Focal points, regional reporters and input authors: the menu leads to their work.
        "user_has_workspace": is_focal_point(user) or has_regional_work(user),
    }


def _translated(path: str, match: ResolverMatch | None = None) -> list[tuple[str, str]]:
    """The page's address in each language: what Django's `translate_url` gives, from one
    `reverse()` in the active language rather than a `resolve()` and six `reverse()`s (every
    page shows the six links; issue 17). `match`: the request's `resolver_match` (the handler
    resolved the path already), else the path is resolved here.

    One reverse is enough because no URL pattern is translated: under `i18n_patterns` the
    addresses differ only by their language prefix (tests/test_language_links.py checks this
    against `translate_url`)."""
    parsed = urlsplit(path)
    if match is None:
        try:
            match = resolve(unquote(parsed.path))
        except Resolver404:
            return [(code, path) for code, _name in settings.LANGUAGES]
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        url = reverse(name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return [(code, path) for code, _name in settings.LANGUAGES]
    # As `i18n_patterns` writes the prefix (every language prefixed, English too).
    prefix = f"{get_script_prefix()}{get_language() or settings.LANGUAGE_CODE}/"
    found = []
    for code, _name in settings.LANGUAGES:
        translated = f"{get_script_prefix()}{code}/{url.removeprefix(prefix)}"
        address = translated if url.startswith(prefix) else url
        found.append(
            (
                code,
                urlunsplit((parsed.scheme, parsed.netloc, address, parsed.query, parsed.fragment)),
            )
        )
    return found
