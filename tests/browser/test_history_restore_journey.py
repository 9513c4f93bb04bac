"""A focal point brings back an earlier text from the history (issue 14, item 6), in a real
browser: the rows name the part each save changed, "Restore this text" saves it again as a new
revision, and the editor shows it.

The earlier saves are made through the portal's own door (`reviews.editing.save_part`); the
browser does what a person does: log in, open the history, press the button, open the editor.
"""

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from reviews.editing import save_part
from reviews.models import VoluntaryReview
from tests.browser.conftest import log_in, start_draft

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)

WS = "/en/workspace/imrf-2026/MEX/"
OLD = "Consultations with unions and employers were held in 2023."
NEW = "A shorter text that lost the consultations."
SECTION_2 = "Section 2: Policy and enabling environment"


@pytest.fixture
def review(settings):
    author, review = start_draft(settings, "MEX")
    for part, text in (("section-2", OLD), ("section-2", NEW), ("section-1", "Method.")):
        review = save_part(review.pk, part, {"text": text}, by=author,
                           base_version=review.version, kind="save")  # fmt: skip
    return review


def test_a_focal_point_restores_an_earlier_text_from_the_history(
    page, live_server, screenshot, review
):
    log_in(page, live_server, "fp@gov.example")

    page.goto(f"{live_server.url}{WS}history/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(4)
    # Newest first: section 1, then the two saves of section 2, then the blank start.
    expect(rows.nth(0).locator(".history-part")).to_have_text(
        ["Section 1: Methodology for preparing the voluntary GCM reviews"]
    )
    expect(rows.nth(1).locator(".history-part")).to_have_text([SECTION_2])
    expect(rows.nth(2).locator(".history-part")).to_have_text([SECTION_2])
    expect(rows.nth(3)).to_contain_text("No change to the text")
    # Only the earlier text of section 2 differs from the working copy: one button, on row 2.
    expect(page.get_by_role("button", name="Restore this text")).to_have_count(1)
    screenshot("history-restore-1-rows")

    rows.nth(2).get_by_role("button", name="Restore this text").click()
    revision = VoluntaryReview.objects.get(pk=review.pk).revisions.get(number=2)
    when = date_format(timezone.localtime(revision.updated_at), "DATE_FORMAT")
    expect(page.locator(".alert-success")).to_have_text(
        f"Restored {SECTION_2} from the version of {when}."
    )
    expect(rows).to_have_count(5)
    expect(rows.nth(0).locator("th")).to_have_text("5")
    expect(rows.nth(0).locator(".history-part")).to_have_text([SECTION_2])
    screenshot("history-restore-2-restored")
    # The compare radios still belong to their form, outside the table of restore buttons.
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Changes from revision 4 to revision 5"
    )

    page.goto(f"{live_server.url}{WS}section/2/")
    expect(page.locator("textarea[name=text]")).to_have_value(OLD)
    screenshot("history-restore-3-editor")
