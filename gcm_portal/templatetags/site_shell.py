"""The parts of every page's shell (templates/base.html) that are the same for every visitor,
written in Python in one pass: the other languages' `<link rel="alternate">`
(`{% language_alternates %}`), the language switcher's items (`{% language_switcher %}`), the
four public links of the main menu (`{% public_nav %}`) and the footer (`{% site_footer %}`).

Why not template markup: every page pays for its shell, and these loops, `{% url %}`s,
`{% translate %}`s and `request.resolver_match` lookups were most of its template time on a page
nobody has cached (issue 17). The menu items that depend on the visitor's roles stay in the
template. The output is the former markup's to the byte (tests/test_site_shell_html.py keeps it
as the reference): values escaped as `{{ }}` and `{% url %}` escape them, translations given as
`{% translate %}` gives them.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> SafeString:
    """A `<link rel="alternate" hreflang>` per language other than the page's (`site_languages`
    of gcm_portal.context_processors.site), each on its own line."""
    current = context.get("LANGUAGE_CODE")
    links = "".join(
        f'\n  <link rel="alternate" hreflang="{esc(language["code"])}" '
        f'href="{esc(language["url"])}">'
        for language in context.get("site_languages", ())
        if language["code"] != current
    )
    return mark_safe(links)  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def language_switcher(context) -> SafeString:
    """The switcher's `<li>` per language: the page's own marked current, the others linked."""
    current = context.get("LANGUAGE_CODE")
    items = []
    for language in context.get("site_languages", ()):
        code, name = esc(language["code"]), esc(language["name_local"])
        if language["code"] == current:
            item = f'<span class="current-language" lang="{code}" aria-current="true">{name}</span>'
        else:
            item = f'<a href="{esc(language["url"])}" lang="{code}" hreflang="{code}">{name}</a>'
        items.append(
            f'\n          <li class="list-inline-item">\n            \n            {item}\n'
            "            \n          </li>\n          "
        )
    return mark_safe("".join(items))  # noqa: S308 (escaped above)


CURRENT = ' aria-current="page"'


@register.simple_tag(takes_context=True)
def public_nav(context) -> SafeString:
    """The main menu's four links for everyone, the current page's marked `aria-current`."""
    match = getattr(context.get("request"), "resolver_match", None)
    namespace, name = (match.namespace, match.url_name) if match else (None, None)
    links = [
        ("home", gettext("Home"), name == "home"),
        ("reviews:public_list", gettext("Published reviews"), name == "public_list"),
        ("regional:list", gettext("Regional reviews"), (namespace, name) == ("regional", "list")),
        (
            "stakeholders:events",
            gettext("Events"),
            (namespace, name) == ("stakeholders", "events"),
        ),
    ]
    items = [
        f'<li class="nav-item"><a class="nav-link" href="{esc(reverse(url))}"'
        f"{CURRENT if current else ''}>{label}</a></li>"
        for url, label, current in links
    ]
    return mark_safe("\n          ".join(items))  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def site_footer(context) -> SafeString:
    """The `<footer>`: what the portal is, and the open data (API, schema, feed, sitemap)."""
    language = esc(context.get("LANGUAGE_CODE", ""))
    api, schema = esc(reverse("api:root")), esc(reverse("api:schema"))
    feed = esc(reverse("feed_publications"))
    sitemap = esc(reverse("django.contrib.sitemaps.views.sitemap"))
    about = gettext(
        "The follow-up and review of the Global Compact for Safe, Orderly and Regular Migration "
        "(A/RES/73/195), supported by the United Nations Network on Migration."
    )
    sources = gettext("Reference data and its sources are published with the portal's open data.")
    # Translated here, not inside the f-string below: makemessages reads no call in one.
    open_data, json_api = gettext("Open data:"), gettext("JSON API")
    api_schema, atom = gettext("API schema (OpenAPI)"), gettext("Atom feed of publications")
    sitemap_label = gettext("Sitemap")
    return mark_safe(  # noqa: S308 (escaped above)
        '<footer class="site-footer border-top py-4 mt-5">\n'
        '    <div class="container small">\n'
        f'      <p class="mb-1">{about}</p>\n'
        f'      <p class="mb-0">{sources}</p>\n'
        f'      <p class="mb-0">{open_data} <a href="{api}">{json_api}</a>'
        f' · <a href="{schema}">{api_schema}</a>'
        f' · <a href="{feed}?lang={language}">{atom}</a>'
        f' · <a href="{sitemap}">{sitemap_label}</a></p>\n'
        "    </div>\n"
        "  </footer>"
    )
