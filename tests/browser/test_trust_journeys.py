"""Drafting and moderation that officials can trust (issue 14, items 1, 2, 4 and 5), in a real
browser: what the secretariat and the focal points see and open, with screenshots.

The documents are prepared through the portal's own doors (`reviews.editing.save_part`,
`reviews.workflow`); the browser does only what a person does: log in, open, read, download.
"""

import datetime
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import expect

from reviews.editing import save_part
from reviews.models import Attachment, Document, ReviewCycle
from reviews.workflow import (
    assign_review,
    request_changes,
    revise_document,
    sign_off_document,
    submit_document,
)
from tests.browser.conftest import log_in
from tests.personas import authorizing_official_of, focal_point_of, secretariat_member
from tests.publishing import draft_review, published_review

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)

MOD = "/en/secretariat/reviews/imrf-2026/MEX/"
WS = "/en/workspace/imrf-2026/MEX/"
PLAN = b"%PDF-1.7\n% The national implementation plan of Mexico\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _save(review, part, data, by):
    return save_part(review.pk, part, data, by=by, base_version=review.version, kind="save")


def _sign_off(review, official, day=4):
    return sign_off_document(
        review,
        by=official,
        name="Ana Oficial",
        title="Vice-Minister",
        signed_on=datetime.date(2026, 5, day),
    )


def _english_date(day) -> str:
    with override("en"):
        return date_format(day, "DATE_FORMAT")


# 1. The secretariat sees the whole submission ------------------------------------------------


@pytest.fixture
def whole_correction():
    """Mexico's published review, corrected with everything a review can hold, signed off by
    the State's official and submitted: published first, so the public page and PDF exist."""
    author = focal_point_of("MEX", email="fp@gov.example", full_name="Inés García")
    colleague = focal_point_of("MEX", email="colleague@gov.example", full_name="Bruno Díaz")
    review = published_review("MEX", focal_point=author)
    review = revise_document(review, by=author)
    attachment = Attachment(
        document=review,
        kind=Attachment.Kind.NATIONAL_PLAN,
        original_name="national-plan.pdf",
        content_type="application/pdf",
        size=len(PLAN),
        sha256="0" * 64,
        uploaded_by=author,
    )
    attachment.file.save("upload.pdf", ContentFile(PLAN), save=True)
    review = _save(
        review, "section-2", {"text": "A whole-of-government policy since 2024."}, author
    )
    review = _save(
        review,
        "objective-5",
        {
            "status": "under_way",
            "priority": 1,
            "narrative": "Regular pathways widened in 2025.",
            "principles": ["people_centred", "international_cooperation"],
            "practices": [
                {"title": "Seasonal visa", "description": "Two-year permits.", "partners": "ILO"}
            ],
        },
        author,
    )
    review = _save(
        review,
        "objective-23",
        {
            "status": "planned",
            "priority": 2,
            "narrative": "A bilateral labour agreement is being negotiated.",
            "principles": ["gender_responsive"],
            "practices": [],
        },
        author,
    )
    review = _save(
        review,
        "details",
        {
            "language": "en",
            "part_of_national_plan": True,
            "stakeholders": ["migrants", "civil_society"],
            "contacts": [author.pk, colleague.pk],
        },
        author,
    )
    official = authorizing_official_of("MEX")
    review = _sign_off(submit_document(review, by=author), official)
    return review, attachment


def _row_cells(page, number: int) -> list[str]:
    row = page.locator("table tbody tr").filter(has=page.locator(f'a[href="#objective-{number}"]'))
    return [re.sub(r"\s+", " ", t).strip() for t in row.locator("th, td").all_inner_texts()]


