"""An editor that keeps up (issue 14, item 6), in a real Chromium.

A focal point types in an objective entry: the counter shows the entry's words and section 3's
total apart, both moving while typing; the text is saved a few seconds after typing stops,
without pressing Save, and "Saved at" is read in a status bar that stays on the screen however
far down the form one scrolls; "Next" goes to the following objective (its arrow turned round
in Arabic). An authorizing official opening the same editor is told why it is read-only.
"""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from reviews.editing import save_part
from reviews.models import FocalPointMembership, ObjectiveProgress
from tests.browser.conftest import log_in, start_draft
from tests.factories import FocalPointFactory

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)


def words(n, word="migration"):
    return " ".join([word] * n)


@pytest.fixture
def review(settings):
    author, review = start_draft(settings, "MEX")
    review = save_part(review.pk, "section-3", {"text": words(1500)},
                       by=author, base_version=review.version, kind="save")  # fmt: skip
    other = {"status": "planned", "narrative": words(30), "principles": [], "practices": []}
    return save_part(review.pk, "objective-9", other,
                     by=author, base_version=review.version, kind="save")  # fmt: skip


def in_viewport(page, selector) -> bool:
    """Whether the element is wholly on the screen (within two seconds: a scroll may still run)."""
    try:
        page.wait_for_function(
            """(selector) => {
              const box = document.querySelector(selector).getBoundingClientRect();
              return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
            }""",
            arg=selector,
            timeout=2000,
        )
    except PlaywrightTimeout:
        return False
    return True


def test_objective_editor_keeps_up(page, live_server, review, screenshot):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.emulate_media(reduced_motion="reduce")  # Bootstrap's smooth scrolling off: no race
    log_in(page, live_server, "fp@gov.example")
    base = f"{live_server.url}/en/workspace/imrf-2026/MEX/"
    page.goto(f"{base}objectives/6/")

    # The counter: nothing in this entry yet; section 3 holds its text and objective 9.
    entry = page.locator("#word-counter .entry-counter-entry")
    total = page.locator("#word-counter .entry-counter-total")
    expect(entry).to_have_text("This entry: 0 words")
    expect(total).to_have_text("Section 3 in total: 1,530 of 2,000 suggested words")

    # A long text: both figures move while typing, and apart.
    narrative = page.get_by_label("Progress")
    narrative.fill(words(400))
    expect(entry).to_have_text("This entry: 400 words")
    expect(total).to_have_text("Section 3 in total: 1,930 of 2,000 suggested words")
    narrative.press("End")
    narrative.press_sequentially(" labour mobility", delay=20)
    expect(entry).to_have_text("This entry: 402 words")
    expect(total).to_have_text("Section 3 in total: 1,932 of 2,000 suggested words")

    # Debounced: nothing is sent while typing has just stopped, then it is saved without Save.
    status = page.locator("#autosave-status")
    expect(status).to_have_text("Unsaved changes")
    page.wait_for_timeout(1500)
    expect(status).to_have_text("Unsaved changes")
    expect(status).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"), timeout=8000)
    saved = ObjectiveProgress.objects.get(review=review, objective__number=6)
    assert saved.narrative == words(400) + " labour mobility"

    # The status stays on the screen at the bottom of the long text, though the form runs on
    # far below it (guiding principles, practices).
    narrative.evaluate(
        "el => { el.scrollTop = el.scrollHeight; el.scrollIntoView({block: 'end'}); }"
    )
    assert (
        page.evaluate("document.querySelector('form.review-editor').getBoundingClientRect().bottom")
        > page.evaluate("window.innerHeight") + 200
    )
    assert in_viewport(page, "#autosave-status")
    screenshot("editor-status-in-view")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert in_viewport(page, "#autosave-status")

    # Next objective: a link with its number and title.
    next_link = page.get_by_role("link", name=re.compile(r"^Next: objective 7 ")).first
    expect(next_link).to_have_attribute("rel", "next")
    next_link.click()
    expect(page).to_have_url(f"{base}objectives/7/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Objective 7")
    expect(page.locator("a[rel=prev]").first).to_have_attribute(
        "href", "/en/workspace/imrf-2026/MEX/objectives/6/"
    )

    # In Arabic the arrows point the other way.
    page.goto(f"{live_server.url}/ar/workspace/imrf-2026/MEX/objectives/7/")
    arrows = page.evaluate(
        """() => ['prev', 'next'].map(rel => getComputedStyle(
             document.querySelector('a[rel=' + rel + '] .objective-pager-arrow'), '::before'
           ).content)"""
    )
    assert arrows == ['"→"', '"←"']
    screenshot("editor-objective-pager-arabic")


def test_a_read_only_editor_says_why(page, live_server, review, screenshot):
    FocalPointFactory(
        member_state_id="MEX",
        role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL,
        user__email="ao@gov.example",
    )
    log_in(page, live_server, "ao@gov.example")
    page.goto(f"{live_server.url}/en/workspace/imrf-2026/MEX/objectives/6/")
    note = page.get_by_role("note").filter(has_text="Read only.")
    expect(note).to_have_text(
        "Read only. You are the authorizing official: you read the text and sign it off when "
        "it is submitted; the focal points write and edit it."
    )
    expect(page.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    expect(page.locator("#autosave-status")).to_have_count(0)
    screenshot("editor-read-only-reason")
