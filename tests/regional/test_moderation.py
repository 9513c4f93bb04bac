"""The secretariat's queue lists every kind with due dates; a regional document's moderation
page shows it whole and decides through the workflow's doors (with the stale check)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regional.models import InputPractice, RegionalInput, SupportNeed
from reviews.models import ModerationEvent, Objective, ReviewStatus
from reviews.notifications import deliver_review_notification
from reviews.workflow import publish_document
from tests.personas import reporter_of
from tests.publishing import published_review, secretariat
from tests.regional.publishing import (
    draft_input,
    draft_report,
    meeting,
    published_input,
    submitted_report,
)

pytestmark = pytest.mark.django_db

REPORT_PAGE = "/en/secretariat/regional/regional-2024/ECE/"


def test_queue_lists_a_regional_report_with_its_due_date_and_the_overdue_flag(
    client, secretariat_user
):
    draft_report("ECE")  # due 15 January 2025, still a draft: overdue
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/").text
    row = page[page.index(f'href="{REPORT_PAGE}"') :].split("</tr>")[0]
    assert "Economic Commission for Europe</a>" in row
    assert "Regional review report" in row
    assert "15 January 2025" in row
    assert "overdue" in row
    assert "1 document is overdue." in page


def test_a_submitted_report_is_not_overdue(client, secretariat_user):
    submitted_report("ECE")
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/").text
    row = page[page.index(f'href="{REPORT_PAGE}"') :].split("</tr>")[0]
    assert "15 January 2025" in row
    assert "overdue" not in row


def test_queue_filters_by_kind(client, secretariat_user):
    published_review("GHA")
    draft_report("ECE")
    client.force_login(secretariat_user)
    both = client.get("/en/secretariat/").text
    assert "Ghana" in both and REPORT_PAGE in both
    reports = client.get("/en/secretariat/?kind=regional_report").text
    assert REPORT_PAGE in reports and ">Ghana</a>" not in reports
    national = client.get("/en/secretariat/?kind=national_review").text
    assert ">Ghana</a>" in national and REPORT_PAGE not in national


def test_a_meeting_whose_report_nobody_started_shows_as_no_report_yet(client, secretariat_user):
    meeting("ESCWA", ends_on=date(2024, 11, 30), starts_on=date(2024, 11, 28))
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/").text
    assert "No report yet, due 30 January 2025" in page
    assert "No report yet" not in client.get("/en/secretariat/?kind=national_review").text


def test_moderation_page_shows_the_whole_report(client, secretariat_user, audit_trail_unlocked):
    report = submitted_report("ECE", sections={3: "Key **findings** here."}, objectives=[1, 23])
    report.events.filter(action="submit").update(comment="Ready.")
    client.force_login(secretariat_user)
    page = client.get(REPORT_PAGE).text
    assert "<strong>findings</strong>" in page  # rendered Markdown
    assert "(iii) Key findings" in page
    assert "Objective 1: " in page and "Objective 23: " in page
    table = Objective.objects.get(number=1).roundtable
    heading = page.index(f"Round table {table}<")
    assert heading < page.index("Objective 1: ") < page.index("</ul>", heading)
    assert "Ready." in page  # the history
    assert f'name="version" value="{report.version}"' in page
    assert "rc-section-6" in page  # per-section comments for the report's six parts


def test_secretariat_publishes_a_report_from_its_page(client, secretariat_user):
    report = submitted_report("ECE")
    client.force_login(secretariat_user)
    response = client.post(f"{REPORT_PAGE}action/publish/", {"version": report.version})
    assert response.status_code == 302 and response["Location"] == REPORT_PAGE
    report.refresh_from_db()
    assert report.status == ReviewStatus.PUBLISHED
    assert report.published_revision is not None


def test_request_changes_carries_section_comments(client, secretariat_user):
    report = submitted_report("ECE")
    client.force_login(secretariat_user)
    client.post(
        f"{REPORT_PAGE}action/request_changes/",
        {
            "version": report.version,
            "comment": "Almost.",
            "section_6": "Add the participants.",
        },
    )
    event = ModerationEvent.objects.get(action="request_changes")
    assert (event.document_id, event.comment) == (report.pk, "Almost.")
    assert {k: v for k, v in event.section_comments.items() if v} == {"6": "Add the participants."}


def test_a_decision_on_an_older_version_is_refused_and_shows_what_changed(client, secretariat_user):
    report = submitted_report("ECE")
    client.force_login(secretariat_user)
    response = client.post(
        f"{REPORT_PAGE}action/request_changes/",
        {"version": report.version - 1, "comment": "Kept as typed."},
    )
    assert response.status_code == 409
    assert 'id="stale-decision"' in response.text
    assert "Kept as typed." in response.text
    report.refresh_from_db()
    assert report.status == ReviewStatus.SUBMITTED


def test_unpublish_needs_a_reason_at_the_field(client, secretariat_user):
    report = submitted_report("ECE")
    client.force_login(secretariat_user)
    client.post(f"{REPORT_PAGE}action/publish/", {"version": report.version})
    report.refresh_from_db()
    response = client.post(f"{REPORT_PAGE}action/unpublish/", {"version": report.version})
    assert response.status_code == 400
    assert "Please write a comment: it is sent with this decision." in response.text
    report.refresh_from_db()
    assert report.status == ReviewStatus.PUBLISHED


def test_input_page_shows_practices_with_the_imrf_flag_and_support_needs(client, secretariat_user):
    regional_input = draft_input("ECE")
    practice = InputPractice.objects.create(
        input=regional_input,
        title="Firewall clinics",
        description="Health care.",
        present_at_imrf=True,
    )
    practice.objectives.set(Objective.objects.filter(number=15))
    SupportNeed.objects.create(
        input=regional_input,
        area=RegionalInput.SupportArea.DATA,
        objective=Objective.objects.get(number=1),
        note="Surveys.",
    )
    client.force_login(secretariat_user)
    page = client.get(f"{REPORT_PAGE}inputs/{regional_input.pk}/").text
    item = page[page.index("Firewall clinics") :].split("</li>")[0]
    assert "To present at the IMRF" in item and "15" in item
    assert "Data gathering and analysis</td>" in page and "Surveys." in page
    assert "(e) Where the region needs support" in page


def test_regional_moderation_is_the_secretariats(client):
    draft_report("ECE")
    client.force_login(reporter_of(commission="ECE"))
    assert client.get(REPORT_PAGE).status_code == 403
    assert client.post(f"{REPORT_PAGE}action/publish/", {}).status_code == 403


def test_unknown_action_and_body_are_404(client, secretariat_user):
    draft_report("ECE")
    client.force_login(secretariat_user)
    assert client.post(f"{REPORT_PAGE}action/fly/", {}).status_code == 404
    assert client.get("/en/secretariat/regional/regional-2024/NOPE/").status_code == 404


def test_audit_lists_regional_events_with_the_body_name(client, secretariat_user):
    submitted_report("ECE")
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/audit/").text
    assert "<td>Economic Commission for Europe</td>" in page


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/secretariat/").status_code == 200
    return len(queries)


def test_the_queue_costs_the_same_queries_whatever_the_number_of_rows(client, secretariat_user):
    client.force_login(secretariat_user)
    published_review("GHA")
    draft_report("ECE")
    draft_input("ECE")
    few = _queue_queries(client)
    published_review("MEX")
    published_review("KEN")
    draft_report("ESCWA")
    draft_input("ESCWA", organization="Another Network")
    assert _queue_queries(client) == few


def test_moderation_e_mails_of_regional_documents_name_them_and_link_to_their_workspace(
    settings, mailoutbox
):
    # They rendered the national template (a State, reviews:overview with no State) and failed.
    settings.SITE_URL = "https://portal.example"
    report = submitted_report("ECE")
    publish_document(report, by=secretariat())
    regional_input = published_input("ECE", organization="Migrant Rights Network")
    for event in ModerationEvent.objects.filter(action__in=["submit", "publish"]):
        assert deliver_review_notification(event.pk) >= 1
    sent = {(m.to[0], m.subject, m.body.strip().splitlines()[-1]) for m in mailoutbox}
    assert (
        settings.SECRETARIAT_EMAIL,
        "Submitted: the regional review report of Economic Commission for Europe "
        "(Regional reviews of the GCM 2024–2025)",
        "https://portal.example/en/workspace/regional/regional-2024/ECE/",
    ) in sent
    assert (
        report.author.email,
        "Published: the regional review report of Economic Commission for Europe "
        "(Regional reviews of the GCM 2024–2025)",
        "https://portal.example/en/workspace/regional/regional-2024/ECE/",
    ) in sent
    assert (
        regional_input.author.email,
        "Published: the regional input (Annex 3) of Migrant Rights Network "
        "(Regional reviews of the GCM 2024–2025)",
        f"https://portal.example/en/workspace/regional/regional-2024/ECE/inputs/"
        f"{regional_input.pk}/",
    ) in sent
