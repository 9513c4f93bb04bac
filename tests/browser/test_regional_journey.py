"""A regional report from invitation to PDF: the secretariat invites a reporter of ECE, who
accepts the link from the e-mail, starts the report of regional-2024, drafts (i)-(v), inserts
the synthesis of the region's published national reviews into (iii) and submits; the
secretariat publishes; a visitor reads the report (the inserted table is a real table) and its
PDF."""

import re
import subprocess

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from regional.models import RegionalReviewReport
from reviews.models import PdfStatus, RegionalCommission, ReviewStatus
from reviews.permissions import SECRETARIAT_GROUP
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.publishing import published_review
from tests.regional.publishing import meeting

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)

WORKSPACE = "/en/workspace/regional/regional-2024/ECE/"
SECTIONS = {
    1: "The regional review met in Geneva with the Member States of the region.",
    2: "Participants agreed that regular pathways are the region's first priority.",
    3: "Most progress is reported on regular pathways and on social protection.",
    4: "- Skills partnerships between countries of origin and destination.",
    5: "Member States are encouraged to publish disaggregated migration data.",
}


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_reporter_drafts_inserts_the_synthesis_and_the_report_is_published(
    page, live_server, settings, screenshot, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The region's national reviews of the cycle (France and Germany are ECE States; Ghana is
    # not, and stays out of the synthesis), and ECE's meeting. Publishing opens the cycle.
    published_review("FRA", "regional-2024", objectives={5: ("under_way", "Seasonal schemes.")})
    published_review("DEU", "regional-2024", objectives={5: ("achieved", "Skilled workers.")})
    published_review("GHA", "regional-2024", objectives={5: ("planned", "Not in ECE.")})
    meeting("ECE", title="Regional review of the GCM in the ECE region")
    moderator = UserFactory(email="sec@un.example", is_staff=True)
    moderator.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))

    # 1. The secretariat invites a reporter of ECE.
    log_in(page, live_server, "sec@un.example")
    page.get_by_role("link", name="Moderation").click()
    page.get_by_role("link", name="Invite regional reporters").click()
    page.get_by_label("E-mail address").fill("rita@ece.example")
    page.get_by_label("Full name").fill("Rita")
    page.get_by_label("Language of the invitation").select_option("en")
    ece = RegionalCommission.objects.get(code="ECE")
    page.get_by_label("Regional commission").select_option(str(ece.pk))
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation is on its way to rita@ece.example.")).to_be_visible()
    log_out(page)

    # 2. The reporter accepts the link in the e-mail and sets a password.
    [message] = [m for m in mail.outbox if m.to == ["rita@ece.example"]]
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.get_by_text("a reporter for Economic Commission for Europe")).to_be_visible()
    page.get_by_label("Full name").fill("Rita Reporter")
    page.locator("input[name=password1]").fill("a-long-enough-passphrase")
    page.get_by_label("Password again").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(f"{live_server.url}/en/workspace/")
    page.goto(f"{live_server.url}/en/")  # the menu leads back to the workspace
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workspace").click()
    expect(page).to_have_url(f"{live_server.url}/en/workspace/")

    # 3. The workspace lists ECE's report with its due date; the reporter starts it.
    row = page.locator("#regional-work").locator("xpath=..").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Regional review report of Economic Commission for Europe")
    expect(row).to_contain_text("Not started")
    expect(row).to_contain_text("15 January 2025")  # two months after the meeting's last day
    page.get_by_role("button", name="Start the report").click()
    expect(page).to_have_url(f"{live_server.url}{WORKSPACE}")
    expect(page.locator("#due-date")).to_contain_text("Due on")

    # 4. (i) typed and autosaved (the editor's Ctrl+S); (ii)-(v) typed and saved.
    page.goto(f"{live_server.url}{WORKSPACE}section/1/")
    text = page.locator("textarea[name=text]")
    text.press_sequentially(SECTIONS[1][:40])
    text.press_sequentially(SECTIONS[1][40:])
    text.press("Control+s")
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    for number in range(2, 6):
        page.goto(f"{live_server.url}{WORKSPACE}section/{number}/")
        page.locator("textarea[name=text]").fill(SECTIONS[number])
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_text("Saved at")).to_be_visible()

    # 5. The synthesis: two reviews of the region; inserting appends the table to (iii).
    page.get_by_role("link", name="Synthesis").click()
    expect(page.get_by_text("2 published voluntary GCM reviews of the region")).to_be_visible()
    page.get_by_role("button", name="Insert this table into (iii) Key findings").click()
    expect(page).to_have_url(f"{live_server.url}{WORKSPACE}section/3/")
    key_findings = page.locator("textarea[name=text]")
    expect(key_findings).to_have_value(re.compile(r"^Most progress is reported .*\n\n"))
    expect(key_findings).to_have_value(re.compile(r"\| 5\. Enhance availability .* \| 1 \| 1 \|"))

    # 6. Submit from the overview, (vi) left for later.
    page.get_by_role("link", name="Overview").click()
    screenshot("regional-workspace-overview")
    # Submitting asks first: the link opens what will happen, whose button submits.
    page.get_by_role("link", name="Submit to the secretariat").click()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text("Submitted to the secretariat on")).to_be_visible()
    log_out(page)

    # 7. The secretariat publishes from the moderation page.
    log_in(page, live_server, "sec@un.example")
    page.get_by_role("link", name="Moderation").click()
    page.get_by_role("link", name="Economic Commission for Europe").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Economic Commission for Europe")
    page.get_by_role("button", name="Publish").click()
    # Publishing asks first: the confirmation page's own button publishes.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator("#document-status")).to_have_text("Published")
    log_out(page)
    report = RegionalReviewReport.objects.get()
    assert report.status == ReviewStatus.PUBLISHED
    assert report.rendition.status == PdfStatus.READY  # rendered by the eager worker
    # The secretariat heard of the submission, the reporter of the publication.
    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    assert (
        "sec@un.example",
        "Submitted: the regional review report of Economic Commission "
        "for Europe (Regional reviews of the GCM 2024–2025)",
    ) in subjects
    assert (
        "rita@ece.example",
        "Published: the regional review report of Economic Commission "
        "for Europe (Regional reviews of the GCM 2024–2025)",
    ) in subjects

    # 8. Anyone finds it, reads the synthesis as a table and downloads the PDF.
    page.goto(f"{live_server.url}/en/regional/")
    page.get_by_role("link", name=re.compile("Economic Commission for Europe")).first.click()
    expect(page).to_have_url(f"{live_server.url}/en/regional/regional-2024/ECE/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Economic Commission for Europe")
    table = page.locator("#section-3 table").first
    expect(table.locator("th").first).to_have_text("Objective")
    expect(table.locator("tr", has_text="5. Enhance availability")).to_contain_text("1")
    expect(page.locator("#section-4")).to_contain_text("Skills partnerships")
    screenshot("regional-public-report")
    response = page.request.get(
        live_server.url + page.get_by_role("link", name="Download the PDF").get_attribute("href")
    )
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())  # table cells wrap their words over lines
    assert "Most progress is reported on regular pathways" in text
    assert "Median priority" in text  # the inserted table's header
    assert "Skills partnerships between countries of origin" in text
