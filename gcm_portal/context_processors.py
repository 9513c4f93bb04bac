from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language_info, override

from regional.permissions import has_regional_work
from reviews.permissions import is_focal_point, is_secretariat


def site(request):
    """What every page needs: the language links and the visitor's roles."""
    path = request.get_full_path()
    languages = []
    for code, url in _translated(path):
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


def _translated(path: str) -> list[tuple[str, str]]:
    """The page's address in each language: what Django's `translate_url` gives, with the path
    resolved once rather than once per language (every page shows the six links)."""
    parsed = urlsplit(path)
    try:
        match = resolve(unquote(parsed.path))
    except Resolver404:
        return [(code, path) for code, _name in settings.LANGUAGES]
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    found = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            try:
                url = reverse(name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = path
            else:
                url = urlunsplit((parsed.scheme, parsed.netloc, url, parsed.query, parsed.fragment))
        found.append((code, url))
    return found
