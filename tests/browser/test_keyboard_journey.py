"""With the keyboard only, and with a screen reader in mind.

A focal point logs in and submits a review, and a person registers for an event, pressing only
Tab, Shift+Tab, Enter, Space, arrows and letters (page.keyboard; no click, no fill): every
control on the way is reached in the page's focus order and is visible when focused. A refused
registration moves the focus to the error summary, whose links lead into the fields. The live
word counter's polite region speaks when the count crosses the limit or typing pauses, never on
every keystroke.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.models import ReviewCycle, ReviewStatus, VoluntaryReview
from stakeholders import demo
from stakeholders.models import Event, Registration
from tests.factories import PASSWORD
from tests.personas import focal_point_of
from tests.publishing import draft_review

# Transactional: the live server reads committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

# What a screen reader would call the focused control: its label (crispy's "*" removed), its
# aria-label, or its text; plus whether it can be seen.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {name: "", visible: false, tag: ""};
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  const name = e.getAttribute("aria-label") || label || e.innerText || e.value || "";
  const box = e.getBoundingClientRect();
  return {
    name: name.replace(/\\s*\\*\\s*$/, "").replace(/\\s+/g, " ").trim(),
    visible: box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden",
    tag: e.tagName.toLowerCase(),
  };
}"""


FIELDS = ("input", "select", "textarea")


def tab_to(page, name: str, *, tags=None, back: bool = False, limit: int = 400) -> None:
    """Press Tab (Shift+Tab with `back`) until the control named `name` (of one of `tags`, e.g.
    a field rather than the error summary's link to it) has the focus; every control passed on
    the way must be visible (no focus lost in hidden things)."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"] or not focused["tag"], f"hidden control focused: {focused}"
        if focused["name"] == name and (tags is None or focused["tag"] in tags):
            return
        passed.append(focused["name"])
    raise AssertionError(f"{name!r} never got the focus; passed: {passed[-30:]}")


def type_text(page, text: str) -> None:
    page.keyboard.type(text)


def test_focal_point_submits_a_review_with_the_keyboard_only(page, live_server, screenshot):
    focal_point = focal_point_of("MEX", email="ines@gov.example", full_name="Inés García")
    draft_review("MEX", focal_point=focal_point)

    page.goto(f"{live_server.url}/en/accounts/login/")
    tab_to(page, "E-mail address")
    type_text(page, "ines@gov.example")
    page.keyboard.press("Tab")
    type_text(page, PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/workspace/")

    tab_to(page, "Open the draft")  # Mexico's review, in the workspace
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/workspace/imrf-2026/MEX/")
    tab_to(page, "Submit the review")
    page.keyboard.press("Enter")
    page.wait_for_url("**/submit/")
    # The confirmation page: its button, reached backwards from the end of the page, by Space.
    tab_to(page, "Submit")
    screenshot("keyboard-submit-focused")
    page.keyboard.press("Space")
    expect(page.get_by_text("Submitted to the secretariat on")).to_be_visible()
    assert VoluntaryReview.objects.get(member_state_id="MEX").status == ReviewStatus.SUBMITTED


def test_person_registers_for_an_event_with_the_keyboard_only(page, live_server, settings):
    settings.REGISTRATION_RATE_LIMIT = "10000/h"
    event = demo._ensure_imrf()
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        registration_opens=now - timedelta(days=1), registration_closes=now + timedelta(days=30)
    )
    page.goto(f"{live_server.url}/en/events/{event.slug}/register/")

    # Sent empty first: refused, the focus on the summary, whose first link leads to its field.
    tab_to(page, "Register")
    page.keyboard.press("Enter")
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link", name="Full name")).to_be_visible()
    tab_to(page, "Full name", tags=("a",))  # the summary's link
    page.keyboard.press("Enter")
    full_name = page.locator("#id_full_name")
    expect(full_name).to_be_focused()
    expect(full_name).to_have_attribute("aria-invalid", "true")
    described = full_name.get_attribute("aria-describedby").split()
    expect(page.locator(f"#{described[-1]}")).to_contain_text("This field is required.")

    type_text(page, "Amina Diallo")
    tab_to(page, "E-mail address", tags=FIELDS)
    type_text(page, "amina@example.org")
    # Selects: type-ahead on the focused list.
    for label, option in [
        ("Stakeholder category", "Civil society"),
        ("Level of your work", "National"),
        ("Country of residence", "Senegal"),
        ("Nationality", "Senegal"),
        ("How you will take part", "In person"),
    ]:
        tab_to(page, label, tags=FIELDS)
        type_text(page, option)
    tab_to(page, "Organization", tags=FIELDS)
    type_text(page, "Migrant Voices")
    tab_to(
        page,
        "I have read the privacy notice and agree that my data are used as it says",
        tags=FIELDS,
    )
    page.keyboard.press("Space")
    tab_to(page, "Register")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    registration = Registration.objects.get(email="amina@example.org")
    assert (registration.full_name, registration.residence_id, registration.nationality_id) == (
        "Amina Diallo",
        "SEN",
        "SEN",
    )


def test_word_counter_speaks_past_the_limit_and_when_typing_pauses(page, live_server):
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=True)
    focal_point = focal_point_of("MEX", email="ines@gov.example")
    draft_review("MEX", focal_point=focal_point, sections={4: " ".join(["word"] * 498)})
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/workspace/imrf-2026/MEX/section/4/")
    page.get_by_label("E-mail address").fill("ines@gov.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/section/4/")
    counter, live = page.locator("#word-counter"), page.locator("#word-counter-live")
    expect(counter).not_to_have_attribute("aria-live", re.compile("."))
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_text("")

    text = page.locator("textarea[name=text]")
    text.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(" one", delay=50)  # 499 words: typing goes on, nothing is said
    expect(counter).to_have_text("499 / 500 words")
    assert live.text_content() == ""
    page.keyboard.type(" two", delay=50)  # 500
    page.keyboard.type(" x", delay=50)  # 501: over the limit, said at once
    expect(counter).to_have_text("501 / 500 words — over the suggested limit")
    assert live.text_content() == "501 / 500 words — over the suggested limit"
    page.keyboard.type(" y z", delay=50)  # still over: the region waits for a pause
    expect(counter).to_have_text("503 / 500 words — over the suggested limit")
    assert live.text_content() == "501 / 500 words — over the suggested limit"
    expect(live).to_have_text("503 / 500 words — over the suggested limit", timeout=3000)
