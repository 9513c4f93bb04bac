"""axe-core in a real browser: no serious or critical WCAG 2.1 A/AA violation on the public
pages, the login, the workspace overview and editor, the queue and moderation page, and the
regional and stakeholder pages, in the six languages (issue 15, item 5); and full-page
screenshots of the key pages in en, ar and zh-hans at desktop and phone sizes (item 8).

axe-core comes from npm (`make test` installs it into var/node through
scripts/install-system-deps.sh), never from a CDN. The test is parametrised by language; each
language's pages run in one browser context with one login per persona, because the data
(published reviews render their PDF) costs far more than a page: per page × language tests
would rebuild it 100 times. A failure lists every page with its violations.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from reviews.models import RegionalCommission
from reviews.permissions import SECRETARIAT_GROUP
from reviews.workflow import submit_document
from stakeholders.models import Event
from tests.browser.conftest import SCREENSHOTS
from tests.factories import PASSWORD, UserFactory
from tests.publishing import draft_review, published_review
from tests.regional.publishing import published_report
from tests.stakeholders.accrediting import application, organization
from tests.stakeholders.factories import EventFactory
from tests.stakeholders.pledging import published_pledge

pytestmark = pytest.mark.django_db(transaction=True)
User = get_user_model()

AXE = Path(settings.BASE_DIR) / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
SCREENSHOT_LANGUAGES = {"en", "ar", "zh-hans"}
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Pages worth a screenshot (the others are checked by axe only).
KEY_PAGES = {"home", "reviews", "review", "state", "tracker", "login", "overview", "editor",
             "queue", "moderate", "regional-report", "event", "register", "pledge"}  # fmt: skip


def portal_data() -> dict[str, dict[str, str]]:
    """Every kind of page with something on it; the English paths of each persona's pages."""
    published = published_review(
        "GHA", sections={2: "Ghana signed bilateral labour migration agreements."},
        objectives={5: ("under_way", "Seasonal worker schemes widen regular pathways.")},
    )  # fmt: skip
    submitted = draft_review("MEX", sections={2: "México amplió la migración laboral regular."})
    submit_document(submitted, by=submitted.author)
    drafting = draft_review("JOR")
    drafting.author.email = "fp@gov.example"
    drafting.author.save()
    moderator = UserFactory(email="sec@un.example", is_staff=True)
    moderator.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    report = published_report("ECE")
    pledge = published_pledge("GHA")
    event = EventFactory(slug="imrf-2026", title="International Migration Review Forum 2026")
    application(event, organization("Migrant Voices"))
    application(event, organization("Diaspora Link Network", country="SEN"))
    with translation.override("en"):
        anonymous = {
            "home": "/en/",
            "reviews": "/en/reviews/",
            "review": published.get_absolute_url(),
            "state": "/en/states/GHA/",
            "objective": "/en/objectives/5/",
            "tracker": "/en/cycles/imrf-2026/",
            "coverage": "/en/cycles/imrf-2026/coverage/",
            "regional-list": "/en/regional/",
            "regional-report": report.get_absolute_url(),
            "events": "/en/events/",
            "event": f"/en/events/{event.slug}/",
            "register": f"/en/events/{event.slug}/register/",
            "organisations": f"/en/events/{event.slug}/organizations/",
            "pledges": "/en/pledges/",
            "pledge": pledge.get_absolute_url(),
            "login": "/en/accounts/login/",
        }
    assert RegionalCommission.objects.filter(code="ECE").exists()
    assert Event.objects.filter(slug="imrf-2026", is_published=True).exists()
    return {
        "anonymous": anonymous,
        "fp@gov.example": {
            "workspace": "/en/workspace/",
            "overview": "/en/workspace/imrf-2026/JOR/",
            "editor": "/en/workspace/imrf-2026/JOR/section/2/",
            # Its alert holds a link ("Back to the draft"): Bootstrap's blue was 3.85:1 there.
            "preview": "/en/workspace/imrf-2026/JOR/preview/",
        },
        "sec@un.example": {
            "queue": "/en/secretariat/",
            "moderate": "/en/secretariat/reviews/imrf-2026/MEX/",
        },
    }


