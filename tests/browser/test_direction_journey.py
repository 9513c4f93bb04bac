"""Direction in a real Chromium (issue 15, item 3): an Arabic review read in English lays its
headings out left to right and its text right to left; arrows turn round in Arabic only."""

from tests.publishing import published_review

ARABIC = "نص عربي عن الهجرة"
MIRRORED = "matrix(-1, 0, 0, 1, 0, 0)"


def computed(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


def test_arabic_review_in_english_has_left_to_right_headings(page, live_server, screenshot):
    published_review("JOR", language="ar", sections={1: ARABIC})
    page.goto(f"{live_server.url}/en/reviews/imrf-2026/JOR/")
    assert computed(page, "#section-1 > h2", "direction") == "ltr"
    assert computed(page, "#section-1 > .document-text", "direction") == "rtl"
    heading = page.locator("#section-1 > h2")
    text = page.locator("#section-1 > .document-text p")
    # "1." starts the heading at the left; the Arabic paragraph ends at the right edge.
    assert heading.bounding_box()["x"] < text.bounding_box()["x"] + 1
    screenshot("direction-ar-review-in-en")


def test_objective_arrows_turn_round_in_arabic_only(page, live_server):
    page.goto(f"{live_server.url}/ar/objectives/6/")
    assert computed(page, ".arrow-back", "transform") == MIRRORED
    assert computed(page, ".arrow-forward", "transform") == MIRRORED
    page.goto(f"{live_server.url}/en/objectives/6/")
    assert computed(page, ".arrow-back", "transform") == "none"
