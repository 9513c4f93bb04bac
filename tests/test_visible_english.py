"""No English on the main pages of the other five languages (issue 15, item 2).

A reader of /fr/, /es/, /ar/, /zh-hans/ or /ru/ meets no English word except inside an element
the page marks `lang="en"` (an English-only name, the review's own English text). What a person
sees or hears counts: text nodes outside script/style/noscript/template, and the attributes a
browser shows or a screen reader announces (title, aria-label, placeholder, alt, a button's
value).

"English" is decided by vocabulary, not guessed: a word of 3+ ASCII letters that occurs in an
English msgid of the catalogue (translated in French, so it is interface English) or in an
English reference name (State, objective, principle, commission, category, cycle), and that is
not also a word of the page language's own catalogue or names ("Date", "Total", "Portal" are
French or Spanish too). Acronyms (GCM, IMRF, PDF), e-mail addresses and URLs are not words.

Each offending text is put down to one cause: it contains an English REFERENCE NAME (the lead's
item 1: translated names), or it is INTERFACE English (a string of the catalogue left
untranslated or never marked), or OTHER (say, typed data). The interface test must pass; the
reference-name test is expected to fail until every name is translated or marked lang="en".
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from regional.models import RegionalMeeting
from reviews.filters import AuditFilter, PublicReviewFilter
from reviews.models import (
    GuidingPrinciple,
    MemberState,
    Objective,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
)
from reviews.workflow import submit_document
from tests import personas
from tests.publishing import draft_review, published_review
from tests.regional.publishing import published_report
from tests.stakeholders.factories import EventFactory
from tests.stakeholders.pledging import published_pledge

LOCALE = Path(__file__).resolve().parent.parent / "locale"
OTHER_LANGUAGES = ["fr", "es", "ar", "zh-hans", "ru"]
CATALOGUE_DIR = {"fr": "fr", "es": "es", "ar": "ar", "zh-hans": "zh_Hans", "ru": "ru"}

# Text the test data types where a person would type it: no English in it, so that what is
# flagged is the portal's own words. (Typed content is the author's language, not ours.)
TYPED = "Lorem ipsum dolor amet."
PERSON = "Amina Diallo"

# Words that are names or codes in every language.
ALLOWED = {"gcm", "imrf", "pdf", "csv", "api", "json", "rss", "atom", "html", "url", "iso", "lorem",
           "ipsum", "dolor", "amet", "amina", "diallo", "ecosoc", "unesco", "unicef"}  # fmt: skip

WORD = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\S+|%\([a-z_]+\)[sd]|\{[^}]*\}|<[^>]+>|&[a-z]+;"
)
VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
INVISIBLE_ELEMENTS = {"script", "style", "noscript", "template", "code", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}  # fmt: skip


def words(text: str) -> set[str]:
    text = NOT_WORDS.sub(" ", text)
    # Acronyms (ECE, ESCAP, LDC, PDF) are names, not English words.
    return {w.lower() for w in WORD.findall(text) if not (w.isupper() and len(w) <= 7)}


def read_po(path: Path) -> list[dict[str, str]]:
    """The entries of a .po file: {"msgid": …, "msgid_plural": …, "msgstr": …, "msgstr[0]": …}.
    (A few lines instead of a dependency: only the strings are needed.)"""
    entries, entry, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if entry:
                entries.append(entry)
            entry, key = {}, None
            continue
        if line.startswith('"'):
            entry[key] += _unquote(line)
            continue
        key, _, value = line.partition(" ")
        if key == "msgid" and "msgid" in entry:
            entries.append(entry)
            entry = {}
        entry[key] = _unquote(value)
    if entry:
        entries.append(entry)
    return [e for e in entries if e.get("msgid")]


def _unquote(text: str) -> str:
    return text.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n")


@cache
def catalogue(directory: str) -> list[dict[str, str]]:
    return read_po(LOCALE / directory / "LC_MESSAGES" / "django.po")


@cache
def interface_english() -> frozenset[str]:
    """The words of the English msgids that French translates (a msgid French keeps as it is,
    such as "Institut" or "GCM", is not English to a French reader)."""
    found = set()
    for entry in catalogue("fr"):
        translations = [v for k, v in entry.items() if k.startswith("msgstr") and v]
        if translations and entry["msgid"] not in translations:
            found |= words(entry["msgid"]) | words(entry.get("msgid_plural", ""))
    return frozenset(found - ALLOWED)


def catalogue_words(language: str) -> set[str]:
    found = set()
    for entry in catalogue(CATALOGUE_DIR[language]):
        for key, value in entry.items():
            if key.startswith("msgstr"):
                found |= words(value)
    return found


REFERENCE_NAMES = [
    (MemberState, "name"),
    (Objective, "title"),
    (GuidingPrinciple, "name"),
    (RegionalCommission, "name"),
    (StakeholderCategory, "name"),
    (ReviewCycle, "title"),
]


def reference_names(language: str) -> list[str]:
    """The names as stored for `language`: its own column when the model has one per language
    (django-modeltranslation, `name_fr`), empty where only the English fallback exists."""
    column_suffix = language.replace("-", "_")
    names = []
    for model, field in REFERENCE_NAMES:
        own = f"{field}_{column_suffix}"
        has_column = any(f.name == own for f in model._meta.fields)
        if not has_column and language != "en":
            continue
        names += [str(n) for n in model.objects.values_list(own if has_column else field,
                                                                flat=True) if n]  # fmt: skip
    return names


class VisibleText(HTMLParser):
    """The visible and announced texts of a page, each with the `lang` in force where it is."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang, invisible)
        self.texts = []  # (lang, text)

    def _state(self):
        return self.stack[-1][1:] if self.stack else ("", False)

    def handle_starttag(self, tag, attrs):
        lang, invisible = self._state()
        attrs = dict(attrs)
        lang = attrs.get("lang", lang) or lang
        hidden_input = tag == "input" and (attrs.get("type") or "").lower() == "hidden"
        invisible = invisible or tag in INVISIBLE_ELEMENTS or hidden_input
        if not invisible:
            for name in VISIBLE_ATTRIBUTES:
                if attrs.get(name):
                    self.texts.append((lang, attrs[name]))
            if tag == "input" and (attrs.get("type") or "").lower() in {"submit", "button"}:
                self.texts.append((lang, attrs.get("value") or ""))
        if tag not in VOID:
            self.stack.append((tag, lang, invisible))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        # Close up to the matching element (tolerates an unclosed <p> or <li>).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        lang, invisible = self._state()
        if not invisible and data.strip():
            # A <title> cannot mark a name's language: its text is checked for the interface
            # only (an English name there has nowhere to carry lang="en").
            in_title = bool(self.stack) and self.stack[-1][0] == "title"
            self.texts.append((f"title:{lang}" if in_title else lang, data))


