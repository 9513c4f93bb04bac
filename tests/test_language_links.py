"""The six language links of every page are what Django's translate_url gives (the context
processor resolves the path once instead of once per language)."""

import pytest
from django.conf import settings
from django.urls import resolve, reverse, translate_url
from django.utils import translation

from gcm_portal import context_processors
from gcm_portal.context_processors import _translated

I18N_PATHS = [
    "/en/",
    "/fr/reviews/?cycle=imrf-2026&page=2",
    "/ar/reviews/imrf-2026/GHA/",
    "/zh-hans/objectives/5/",
    "/es/regional/imrf-2026/ECA/inputs/3/",
    "/ru/pledges/P-2026-0001/",
    "/en/accounts/password/",
]


@pytest.mark.parametrize(
    "path",
    [*I18N_PATHS, "/en/no-such-page/", "/api/v1/reviews/", "/en/reviews/imrf-2026/GHA/%C3%A9/"],
)
def test_language_links_are_translate_urls(path):
    with translation.override("fr"):
        expected = [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
        assert _translated(path) == expected


@pytest.mark.parametrize("path", I18N_PATHS)
def test_language_links_from_the_requests_match_are_translate_urls(path):
    code = path.split("/")[1]
    with translation.override(code):
        expected = [(other, translate_url(path, other)) for other, _name in settings.LANGUAGES]
        assert _translated(path, resolve(path.split("?")[0])) == expected
    assert len({url for _code, url in expected}) == 6  # each language its own address


@pytest.mark.django_db
def test_a_resolved_page_is_not_resolved_again_and_reversed_once(client, monkeypatch):
    reversed_names = []

    def reverse_once(name, *args, **kwargs):
        reversed_names.append(name)
        return reverse(name, *args, **kwargs)

    def refuse(path):
        raise AssertionError(f"resolved again: {path}")

    monkeypatch.setattr(context_processors, "resolve", refuse)
    monkeypatch.setattr(context_processors, "reverse", reverse_once)
    html = client.get("/ar/reviews/").content.decode()
    assert reversed_names == ["reviews:public_list"]
    assert '<link rel="alternate" hreflang="zh-hans" href="/zh-hans/reviews/">' in html
    assert '<a href="/fr/reviews/" lang="fr" hreflang="fr">français</a>' in html
