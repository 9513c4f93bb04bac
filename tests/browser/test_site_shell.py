"""The home page in English and Arabic, switched by the language links, by keyboard too."""

import pytest
from playwright.sync_api import expect

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)


def test_home_in_english_then_arabic_through_the_switcher(page, live_server, screenshot):
    page.goto(f"{live_server.url}/en/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot("home-en")

    # The switcher is a list of links named in their own language.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="العربيّة").click()

    expect(page).to_have_url(f"{live_server.url}/ar/")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    # The right-to-left stylesheet is the one loaded, and text starts on the right.
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    heading_box = page.get_by_role("heading", level=1).bounding_box()
    assert heading_box["x"] + heading_box["width"] > page.viewport_size["width"] / 2
    shot = screenshot("home-ar")
    assert shot.stat().st_size > 10_000

    # And back to English, keeping the same page.
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server):
    page.goto(f"{live_server.url}/fr/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
