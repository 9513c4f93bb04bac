"""Reading the public portal on a phone (issue 14, item 9), in a real Chromium: the review's
first section within two screens of 390×844 although the review fills all 23 objectives; the
folded table of objectives opened and closed from the keyboard; the filters of the list, the
search, the tracker and an objective's page never wider than a 320 px screen, in English and in
Arabic (right to left)."""

import pytest
from playwright.sync_api import expect

from tests.publishing import published_review
from tests.regional.publishing import published_report

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}

EVERY_OBJECTIVE = {
    n: (
        ["achieved", "under_way", "planned", "not_started"][n % 4],
        f"Under objective {n} the government extended labour migration agreements "
        "and consulted the national statistics office on the data it collects.",
    )
    for n in range(1, 24)
}


def test_first_section_is_within_two_screens_of_a_phone(page, live_server, screenshot):
    published_review("GHA", objectives=EVERY_OBJECTIVE)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/en/reviews/imrf-2026/GHA/")

    heading = page.locator("#section-1 > h2")
    expect(heading).to_have_text("1. Methodology for preparing the voluntary GCM reviews")
    top = heading.bounding_box()["y"] + page.evaluate("window.scrollY")
    assert top < 2 * PHONE["height"], top
    contents = page.get_by_role("navigation", name="Contents of this review")
    expect(contents.get_by_role("link")).to_have_count(12)  # table, 5 sections, 4 round tables, 2
    screenshot("phone-review-top")

    contents.get_by_role("link", name="Round table 4").click()
    expect(page.locator("#round-table-4")).to_be_in_viewport()


def test_regional_report_first_part_is_within_two_screens_of_a_phone(page, live_server):
    report = published_report("ECE", objectives=range(1, 24))
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + report.get_absolute_url())
    heading = page.locator("#section-1 > h2")
    expect(heading).to_be_visible()
    top = heading.bounding_box()["y"] + page.evaluate("window.scrollY")
    assert top < 2 * PHONE["height"], top
    objectives = page.locator("ul.objectives-addressed li")
    expect(objectives.first).to_be_hidden()
    page.get_by_text("Show or hide the objectives, by round table").click()
    expect(objectives).to_have_count(23)
    expect(objectives.first).to_be_visible()


def test_objectives_table_opens_and_closes_from_the_keyboard(page, live_server, screenshot):
    published_review("GHA", objectives=EVERY_OBJECTIVE)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/en/reviews/imrf-2026/GHA/")
    details = page.locator("details.objectives-details")
    table = page.locator(".objectives-table")
    expect(details).to_have_js_property("open", False)
    expect(table).to_be_hidden()

    summary = details.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_js_property("open", True)
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(23)
    screenshot("phone-objectives-open")
    page.keyboard.press("Space")
    expect(details).to_have_js_property("open", False)
    expect(table).to_be_hidden()
    page.keyboard.press("Space")
    expect(table).to_be_visible()


def test_objectives_table_starts_open_on_a_wide_screen(page, live_server):
    published_review("GHA", objectives=EVERY_OBJECTIVE)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/en/reviews/imrf-2026/GHA/")
    expect(page.locator(".objectives-table")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_filters_never_scroll_sideways_at_320_px(page, live_server, screenshot, language):
    published_review("GHA", objectives=EVERY_OBJECTIVE)
    published_review("MEX", language="es", objectives={5: ("planned", "Vías regulares.")})
    page.set_viewport_size(NARROW)
    pages = {
        "list": "/reviews/",
        "search": "/reviews/?q=labour+migration+agreements&commission=ECA",
        "search-invalid": "/reviews/?objective=99&cycle=nope",
        "tracker": "/cycles/imrf-2026/",
        "tracker-reported": "/cycles/imrf-2026/?commission=ECLAC&reported=1",
        "objective": "/objectives/5/",
    }
    wide = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}/{language}{path}")
        expect(page.locator("main form").first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            wide[name] = width
        screenshot(f"phone-320-{language}-{name}")
    assert wide == {}
