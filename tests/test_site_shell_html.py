"""The shell's parts written in Python (gcm_portal/templatetags/site_shell.py) write what
templates/base.html wrote (issue 17): the whole shell, byte for byte, for an anonymous visitor, a
secretariat member (staff, moderator), a focal point and a regional reporter (workspace), in every
language, on the four public pages of the menu (each marked current), an account page and a
page that does not exist."""

import re

import pytest
from django.template import engines
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
PAGES = ["home", "reviews:public_list", "regional:list", "stakeholders:events", "password_change"]

# templates/base.html before its shared parts became Python, byte for byte.
BEFORE = (
    "{% load i18n static %}<!doctype html>\n"
    "{% get_current_language as LANGUAGE_CODE %}{% get_current_language_bidi as LANGUAGE_BIDI"
    " %}\n"
    '<html lang="{{ LANGUAGE_CODE }}" dir="{% if LANGUAGE_BIDI %}rtl{% else %}ltr{% endif %}"'
    ">\n"
    "<head>\n"
    '  <meta charset="utf-8">\n'
    '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '  <title>{% block title %}{% translate "GCM Review Portal" %}{% endblock %} · {% transla'
    'te "UN Network on Migration" %}</title>\n'
    '  <meta name="description" content="{% block description %}{% translate \'Voluntary revie'
    "ws of the Global Compact for Safe, Orderly and Regular Migration, regional review report"
    "s and the International Migration Review Forum.' %}{% endblock %}\">\n"
    "  {% if LANGUAGE_BIDI %}\n"
    '  <link rel="stylesheet" href="{% static \'vendor/bootstrap/bootstrap.rtl.min.css\' %}">\n'
    "  {% else %}\n"
    '  <link rel="stylesheet" href="{% static \'vendor/bootstrap/bootstrap.min.css\' %}">\n'
    "  {% endif %}\n"
    '  <link rel="stylesheet" href="{% static \'css/portal.css\' %}">\n'
    "  {% for language in site_languages %}{% if language.code != LANGUAGE_CODE %}\n"
    '  <link rel="alternate" hreflang="{{ language.code }}" href="{{ language.url }}">{% endi'
    "f %}{% endfor %}\n"
    '  <link rel="alternate" type="application/atom+xml" title="{% translate \'Published volun'
    "tary GCM reviews' %}\" href=\"{% url 'feed_publications' %}?lang={{ LANGUAGE_CODE }}\">\n"
    "  {% block head %}{% endblock %}\n"
    "</head>\n"
    "<body>\n"
    '  <a class="visually-hidden-focusable skip-link" href="#main">{% translate "Skip to main'
    ' content" %}</a>\n'
    '  <header class="site-header border-bottom">\n'
    '    <div class="container d-flex flex-wrap align-items-center justify-content-between ga'
    'p-2 py-2">\n'
    '      <a class="site-title text-decoration-none" href="{% url \'home\' %}">\n'
    '        <span class="site-title-main">{% translate "GCM Review Portal" %}</span>\n'
    '        <span class="site-title-sub">{% translate "Global Compact for Safe, Orderly and '
    'Regular Migration" %}</span>\n'
    "      </a>\n"
    '      <nav aria-label="{% translate \'Language\' %}" class="language-switcher">\n'
    '        <ul class="list-inline mb-0">\n'
    "          {% for language in site_languages %}\n"
    '          <li class="list-inline-item">\n'
    "            {% if language.code == LANGUAGE_CODE %}\n"
    '            <span class="current-language" lang="{{ language.code }}" aria-current="true'
    '">{{ language.name_local }}</span>\n'
    "            {% else %}\n"
    '            <a href="{{ language.url }}" lang="{{ language.code }}" hreflang="{{ languag'
    'e.code }}">{{ language.name_local }}</a>\n'
    "            {% endif %}\n"
    "          </li>\n"
    "          {% endfor %}\n"
    "        </ul>\n"
    "      </nav>\n"
    "    </div>\n"
    '    <nav class="navbar navbar-expand border-top" aria-label="{% translate \'Main\' %}">\n'
    '      <div class="container">\n'
    '        <ul class="navbar-nav flex-wrap me-auto">\n'
    '          <li class="nav-item"><a class="nav-link" href="{% url \'home\' %}"{% if request.'
    'resolver_match.url_name == \'home\' %} aria-current="page"{% endif %}>{% translate "Home" '
    "%}</a></li>\n"
    '          <li class="nav-item"><a class="nav-link" href="{% url \'reviews:public_list\' %}'
    '"{% if request.resolver_match.url_name == \'public_list\' %} aria-current="page"{% endif %'
    '}>{% translate "Published reviews" %}</a></li>\n'
    '          <li class="nav-item"><a class="nav-link" href="{% url \'regional:list\' %}"{% if'
    " request.resolver_match.url_name == 'list' and request.resolver_match.namespace == 'regi"
    'onal\' %} aria-current="page"{% endif %}>{% translate "Regional reviews" %}</a></li>\n'
    '          <li class="nav-item"><a class="nav-link" href="{% url \'stakeholders:events\' %}'
    "\"{% if request.resolver_match.namespace == 'stakeholders' and request.resolver_match.url"
    '_name == \'events\' %} aria-current="page"{% endif %}>{% translate "Events" %}</a></li>\n'
    '          {% if user_has_workspace %}<li class="nav-item"><a class="nav-link" href="{% u'
    "rl 'reviews:workspace' %}\"{% if request.resolver_match.url_name == 'workspace' %} aria-c"
    'urrent="page"{% endif %}>{% translate "Workspace" %}</a></li>{% endif %}\n'
    '          {% if perms.reviews.moderate_review %}<li class="nav-item"><a class="nav-link"'
    ' href="{% url \'reviews:queue\' %}">{% translate "Moderation" %}</a></li>{% endif %}\n'
    '          {% if perms.reviews.moderate_review %}<li class="nav-item"><a class="nav-link"'
    ' href="{% url \'stakeholders:registration_queue\' %}">{% translate "Registrations" %}</a><'
    "/li>\n"
    '          <li class="nav-item"><a class="nav-link" href="{% url \'stakeholders:event_admi'
    'n_list\' %}">{% translate "Manage events" %}</a></li>{% endif %}\n'
    '          {% if perms.reviews.invite_focal_point %}<li class="nav-item"><a class="nav-li'
    'nk" href="{% url \'reviews:invite\' %}">{% translate "Invite focal points" %}</a></li>{% e'
    "ndif %}\n"
    "          {% block nav_items %}{% endblock %}\n"
    "        </ul>\n"
    '        <ul class="navbar-nav flex-wrap">\n'
    "          {% if user.is_authenticated %}\n"
    '          {% if user.is_staff %}<li class="nav-item"><a class="nav-link" href="{% url \'a'
    'dmin:index\' %}">{% translate "Administration" %}</a></li>{% endif %}\n'
    '          <li class="nav-item"><span class="navbar-text px-2">{{ user.get_full_name }}</'
    "span></li>\n"
    '          <li class="nav-item"><a class="nav-link" href="{% url \'two_factor:security\' %}'
    '"{% if request.resolver_match.namespace == \'two_factor\' %} aria-current="page"{% endif %'
    '}>{% translate "Account security" %}</a></li>\n'
    '          <li class="nav-item"><a class="nav-link" href="{% url \'password_change\' %}"{% '
    "if request.resolver_match.url_name == 'password_change' %} aria-current=\"page\"{% endif %"
    '}>{% translate "Change password" %}</a></li>\n'
    '          <li class="nav-item">\n'
    '            <form method="post" action="{% url \'logout\' %}">{% csrf_token %}\n'
    '              <button type="submit" class="btn btn-link nav-link">{% translate "Log out"'
    " %}</button>\n"
    "            </form>\n"
    "          </li>\n"
    "          {% else %}\n"
    '          <li class="nav-item"><a class="nav-link" href="{% url \'login\' %}?next={{ reque'
    'st.path|urlencode }}">{% translate "Log in" %}</a></li>\n'
    "          {% endif %}\n"
    "        </ul>\n"
    "      </div>\n"
    "    </nav>\n"
    "  </header>\n"
    "\n"
    '  <main id="main" tabindex="-1" class="container py-4">\n'
    "    {% if messages %}\n"
    '    <div class="messages" role="status">\n'
    "      {% for message in messages %}\n"
    "      <div class=\"alert alert-{% if message.tags == 'error' %}danger{% else %}{{ message"
    ".tags|default:'info' }}{% endif %}\">{{ message }}</div>\n"
    "      {% endfor %}\n"
    "    </div>\n"
    "    {% endif %}\n"
    "    {% block content %}{% endblock %}\n"
    "  </main>\n"
    "\n"
    '  <footer class="site-footer border-top py-4 mt-5">\n'
    '    <div class="container small">\n'
    '      <p class="mb-1">{% translate "The follow-up and review of the Global Compact for S'
    "afe, Orderly and Regular Migration (A/RES/73/195), supported by the United Nations Netwo"
    'rk on Migration." %}</p>\n'
    '      <p class="mb-0">{% translate "Reference data and its sources are published with th'
    "e portal's open data.\" %}</p>\n"
    '      <p class="mb-0">{% translate "Open data:" %} <a href="{% url \'api:root\' %}">{% tra'
    'nslate "JSON API" %}</a> · <a href="{% url \'api:schema\' %}">{% translate "API schema (Op'
    'enAPI)" %}</a> · <a href="{% url \'feed_publications\' %}?lang={{ LANGUAGE_CODE }}">{% tra'
    'nslate "Atom feed of publications" %}</a> · <a href="{% url \'django.contrib.sitemaps.vie'
    'ws.sitemap\' %}">{% translate "Sitemap" %}</a></p>\n'
    "    </div>\n"
    "  </footer>\n"
    "  <script src=\"{% static 'vendor/bootstrap/bootstrap.bundle.min.js' %}\" defer></script>\n"
    "  <script src=\"{% static 'reviews/js/wide-tables.js' %}\" data-label=\"{% translate 'Table"
    "' %}\" defer></script>\n"
    "  {% block scripts %}{% endblock %}\n"
    "</body>\n"
    "</html>\n"
)

# {% csrf_token %} masks the token anew at every rendering.
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def regional_reporter(db):
    return factories.RegionalReporterFactory(user__full_name="Rita Reporter").user


def _shells(client, url: str) -> tuple[str, str]:
    """The page's shell (empty blocks) from the former template and from base.html, rendered
    with the request `url` made (its visitor, language, resolved view, messages)."""
    request = client.get(url).wsgi_request
    before = engines["django"].from_string(BEFORE).render({}, request)
    after = get_template("base.html").render({}, request)
    return CSRF.sub("", before), CSRF.sub("", after)


@pytest.mark.parametrize(
    "persona", ["anonymous", "secretariat_user", "focal_point", "regional_reporter"]
)
def test_shell_is_the_former_template_to_the_byte(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    compared = 0
    for code in LANGUAGES:
        with translation.override(code):
            urls = [reverse(name) for name in PAGES] + [f"/{code}/no-such-page/"]
            for url in urls:
                before, after = _shells(client, url)
                assert after == before, (persona, url)
                compared += 1
                marked = re.findall(r'href="([^"]*)" aria-current="page"', after)
                if url.endswith("no-such-page/") or (persona == "anonymous" and "password" in url):
                    assert marked == []
                else:
                    assert marked == [url]
    assert compared == 36
