"""The site shell: languages, landmarks, error pages, content security."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db

# The six UN languages, each by its own name: written out, not read from the settings, so that a
# language dropped from settings.LANGUAGES fails the tests below instead of leaving them out.
ENDONYMS = {
    "en": "English",
    "fr": "français",
    "es": "español",
    "ar": "العربيّة",
    "zh-hans": "简体中文",
    "ru": "Русский",
}
LANGUAGE_CODES = list(ENDONYMS)


def language_switcher(html: str) -> list[tuple]:
    """The switcher's entries in order: (lang, shown name, href, hreflang, aria-current)."""
    nav = re.search(r'<nav aria-label="[^"]*" class="language-switcher">(.*?)</nav>', html, re.S)
    entries = []
    for _tag, attributes, name in re.findall(r"<(a|span) ([^>]*)>([^<]*)</\1>", nav.group(1)):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', attributes))
        entries.append((attrs["lang"], name, *map(attrs.get, ["href", "hreflang", "aria-current"])))
    return entries


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_switcher_offers_the_six_un_languages_by_their_own_names(client, code):
    """On each language's home page: all six, in order, the current one marked and not a link."""
    html = client.get(f"/{code}/").content.decode()
    link = {other: (f"/{other}/", other, None) for other in ENDONYMS}
    link[code] = (None, None, "true")
    assert language_switcher(html) == [
        (other, name, *link[other]) for other, name in ENDONYMS.items()
    ]


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/en/")


def test_root_follows_the_browser_language(client):
    response = client.get("/", headers={"accept-language": "ar"})
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_in_every_language_with_lang_and_dir(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    stylesheet = (
        r"bootstrap\.rtl\.min\.(\w+\.)?css" if code == "ar" else r"bootstrap\.min\.(\w+\.)?css"
    )
    assert re.search(stylesheet, html)


def test_home_has_landmarks_skip_link_and_language_links(client):
    html = client.get("/en/").content.decode()
    assert '<a class="visually-hidden-focusable skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert html.count('aria-label="Language"') == 1  # its entries: the switcher test above


def test_home_lists_cycles_and_the_23_objectives_by_round_table(client):
    response = client.get("/en/")
    assert [t for t, _ in response.context["roundtables"]] == [1, 2, 3, 4]
    html = response.content.decode()
    assert "International Migration Review Forum 2026" in html
    assert html.count('<li value="') == 23


def test_language_switch_keeps_the_page(client):
    html = client.get("/en/accounts/login/").content.decode()
    assert 'href="/fr/accounts/login/"' in html


def test_pages_carry_no_inline_script_or_style(client):
    """CSP forbids inline code: every script and style must come from static files."""
    for url in ["/en/", "/ar/", "/en/accounts/login/", "/en/accounts/password-reset/"]:
        response = client.get(url)
        html = response.content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, url
        assert "<style" not in html and " style=" not in html, url
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr"' in html
    # The 404's own words, in French ("home" alone would also match the navigation's "Home").
    assert "<h1>Page introuvable</h1>" in html
    assert '<a href="/fr/">Aller à la page d\'accueil</a>' in html


def test_403_page_renders_in_the_site_shell(rf):
    from django.contrib.auth.models import AnonymousUser

    from gcm_portal.views import permission_denied

    request = rf.get("/en/secret/")
    request.user = AnonymousUser()
    with translation.override("en"):  # a request factory skips LocaleMiddleware
        response = permission_denied(request)
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_500_page_renders_without_any_context():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert 'lang="ar" dir="rtl"' in html


def test_server_error_view_answers_with_the_500_page(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
