"""The six language links of every page are what Django's translate_url gives (the context
processor resolves the path once instead of once per language)."""

import pytest
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from gcm_portal.context_processors import _translated


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/fr/reviews/?cycle=imrf-2026&page=2",
        "/ar/reviews/imrf-2026/GHA/",
        "/zh-hans/objectives/5/",
        "/es/regional/imrf-2026/ECA/inputs/3/",
        "/ru/pledges/P-2026-0001/",
        "/en/no-such-page/",
        "/api/v1/reviews/",
        "/en/reviews/imrf-2026/GHA/%C3%A9/",
    ],
)
def test_language_links_are_translate_urls(path):
    with translation.override("fr"):
        expected = [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
        assert _translated(path) == expected