def in_language(path: str, language: str) -> str:
    return re.sub(r"^/en/", f"/{language}/", path)


def log_in(page, base: str, language: str, email: str) -> None:
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("form[action*='logout'] button")


def log_out(page) -> None:
    page.locator("form[action*='logout'] button").click()
    page.wait_for_load_state()


def serious_violations(page) -> list[str]:
    # axe.min.js is in every page of the context (add_init_script); only violations are wanted.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"  {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(
            f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
            for node in violation["nodes"][:5]
        )
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_axe_violation_and_screenshots(browser, live_server, language, settings):
    assert AXE.exists(), f"{AXE} is missing: run scripts/install-system-deps.sh test"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    personas = portal_data()
    # bypass_csp: the page's Content-Security-Policy forbids scripts it did not name, such as
    # axe.min.js added by Playwright; only this test's own context bypasses it.
    context = browser.new_context(bypass_csp=True, viewport=SIZES["desktop"])
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    failures, checked = [], []
    SCREENSHOTS.mkdir(exist_ok=True)
    for persona, pages in personas.items():
        if persona != "anonymous":
            log_in(page, live_server.url, language, persona)
        for name, path in pages.items():
            if persona != "anonymous" or name != "login":
                response = page.goto(live_server.url + in_language(path, language))
                assert response.status == 200, (name, path, response.status)
            else:
                page.goto(f"{live_server.url}/{language}/accounts/login/")
            assert page.locator("html").get_attribute("lang") == language
            found = serious_violations(page)
            checked.append(name)
            if found:
                failures.append(f"{name} {page.url}:\n" + "\n".join(found))
            if language in SCREENSHOT_LANGUAGES and name in KEY_PAGES:
                for size, viewport in SIZES.items():
                    page.set_viewport_size(viewport)
                    page.screenshot(
                        path=str(SCREENSHOTS / f"axe-{name}-{language}-{size}.png"), full_page=True
                    )
                page.set_viewport_size(SIZES["desktop"])
        if persona != "anonymous":
            log_out(page)
    context.close()
    assert len(checked) == 22
    assert not failures, f"{len(failures)} page(s) in {language}:\n" + "\n".join(failures)


def test_no_page_title_carries_markup_or_the_csrf_token(client, settings):
    """The workspace overview's <title> once held 1,587 characters of markup with the token."""
    personas = portal_data()
    titles = {}
    for persona, pages in personas.items():
        if persona != "anonymous":
            client.force_login(User.objects.get(email=persona))
        for name, path in pages.items():
            html = client.get(path).content.decode()
            titles[name] = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        client.logout()
    bad = {name: t[:120] for name, t in titles.items() if "<" in t or "csrf" in t.lower()}
    assert not bad, bad
    assert len(titles) == 22 and all(0 < len(t) < 200 for t in titles.values()), titles


def relative_luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted([relative_luminance(one), relative_luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_keyboard_focus_ring_is_solid_3px_and_contrasts(page, live_server, language):
    """Bootstrap's faint 1.4:1 glow replaced the ring on inputs, selects, buttons and nav links:
    each now shows a 3px solid outline, 2px outside, >= 3:1 against the white page."""
    event = EventFactory(slug="imrf-2026")
    page.goto(f"{live_server.url}/{language}/events/{event.slug}/register/")
    seen = set()
    for _ in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
              return {tag: e.tagName, cls: e.className, type: e.type || '',
                      style: s.outlineStyle, width: s.outlineWidth, offset: s.outlineOffset,
                      color: s.outlineColor}; }"""
        )
        if focused["tag"] == "BODY":  # past the last tab stop
            break
        kind = (
            "nav-link" if "nav-link" in focused["cls"]
            else "button" if focused["tag"] == "BUTTON"
            else f"{focused['tag'].lower()}-{focused['type']}"
        )  # fmt: skip
        assert focused["style"] == "solid", focused
        assert float(focused["width"].removesuffix("px")) >= 3, focused
        assert float(focused["offset"].removesuffix("px")) >= 2, focused
        assert contrast(focused["color"], "rgb(255, 255, 255)") >= 3, focused
        seen.add(kind)
    assert {"nav-link", "input-text", "input-email", "select-select-one", "button"} <= seen, seen
