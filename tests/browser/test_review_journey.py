"""An invited focal point drafts, overruns a limit, is refused at submit, shortens and submits."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from reviews.invitations import invite_focal_point
from reviews.models import MemberState, ReviewCycle, ReviewStatus, VoluntaryReview
from tests.factories import UserFactory

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)


def words(n, word="migration"):
    return " ".join([word] * n)


def test_invited_focal_point_drafts_and_submits(page, live_server, settings, screenshot):
    settings.SITE_URL = live_server.url
    # A strict cycle: an overrun is refused (advisory cycles, the default, ask for a
    # justification instead: tests/reviews/test_advisory_limits.py).
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=True, limits_advisory=False)
    secretariat = UserFactory(is_staff=True)
    invite_focal_point(
        email="ines@gov.example",
        full_name="Inés",
        member_state=MemberState.objects.get(iso3="MEX"),
        role="focal_point",
        language="en",
        by=secretariat,
    )
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)

    # 1. Set a password from the invitation.
    page.goto(link)
    page.get_by_label("Full name").fill("Inés García")
    page.locator("input[name=password1]").fill("a-long-enough-passphrase")
    page.get_by_label("Password again").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(f"{live_server.url}/en/workspace/")
    expect(page.get_by_role("heading", name="Mexico", exact=True)).to_be_visible()

    # 2. Start the draft and write every section.
    page.get_by_role("button", name="Start a new review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mexico")
    base = f"{live_server.url}/en/workspace/imrf-2026/MEX/"
    for number, text in [(1, words(120)), (2, words(300)), (3, words(200)), (5, words(80))]:
        page.goto(f"{base}section/{number}/")
        page.locator("textarea[name=text]").fill(text)
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Saved at")).to_be_visible()

    # 3. Section 4: the live counter passes its limit while typing; drafts may exceed it.
    page.goto(f"{base}section/4/")
    counter = page.locator("#word-counter")
    page.locator("textarea[name=text]").fill(words(499))
    expect(counter).to_have_text(re.compile(r"^499 / 500 words$"))
    page.locator("textarea[name=text]").press_sequentially(" one two three")
    expect(counter).to_contain_text("502 / 500 words")
    expect(counter).to_have_class(re.compile("over-limit"))
    screenshot("review-counter-over-limit")
    # Autosave (the 30-second timer, triggered now) keeps the text without pressing Save.
    page.evaluate("document.querySelector('form.review-editor').gcmAutosave()")
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    assert VoluntaryReview.objects.get().section_4.endswith("one two three")

    # 4. Two objective entries, with a guiding principle and a promising practice.
    page.goto(f"{base}objectives/6/")
    page.get_by_label("Implementation status").select_option("under_way")
    page.get_by_label("Progress").fill("Recruitment fees are now banned by law.")
    page.get_by_label("Human rights").check()
    page.get_by_label("Title").fill("Fair recruitment certificate")
    page.get_by_label("Description").fill("Agencies are certified every year.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved at")).to_be_visible()
    page.goto(f"{base}objectives/23/")
    page.get_by_label("Implementation status").select_option("planned")
    page.get_by_label("Progress").fill("A bilateral labour agreement is being negotiated.")
    page.get_by_role("button", name="Save", exact=True).click()

    # 5. Submit: refused, with the section named and its count; nothing lost.
    page.goto(base)
    page.get_by_role("link", name="Submit the review").click()
    page.get_by_role("button", name="Submit", exact=True).click()  # the confirmation page
    alert = page.locator("#submission-problems")
    expect(alert).to_contain_text(
        "Section 4, “Means of implementation”, has 502 words; the limit is 500."
    )
    screenshot("review-submit-refused")

    # 6. Shorten section 4 and submit again.
    page.get_by_role("link", name="4. Means of implementation").first.click()
    page.locator("textarea[name=text]").fill(words(450))
    expect(counter).to_have_text(re.compile(r"^450 / 500 words$"))
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(base)
    page.get_by_role("link", name="Submit the review").click()
    page.get_by_role("button", name="Submit", exact=True).click()  # the confirmation page
    expect(page.get_by_text("Submitted to the secretariat on")).to_be_visible()
    screenshot("review-submitted")

    review = VoluntaryReview.objects.get()
    assert review.status == ReviewStatus.SUBMITTED
    assert (
        review.objective_entries.get(objective_id=6).practices.get().title
        == "Fair recruitment certificate"
    )
    assert review.revisions.order_by("-number").first().kind == "submission"
