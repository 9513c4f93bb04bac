from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from regional.permissions import has_regional_work
from reviews.permissions import is_focal_point, is_secretariat


def site(request):
    """What every page needs: the language links and the visitor's roles."""
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "url": translate_url(path, code),
            }
        )
    user = request.user
    return {
        "site_languages": languages,
        "user_is_secretariat": is_secretariat(user),
        "user_is_focal_point": is_focal_point(user),
        # Focal points, regional reporters and input authors: the menu leads to their work.
        "user_has_workspace": is_focal_point(user) or has_regional_work(user),
    }