def test_the_secretariat_sees_and_opens_the_whole_submission(page, live_server, screenshot,
                                                             whole_correction):  # fmt: skip
    _review, attachment = whole_correction
    secretariat_member(email="sec@un.example")

    # Item 5: after login, the secretariat lands in the queue, which lists the submission.
    log_in(page, live_server, "sec@un.example")
    expect(page).to_have_url(f"{live_server.url}/en/secretariat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    screenshot("trust-1-queue-after-login")
    page.get_by_role("link", name="Mexico", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{MOD}")

    # The sections, as submitted.
    submission = page.locator("section[aria-labelledby=text-heading]")
    expect(submission).to_contain_text("A whole-of-government policy since 2024.")
    expect(submission).to_contain_text("Section 4 of MEX in imrf-2026.")
    # Every objective entry, with its status, priority, principles and practices.
    expect(submission.locator("table caption").nth(1)).to_have_text(
        "2 objective entries; the narratives and practices follow in section 3 below."
    )
    assert _row_cells(page, 5) == [
        "5. Enhance availability and flexibility of pathways for regular migration",
        "Under way",
        "1",
        "People-centred International cooperation",
        "1",
        "10",
    ]
    assert _row_cells(page, 23)[1:5] == ["Planned", "2", "Gender-responsive", "0"]
    entry = page.locator("article.review-document #objective-5").locator("xpath=..")
    expect(entry).to_contain_text("Regular pathways widened in 2025.")
    practice = page.locator("article.review-document .practice")
    expect(practice.locator("p")).to_have_text(
        ["Seasonal visa", "Two-year permits.", "Partners: ILO"]
    )
    # The details: national-plan flag, stakeholders, contacts, sign-off.
    details = page.locator("dl[aria-labelledby=details-heading]")

    def detail(term):
        return details.locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")

    expect(detail("Part of a national implementation plan process")).to_have_text("Yes")
    expect(detail("Stakeholders consulted").locator("li")).to_have_text(
        ["Civil society", "Migrants"]
    )
    expect(detail("Contact focal points").locator("li")).to_have_text(
        ["Bruno Díaz <colleague@gov.example>", "Inés García <fp@gov.example>"]
    )
    expect(detail("Sign-off")).to_have_text(
        "Signed off by Ana Oficial, Vice-Minister, on 4 May 2026."
    )
    # The attachment, openable.
    attachments = page.locator("ul[aria-labelledby=attachments-heading] li")
    expect(attachments).to_have_count(1)
    expect(attachments).to_contain_text("national-plan.pdf · National implementation plan")
    screenshot("trust-1-moderation-whole-submission")
    link = attachments.get_by_role("link", name="national-plan.pdf")
    href = link.get_attribute("href")
    assert href == f"{WS}attachments/{attachment.pk}/"
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "national-plan.pdf"
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == PLAN
    # The preview, the public page and the PDF.
    expect(submission.get_by_role("link", name="Preview of the working copy")).to_have_attribute(
        "href", f"{WS}preview/"
    )
    expect(submission.get_by_role("link", name="Public page")).to_have_attribute(
        "href", "/en/reviews/imrf-2026/MEX/"
    )
    expect(submission.get_by_role("link", name="PDF (published version)")).to_have_attribute(
        "href", "/en/reviews/imrf-2026/MEX/pdf"
    )
    submission.get_by_role("link", name="Preview of the working copy").click()
    expect(page.locator("body")).to_contain_text("Regular pathways widened in 2025.")
    screenshot("trust-1-preview")
    page.go_back()
    submission.get_by_role("link", name="Public page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mexico")
    expect(page.locator("#section-2")).to_contain_text("Section 2 of MEX in imrf-2026.")


# 2. What changed -----------------------------------------------------------------------------

BEFORE = (
    "Our policy covers regular pathways for workers.\n\n"
    "Measures:\n\n- first measure\n- second measure"
)
AFTER = (
    "Our policy covers safe regular pathways for students.\n\n"
    "Measures:\n\n- first measure\n- second measure\n- third measure"
)


@pytest.fixture
def signed_off_correction():
    author = focal_point_of("MEX", email="fp@gov.example")
    review = published_review("MEX", focal_point=author, sections={2: BEFORE})
    published_on = Document.objects.get(pk=review.pk).published_at
    review = revise_document(review, by=author)
    review = _save(review, "section-2", {"text": AFTER}, author)
    # The official was designated after the first publication: this submission waits for them.
    official = authorizing_official_of("MEX")
    review = _sign_off(submit_document(review, by=author), official)
    numbers = review.revisions.order_by("number").values_list("number", flat=True)
    return published_on, review.published_revision.number, list(numbers)[-1]


def _assert_shows_the_correction(page, correction):
    published_on, old, new = correction
    changes = page.locator("#changes-reviewed")
    expect(changes.locator("summary")).to_have_text(
        f"Changes since the version published on {_english_date(published_on)} "
        f"· 1 part differs (revision {old} to {new})."
    )
    expect(page.get_by_text("No difference in the text.")).to_have_count(0)
    diff = changes.locator(".diff")
    expect(diff.locator("> p").first).to_have_text(
        "Our policy covers safe regular pathways for workers.students."
    )
    expect(diff.locator("> p").first.locator("ins")).to_have_text(["safe ", "students."])
    expect(diff.locator("> p").first.locator("del")).to_have_text(["workers."])
    # The list stays a list: one <ul>, three items, the new one inserted whole.
    expect(diff.locator("ul")).to_have_count(1)
    expect(diff.locator("ul > li")).to_have_text(
        ["first measure", "second measure", "third measure"]
    )
    expect(diff.locator("ul > li").nth(2).locator("ins")).to_have_text("third measure")
    expect(diff.locator("ul > li").nth(0).locator("ins, del")).to_have_count(0)


def test_what_changed_since_the_published_version(page, live_server, screenshot,
                                                  signed_off_correction):  # fmt: skip
    secretariat_member(email="sec@un.example")
    log_in(page, live_server, "sec@un.example")
    page.goto(f"{live_server.url}{MOD}")
    _assert_shows_the_correction(page, signed_off_correction)
    page.locator("#changes-reviewed").scroll_into_view_if_needed()
    screenshot("trust-2-moderation-what-changed")
    page.get_by_role("button", name="Log out").click()

    # The focal point's overview shows the same comparison.
    log_in(page, live_server, "fp@gov.example")
    page.goto(f"{live_server.url}{WS}")
    _assert_shows_the_correction(page, signed_off_correction)
    screenshot("trust-2-overview-what-changed")


# 4. Labels -----------------------------------------------------------------------------------


@pytest.fixture
def changes_requested():
    """Submitted, assigned within the secretariat, then sent back with changes requested."""
    author = focal_point_of("MEX", email="fp@gov.example")
    review = draft_review("MEX", focal_point=author)
    review = submit_document(review, by=author)
    moderator = secretariat_member(email="sec@un.example", full_name="Sam Secretariat")
    review = assign_review(review, by=moderator, assignee=moderator)
    request_changes(review, by=moderator, comment="Please add the data sources.")


def test_the_focal_points_history_speaks_in_words(page, live_server, screenshot,
                                                  changes_requested):  # fmt: skip
    log_in(page, live_server, "fp@gov.example")
    page.goto(f"{live_server.url}{WS}")
    conversation = page.locator("section[aria-labelledby=conversation-heading]")
    expect(conversation.locator(".event-label")).to_have_text(
        ["Changes requested by the secretariat", "Submitted to the secretariat"]
    )
    expect(conversation).to_contain_text("Please add the data sources.")
    expect(page.locator("body")).not_to_contain_text("request_changes")
    # The secretariat's own bookkeeping stays with the secretariat.
    expect(page.locator("body")).not_to_contain_text("Assigned within the secretariat")
    screenshot("trust-4-history-en")

    page.goto(f"{live_server.url}/fr/workspace/imrf-2026/MEX/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(conversation.locator(".event-label")).to_have_text(
        ["Modifications demandées par le secrétariat", "Soumis au secrétariat"]
    )
    expect(page.locator("body")).not_to_contain_text("request_changes")
    screenshot("trust-4-history-fr")


def test_the_secretariats_history_speaks_in_words(page, live_server, screenshot,
                                                  changes_requested):  # fmt: skip
    """The moderation page's own "Conversation and history" (issue 14 item 4: "Moderation
    history ... not `request_changes (Submitted → Changes requested)`")."""
    log_in(page, live_server, "sec@un.example")
    page.goto(f"{live_server.url}{MOD}")
    history = page.locator("section[aria-labelledby=events-heading]")
    screenshot("trust-4-moderation-history")
    expect(history).to_contain_text("Changes requested by the secretariat")
    expect(history).to_contain_text("Assigned within the secretariat")
    expect(history).not_to_contain_text("request_changes")


# 5. Due, and what needs me --------------------------------------------------------------------


def _submitted(iso3: str, *, days_ago: int):
    review = draft_review(iso3)
    submit_document(review, by=review.author)
    Document.objects.filter(pk=review.pk).update(
        submitted_at=timezone.now() - timedelta(days=days_ago)
    )


@pytest.fixture
def due_in_ten_days():
    today = timezone.localdate()
    closes = today + timedelta(days=10)
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=True, submission_closes=closes)
    _submitted("GHA", days_ago=3)
    _submitted("PHL", days_ago=6)
    # A draft of an earlier cycle, two days past its deadline.
    draft_review("FRA", cycle="imrf-2022")
    ReviewCycle.objects.filter(slug="imrf-2022").update(
        is_open=False, submission_closes=today - timedelta(days=2)
    )
    draft_review("MEX", focal_point=focal_point_of("MEX", email="fp@gov.example"))
    return closes


def test_what_is_due_and_what_needs_me(page, live_server, screenshot, due_in_ten_days):
    # A focal point lands in the workspace and sees the deadline and the days left.
    log_in(page, live_server, "fp@gov.example")
    expect(page).to_have_url(f"{live_server.url}/en/workspace/")
    row = page.locator("section[aria-labelledby=state-MEX] tbody tr").filter(
        has_text="International Migration Review Forum 2026"
    )
    expect(row.locator(".deadline time")).to_have_text(_english_date(due_in_ten_days))
    expect(row.locator(".deadline time")).to_have_attribute("datetime", due_in_ten_days.isoformat())
    expect(row.locator(".deadline-left")).to_be_visible()
    expect(row.locator(".deadline-left")).to_have_text("10 days left")
    screenshot("trust-5-workspace-deadline")
    page.get_by_role("button", name="Log out").click()

    # The secretariat lands in the queue: the submissions, oldest first, then the overdue draft.
    secretariat_member(email="sec@un.example")
    log_in(page, live_server, "sec@un.example")
    expect(page).to_have_url(f"{live_server.url}/en/secretariat/")
    expect(page.locator("#needs-action")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.locator("th")).to_have_text(["Philippines", "Ghana", "France"])
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("Submitted")
    expect(rows.nth(0).locator("td").nth(5)).to_have_text("6")
    expect(rows.nth(1).locator("td").nth(5)).to_have_text("3")
    expect(rows.nth(0).locator(".deadline")).to_have_text(_english_date(due_in_ten_days))
    france = rows.nth(2)
    expect(france.locator("td").nth(2)).to_have_text("Draft")
    expect(france.locator(".deadline-overdue")).to_have_text("overdue by 2 days")
    expect(france).to_have_class("table-warning")
    expect(rows.nth(0)).not_to_have_class("table-warning")
    expect(page.locator("#overdue-count")).to_have_text("1 document is overdue.")
    screenshot("trust-5-queue-needs-action")
