"""PostgreSQL stopped while a focal point types: the editor says the text is not saved and
will be retried, keeps it in the browser, and saves it by itself once the database is back."""

import pytest
from playwright.sync_api import expect

from reviews.editing import start_review
from reviews.models import ReviewCycle, VoluntaryReview
from tests.browser.test_restore_unsaved import STORED_KEYS, log_in, section_url
from tests.factories import FocalPointFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

TYPED = "Typed while the database restarts: consular support in every region."


def test_a_503_autosave_keeps_the_text_and_retries_until_saved(
    page, live_server, settings, postgres_restart
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id="MEX", user__email="fp@gov.example").user
    review = start_review("MEX", cycle, by=author)
    log_in(page, live_server, "fp@gov.example")
    page.goto(section_url(live_server, 1))
    status = page.locator("#autosave-status")

    with postgres_restart.down():
        page.get_by_role("textbox").first.fill(TYPED)
        page.evaluate("document.querySelector('form.review-editor').gcmAutosave()")
        expect(status).to_have_text(
            "Not saved: the portal is briefly unavailable, trying again shortly"
            " — your text is kept in this browser."
        )
        assert len(page.evaluate(STORED_KEYS)) == 1  # the copy in localStorage

    # No new input: the editor retries on its own (15 s later) and the server has the text.
    expect(status).to_contain_text("Saved at", timeout=30_000)
    assert page.evaluate(STORED_KEYS) == []
    assert VoluntaryReview.objects.get(pk=review.pk).section_1 == TYPED