def english_on(html: str, language: str, vocabulary: set[str], english_names: list[str]):
    """(cause, text) for each visible text outside lang="en" that holds an English word."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for lang, text in parser.texts:
        in_title = lang.startswith("title:")
        lang = lang.removeprefix("title:")
        if lang.split("-")[0].lower() == "en":
            continue
        text = " ".join(text.split())
        english = words(text) & vocabulary
        if not english:
            continue
        if any(name in text for name in english_names):
            if in_title:
                continue
            cause = "reference name"
        elif english & interface_english():
            cause = "interface"
        else:
            cause = "other"
        found.append((cause, text))
    return found


def make_pages() -> dict[str, tuple]:
    """The main pages: name -> (url, user or None). Built once per crawl."""
    published = published_review("JOR", language="en", sections=dict.fromkeys(range(1, 6), TYPED))
    focal_point = personas.focal_point_of("MEX", full_name=PERSON)
    draft = draft_review(
        "MEX", language="en", sections=dict.fromkeys(range(1, 6), TYPED), focal_point=focal_point
    )
    submit_document(draft, by=focal_point)
    secretariat = personas.secretariat_member(full_name=PERSON)
    report = published_report("ECE", sections=dict.fromkeys(range(1, 7), TYPED))
    event = EventFactory(slug="imrf-2026", title="IMRF 2026", venue="Palais")
    published_pledge("GHA", title=TYPED)
    get_user_model().objects.update(full_name=PERSON)
    RegionalMeeting.objects.update(title=TYPED)  # typed by the secretariat, in English
    cycle = published.cycle.slug
    return {
        "home": (reverse("home"), None),
        "review list": (reverse("reviews:public_list"), None),
        "published review": (reverse("reviews:public_review", args=[cycle, "JOR"]), None),
        "tracker": (reverse("reviews:tracker", args=[cycle]), None),
        "objective page": (reverse("reviews:objective_page", args=[1]), None),
        "State page": (reverse("reviews:state", args=["JOR"]), None),
        "search results": (reverse("reviews:public_list") + "?q=Lorem", None),
        "regional reports": (reverse("regional:list"), None),
        "regional report": (
            reverse("regional:report", args=[report.cycle.slug, report.authored_by]),
            None,
        ),
        "events": (reverse("stakeholders:events"), None),
        "event": (reverse("stakeholders:event", args=[event.slug]), None),
        "pledges": (reverse("stakeholders:pledges"), None),
        "login": (reverse("login"), None),
        "workspace": (reverse("reviews:workspace"), focal_point),
        "review overview": (reverse("reviews:overview", args=[cycle, "MEX"]), focal_point),
        "section editor": (reverse("reviews:section", args=[cycle, "MEX", 1]), focal_point),
        "moderation queue": (reverse("reviews:queue"), secretariat),
        "moderation page": (reverse("reviews:moderate", args=[cycle, "MEX"]), secretariat),
    }


_crawled: dict[str, dict[str, list]] = {}


def crawl(client, language: str) -> dict[str, list]:
    """page name -> [(cause, text)] for one language (kept for the second test)."""
    if language in _crawled:
        return _crawled[language]
    # An English name is English on this page unless the language has its own, equal, name.
    english_names = sorted(set(reference_names("en")) - set(reference_names(language)), key=len)
    vocabulary = interface_english() | {w for n in english_names for w in words(n)}
    vocabulary -= catalogue_words(language) | {
        w for n in reference_names(language) for w in words(n)
    }
    with translation.override(language):
        pages = make_pages()
    report = {}
    for name, (url, user) in pages.items():
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert url.startswith(f"/{language}/"), url
        found = english_on(response.content.decode(), language, vocabulary, english_names)
        if found:
            report[name] = found
    _crawled[language] = report
    return report


def describe(report: dict[str, list], causes: set[str]) -> str:
    lines = []
    for page, found in report.items():
        for cause, text in found:
            if cause in causes:
                lines.append(f"  {page} [{cause}]: {text[:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_interface_english_on_the_main_pages(db, client, language):
    report = crawl(client, language)
    offending = describe(report, {"interface", "other"})
    assert not offending, f"English on /{language}/ pages:\n{offending}"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_english_reference_names_on_the_main_pages(db, client, language):
    report = crawl(client, language)
    offending = describe(report, {"reference name"})
    assert not offending, f"English names on /{language}/ pages:\n{offending}"


def test_the_detector_flags_english_outside_lang_en_only():
    """The detector itself: an English label is flagged; the same words inside lang="en", in a
    script, or in a hidden input are not; a title attribute is read."""
    vocabulary = {"sort", "state", "submitted"}
    html = (
        '<p>Trier <span lang="en">State</span></p><script>var a = "Submitted";</script>'
        '<input type="hidden" value="State"><select><option>State</option></select>'
        '<a title="Submitted" href="#">x</a><div lang="en"><p>Sort <b>state</b></p></div>'
    )
    found = english_on(html, "fr", vocabulary, [])
    assert [text for _, text in found] == ["State", "Submitted"]


def test_every_sort_option_of_the_review_list_is_its_translated_label():
    with translation.override("fr"):
        choices = [
            (v, str(label)) for v, label in PublicReviewFilter.base_filters["sort"].extra["choices"]
        ]
    # The ascending options were the parameter's English ("State", "Published", "Cycle").
    assert choices[0] == ("published", "Publications les plus anciennes en premier")
    assert choices[2] == ("state", "État Membre (A–Z)")
    with translation.override("en"):
        labels = [
            str(label) for _, label in PublicReviewFilter.base_filters["sort"].extra["choices"]
        ]
    assert labels == [
        "Oldest publication first",
        "Newest publication first",
        "Member State (A–Z)",
        "Member State (Z–A)",
        "Earliest cycle first",
        "Latest cycle first",
    ]


def test_the_audit_filter_offers_actions_in_words():
    with translation.override("en"):
        choices = {
            v: str(label) for v, label in AuditFilter.base_filters["action"].extra["choices"]
        }
    assert choices["request_changes"] == "Changes requested by the secretariat"
    assert choices["sign_off"] == "Signed off by the authorizing official"
    assert len(choices) == 14
