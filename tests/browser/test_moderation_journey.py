"""Submitted → changes requested on section 2 → reply and resubmit → published → read by anyone."""

import pytest
from playwright.sync_api import expect

from reviews.editing import save_part, start_review
from reviews.models import ReviewCycle, ReviewStatus, VoluntaryReview
from reviews.permissions import SECRETARIAT_GROUP
from reviews.workflow import submit_document
from tests.browser.conftest import log_in
from tests.factories import FocalPointFactory, UserFactory

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_moderation_round_trip(page, live_server, screenshot, settings):
    from django.contrib.auth.models import Group

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id="MEX", user__email="fp@gov.example").user
    moderator = UserFactory(email="sec@un.example", is_staff=True)
    moderator.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    review = start_review("MEX", cycle, by=author)
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": f"Section {number} text."},
                           by=author, base_version=review.version, kind="save")  # fmt: skip
    submit_document(review, by=author)

    # The secretariat requests changes on section 2.
    log_in(page, live_server, "sec@un.example")
    page.get_by_role("link", name="Moderation").click()
    page.get_by_role("link", name="Mexico").click()
    page.locator("#comment-request_changes").fill("Thank you. One point on section 2.")
    page.locator("details summary").click()
    page.locator("#rc-section-2").fill("Please mention the SDG links.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("Changes requested").first).to_be_visible()
    log_out(page)

    # The focal point sees the comment beside section 2, replies, edits and resubmits.
    log_in(page, live_server, "fp@gov.example")
    page.goto(f"{live_server.url}/en/workspace/imrf-2026/MEX/section/2/")
    expect(page.locator(".section-comments")).to_contain_text("Please mention the SDG links.")
    page.locator("#section-reply").fill("Done: see the second paragraph.")
    page.get_by_role("button", name="Send the reply").click()
    page.locator("#id_text").fill("Section 2 text.\n\nIt links to SDG target 10.7.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{live_server.url}/en/workspace/imrf-2026/MEX/")
    page.get_by_role("link", name="Submit the review").click()
    page.get_by_role("button", name="Submit", exact=True).click()  # the confirmation page
    expect(page.get_by_text("Submitted to the secretariat on")).to_be_visible()
    log_out(page)

    # The secretariat sees the reply and the diff, and publishes.
    log_in(page, live_server, "sec@un.example")
    page.goto(f"{live_server.url}/en/secretariat/reviews/imrf-2026/MEX/")
    expect(page.get_by_text("Done: see the second paragraph.")).to_be_visible()
    # What changed since the secretariat asked for changes, inline and on its own page.
    expect(page.get_by_text("Changes since the secretariat requested changes on")).to_be_visible()
    page.get_by_role("link", name="Open this comparison on its own page").first.click()
    expect(page.locator("ins").first).to_contain_text("SDG target 10.7")
    page.goto(f"{live_server.url}/en/secretariat/reviews/imrf-2026/MEX/")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#what-will-happen")).to_contain_text("goes on the public site")
    page.get_by_role("button", name="Publish").click()  # the confirmation page's
    expect(page.get_by_text("Published on")).to_be_visible()
    screenshot("moderation-published")
    log_out(page)

    # Anyone can read it.
    page.goto(f"{live_server.url}/en/reviews/imrf-2026/MEX/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mexico")
    expect(page.locator("#section-2")).to_contain_text("SDG target 10.7")
    screenshot("public-review")
    assert VoluntaryReview.objects.get().status == ReviewStatus.PUBLISHED
