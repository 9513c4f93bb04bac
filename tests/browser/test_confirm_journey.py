"""A focal point clicks Submit, reads what will happen, cancels (nothing changes), then submits
and is told when."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from reviews.editing import save_part, start_review
from reviews.models import ModerationEvent, ReviewCycle, ReviewStatus, VoluntaryReview
from tests.factories import PASSWORD, FocalPointFactory

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)


def test_submit_asks_first_and_says_when(page, live_server, screenshot, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id="MEX", user__email="fp@gov.example").user
    review = start_review("MEX", cycle, by=author)
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": f"Section {number} text."},
                           by=author, base_version=review.version, kind="save")  # fmt: skip
    overview = f"{live_server.url}/en/workspace/imrf-2026/MEX/"

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=username]").fill("fp@gov.example")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.goto(overview)

    # 1. Submit opens the page that says what will happen; Cancel changes nothing.
    page.get_by_role("link", name="Submit the review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Submit the voluntary GCM review of Mexico to the secretariat?"
    )
    expect(page.locator("#what-will-happen")).to_contain_text(
        "You can no longer edit it, unless the secretariat asks for changes."
    )
    screenshot("confirm-submit")
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(overview)
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT
    assert not ModerationEvent.objects.filter(action="submit").exists()

    # 2. Again, by keyboard this time, and confirmed.
    page.get_by_role("link", name="Submit the review").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Submit", exact=True).click()
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    expect(page.get_by_text(f"Submitted to the secretariat on {today}.")).to_be_visible()
    screenshot("confirm-submitted")
    assert VoluntaryReview.objects.get().status == ReviewStatus.SUBMITTED
