"""The reporters' workspace: a regional review report and an Annex 3 input drafted on the
shared machinery (parts, autosave, conflicts, submission rules of their kind)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from regional import participants
from regional.drafting import start_regional_input, start_report
from regional.models import (
    RegionalInput,
    RegionalMeeting,
    RegionalProcess,
    RegionalReviewReport,
)
from reviews.content import snapshot
from reviews.editing import EditRefused, save_part
from reviews.models import Attachment, RegionalCommission, ReviewCycle
from tests.factories import UserFactory
from tests.personas import focal_point_of, reporter_of
from tests.regional.test_synthesis import published

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/regional/regional-2024/ECE/"


@pytest.fixture
def cycle():
    cycle = ReviewCycle.objects.get(slug="regional-2024")
    cycle.is_open = True
    cycle.save(update_fields=["is_open"])
    return cycle


@pytest.fixture
def meeting(cycle):
    return RegionalMeeting.objects.create(
        commission=RegionalCommission.objects.get(code="ECE"),
        cycle=cycle,
        title="Regional review of the GCM in the UNECE region",
        starts_on=date(2024, 11, 14),
        ends_on=date(2024, 11, 15),
        mode=RegionalMeeting.Mode.HYBRID,
        place="Geneva",
    )


@pytest.fixture
def reporter(db):
    return reporter_of(commission="ECE", full_name="Rita Reporter")


@pytest.fixture
def report(meeting, reporter):
    return start_report(meeting, by=reporter)


def fill(report, by, texts):
    for number, text in texts.items():
        report = save_part(report, f"section-{number}", {"text": text}, by=by,
                           base_version=report.version, kind="save")  # fmt: skip
    return report


# --- starting --------------------------------------------------------------------------------


def test_a_reporter_starts_the_bodys_report_once(client, meeting, reporter):
    client.force_login(reporter)
    first = client.post(BASE + "start/")
    second = client.post(BASE + "start/")
    assert (first.status_code, first["Location"]) == (302, BASE)
    assert second["Location"] == BASE
    assert RegionalReviewReport.objects.filter(authored_by="ECE").count() == 1


def test_no_report_before_the_meeting_exists(client, cycle, reporter):
    client.force_login(reporter)
    assert client.post(BASE + "start/").status_code == 404
    assert RegionalReviewReport.objects.count() == 0


def test_no_report_while_the_regional_cycle_is_closed(meeting, reporter):
    ReviewCycle.objects.filter(slug="regional-2024").update(is_open=False)
    meeting.cycle.refresh_from_db()
    with pytest.raises(EditRefused):
        start_report(meeting, by=reporter)


# --- who sees the workspace ------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona",
    [
        lambda: reporter_of(commission="ECA"),
        lambda: focal_point_of("FRA"),
    ],
    ids=["another_bodys_reporter", "focal_point"],
)
@pytest.mark.parametrize("page", ["", "section/1/", "objectives/", "synthesis/", "attachments/"])
def test_the_workspace_is_404_to_others(client, report, persona, page):
    client.force_login(persona())
    assert client.get(BASE + page).status_code == 404


def test_another_bodys_reporter_cannot_autosave(client, report):
    client.force_login(reporter_of(commission="ECA"))
    response = client.post(BASE + "autosave/section-1/", {"text": "x", "version": report.version})
    assert response.status_code == 404
    assert RegionalReviewReport.objects.get(pk=report.pk).section_1 == ""


# --- the overview ----------------------------------------------------------------------------


def test_overview_shows_the_guidance_of_every_section(client, report, reporter):
    client.force_login(reporter)
    page = client.get(BASE).content.decode()
    for label, title in [
        ("(i)", "Introduction"),
        ("(ii)", "Executive summary"),
        ("(iii)", "Key findings"),
        ("(iv)", "Selected good practices and lessons learned"),
        ("(v)", "Conclusions and recommendations"),
        ("(vi)", "Annex: organization of work and list of participants"),
    ]:
        assert f"{label} {title}</a>" in page
    assert "Regional overview and background." in page
    assert "The organization of work of the meeting and the list of participants." in page


def test_overview_shows_the_due_date_and_the_days_left(client, report, reporter, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2025, 1, 5))
    client.force_login(reporter)
    page = client.get(BASE).content.decode()
    assert '<p id="due-date" class="">Due on 15 January 2025 (in 10 days)</p>' in page


def test_overview_says_overdue_after_the_due_date(client, report, reporter, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2025, 1, 18))
    client.force_login(reporter)
    page = client.get(BASE).content.decode()
    assert (
        '<p id="due-date" class="text-danger fw-bold">Due on 15 January 2025 (3 days overdue)</p>'
        in page
    )


def test_section_editor_shows_its_guidance_and_no_limit(client, report, reporter):
    client.force_login(reporter)
    page = client.get(BASE + "section/3/").content.decode()
    assert "Issues and priorities of regional importance" in page
    assert "The framework suggests no length for this part." in page
    assert 'data-limit=""' in page


# --- drafting ------------------------------------------------------------------------------


def test_autosave_of_a_section_through_the_view_uses_at_most_15_queries(
    client, report, reporter, django_assert_max_num_queries
):
    client.force_login(reporter)
    with django_assert_max_num_queries(15):
        response = client.post(
            BASE + "autosave/section-1/", {"text": "Typed.", "version": report.version}
        )
    assert (response.status_code, response.json()["version"]) == (200, report.version + 1)
    saved = RegionalReviewReport.objects.get(pk=report.pk)
    assert saved.section_1 == "Typed."
    assert saved.revisions.order_by("-number").first().content == snapshot(saved)


def test_a_stale_save_gets_the_conflict_page_with_the_text_kept(client, report, reporter):
    colleague = reporter_of(commission="ECE")
    stale = report.version
    fill(report, colleague, {1: "The colleague's introduction."})
    client.force_login(reporter)
    response = client.post(BASE + "section/1/", {"text": "My introduction.", "version": stale})
    assert response.status_code == 409
    page = response.content.decode()
    assert "My introduction.</textarea>" in page
    assert "The colleague&#x27;s introduction." in page
    assert RegionalReviewReport.objects.get(pk=report.pk).section_1 == (
        "The colleague's introduction."
    )


def test_objectives_addressed_are_a_part_that_saves_and_versions(client, report, reporter):
    client.force_login(reporter)
    page = client.get(BASE + "objectives/").content.decode()
    assert page.count("<legend") == 4  # one group per IMRF round table
    response = client.post(
        BASE + "objectives/", {"objectives": ["5", "12"], "version": report.version}
    )
    assert response.status_code == 302
    saved = RegionalReviewReport.objects.get(pk=report.pk)
    assert sorted(saved.objectives_addressed.values_list("number", flat=True)) == [5, 12]
    assert saved.part_versions["objectives"] == report.version + 1


def test_insert_synthesis_appends_the_tables_to_key_findings(client, report, reporter):
    published("FRA", {5: ("achieved", "x")}, priorities={5: 2})
    report = fill(report, reporter, {3: "Our findings."})
    client.force_login(reporter)
    response = client.post(BASE + "synthesis/insert/", {"version": report.version})
    assert (response.status_code, response["Location"]) == (302, BASE + "section/3/")
    text = RegionalReviewReport.objects.get(pk=report.pk).section_3
    assert text.startswith("Our findings.\n\nImplementation status reported in 1 published")
    assert text.count("**Round table ") == 4
    row = next(line for line in text.splitlines() if line.startswith("| 5. "))
    assert row.split("|")[2:8] == [" 1 ", " 0 ", " 0 ", " 0 ", " 0 ", " 2 "]


def test_insert_synthesis_from_a_stale_page_gets_the_conflict_page(client, report, reporter):
    stale = report.version
    fill(report, reporter_of(commission="ECE"), {3: "A colleague's findings."})
    client.force_login(reporter)
    response = client.post(BASE + "synthesis/insert/", {"version": stale})
    assert response.status_code == 409
    assert f'action="{BASE}section/3/"' in response.content.decode()
    assert RegionalReviewReport.objects.get(pk=report.pk).section_3 == "A colleague's findings."


def test_synthesis_panel_draws_a_chart_per_round_table(client, report, reporter):
    published("FRA", {5: ("achieved", "x")})
    client.force_login(reporter)
    page = client.get(BASE + "synthesis/").content.decode()
    assert page.count('<table class="table table-sm status-chart synthesis-table">') == 4
    assert '<rect class="bar-achieved" x="0" y="0" height="10" width="100"></rect>' in page
    assert "style=" not in page.split("<main", 1)[-1]


# --- submitting ------------------------------------------------------------------------------


def test_submit_refused_listing_the_empty_sections(client, report, reporter):
    report = fill(report, reporter, {1: "Intro.", 3: "Findings."})
    client.force_login(reporter)
    response = client.post(BASE + "submit/")
    assert response.status_code == 400
    page = response.content.decode()
    problems = page.split('id="submission-problems"', 1)[1].split("</ul>", 1)[0]
    assert problems.count("<li>") == 3
    for label, title in [
        ("(ii)", "Executive summary"),
        ("(iv)", "Selected good practices and lessons learned"),
        ("(v)", "Conclusions and recommendations"),
    ]:
        assert f"Section {label}, “{title}”, is empty." in problems
    assert RegionalReviewReport.objects.get(pk=report.pk).status == "draft"


def test_submit_without_the_annex_is_accepted(client, report, reporter):
    fill(report, reporter, {n: f"Part {n}." for n in range(1, 6)})
    client.force_login(reporter)
    response = client.post(BASE + "submit/")
    assert (response.status_code, response["Location"]) == (302, BASE)
    assert RegionalReviewReport.objects.get(pk=report.pk).status == "submitted"


def test_the_overviews_submit_button_posts_to_submit(client, report, reporter):
    # It posted to the overview itself, which answered 200 and submitted nothing. Submitting now
    # asks first: the button leads to the submit address's confirmation page, whose form posts
    # there.
    client.force_login(reporter)
    page = client.get(BASE).content.decode()
    assert f'<a href="{BASE}submit/" class="btn btn-primary">' in page
    confirm = client.get(f"{BASE}submit/").content.decode()
    assert f'<form method="post" action="{BASE}submit/"' in confirm
    assert RegionalReviewReport.objects.get(pk=report.pk).status == "draft"


def test_the_reporter_withdraws_and_reopens(client, report, reporter):
    client.force_login(reporter)
    client.post(BASE + "action/withdraw/", {"version": report.version})
    assert RegionalReviewReport.objects.get(pk=report.pk).status == "withdrawn"
    client.post(BASE + "action/reopen/", {"version": report.version + 1})
    assert RegionalReviewReport.objects.get(pk=report.pk).status == "draft"


def test_the_outcome_document_is_attached(client, report, reporter):
    client.force_login(reporter)
    pdf = SimpleUploadedFile("outcome.pdf", b"%PDF-1.4 outcome")
    response = client.post(BASE + "attachments/", {"kind": "outcome", "file": pdf})
    assert response.status_code == 302
    [attachment] = Attachment.objects.filter(document=report)
    assert (attachment.kind, attachment.original_name) == ("outcome", "outcome.pdf")
    assert "outcome.pdf" in client.get(BASE).content.decode()


# --- snapshots -----------------------------------------------------------------------------


def test_snapshot_of_a_report_is_the_agreed_format(report, reporter):
    report = fill(report, reporter, {1: "Intro.", 6: "Annex."})
    report.objectives_addressed.set([12, 5])
    assert snapshot(report) == {
        "language": "en",
        "sections": {"1": "Intro.", "2": "", "3": "", "4": "", "5": "", "6": "Annex."},
        "objectives": [5, 12],
        "attachments": [],
    }


# --- Annex 3 inputs ------------------------------------------------------------------------


@pytest.fixture
def process(db):
    process = RegionalProcess.objects.create(
        slug="budapest-process", name="Budapest Process",
        kind=RegionalProcess.Kind.CONSULTATIVE_PROCESS,
    )  # fmt: skip
    return process


@pytest.fixture
def process_reporter(process):
    return reporter_of(process=process, full_name="Paul Process")


def ece_input(cycle, process, by):
    return start_regional_input(
        commission=RegionalCommission.objects.get(code="ECE"), cycle=cycle, by=by, process=process
    )


def test_a_process_reporter_starts_an_input_for_its_process(client, cycle, process,
                                                            process_reporter):  # fmt: skip
    client.force_login(process_reporter)
    response = client.post(BASE + "inputs/start/", {"process": "budapest-process"})
    regional_input = RegionalInput.objects.get()
    assert response["Location"] == f"{BASE}inputs/{regional_input.pk}/"
    assert (regional_input.process, regional_input.commission.code) == (process, "ECE")


def test_another_process_reporter_cannot_start_its_input(client, cycle, process):
    other = RegionalProcess.objects.create(
        slug="rabat-process", name="Rabat Process", kind=RegionalProcess.Kind.CONSULTATIVE_PROCESS
    )
    client.force_login(reporter_of(process=other))
    assert client.post(BASE + "inputs/start/", {"process": "budapest-process"}).status_code == 404
    assert RegionalInput.objects.count() == 0


def test_input_drafting_with_practices_and_needs(client, cycle, process, process_reporter):
    regional_input = ece_input(cycle, process, process_reporter)
    url = f"{BASE}inputs/{regional_input.pk}/"
    client.force_login(process_reporter)
    for number in range(1, 6):
        regional_input.refresh_from_db()
        client.post(
            f"{url}section/{number}/", {"text": f"({number})", "version": regional_input.version}
        )
    regional_input.refresh_from_db()
    response = client.post(f"{url}practices/", {
        "version": regional_input.version,
        "practices-TOTAL_FORMS": "2", "practices-INITIAL_FORMS": "0",
        "practices-0-title": "One-stop shops", "practices-0-description": "Centres for all.",
        "practices-0-objectives": ["5", "16"], "practices-0-present_at_imrf": "on",
        "practices-1-title": "", "practices-1-description": "",
    })  # fmt: skip
    assert response.status_code == 302
    regional_input.refresh_from_db()
    response = client.post(f"{url}needs/", {
        "version": regional_input.version,
        "needs-TOTAL_FORMS": "2", "needs-INITIAL_FORMS": "0",
        "needs-0-area": "data", "needs-0-objective": "1", "needs-0-note": "Surveys.",
        "needs-1-area": "finance", "needs-1-principle": "gender_responsive",
    })  # fmt: skip
    assert response.status_code == 302
    regional_input.refresh_from_db()
    client.post(f"{url}principles/", {"version": regional_input.version,
                                      "principles": ["gender_responsive"]})  # fmt: skip
    regional_input = RegionalInput.objects.get(pk=regional_input.pk)
    assert snapshot(regional_input) == {
        "language": "en",
        "sections": {str(n): f"({n})" for n in range(1, 6)},
        "principles": ["gender_responsive"],
        "practices": [{"title": "One-stop shops", "description": "Centres for all.",
                       "objectives": [5, 16], "present_at_imrf": True}],
        "needs": [
            {"area": "data", "objective": 1, "principle": None, "note": "Surveys."},
            {"area": "finance", "objective": None, "principle": "gender_responsive", "note": ""},
        ],
        "attachments": [],
    }  # fmt: skip
    # Each part's save recorded the whole input, as a full snapshot reads it.
    assert regional_input.revisions.order_by("-number").first().content == snapshot(regional_input)
    assert client.post(f"{url}submit/")["Location"] == url
    assert RegionalInput.objects.get(pk=regional_input.pk).status == "submitted"


def test_a_support_need_without_an_objective_or_principle_is_refused_at_the_field(
    client, cycle, process, process_reporter
):
    regional_input = ece_input(cycle, process, process_reporter)
    client.force_login(process_reporter)
    response = client.post(f"{BASE}inputs/{regional_input.pk}/needs/", {
        "version": regional_input.version, "needs-TOTAL_FORMS": "1", "needs-INITIAL_FORMS": "0",
        "needs-0-area": "data",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Name an objective or a guiding principle." in response.content.decode()


def test_input_submit_refused_listing_its_empty_parts(client, cycle, process, process_reporter):
    regional_input = ece_input(cycle, process, process_reporter)
    client.force_login(process_reporter)
    response = client.post(f"{BASE}inputs/{regional_input.pk}/submit/")
    assert response.status_code == 400
    assert "Section (e), “Where the region needs support”, is empty." in response.content.decode()


def test_an_invited_author_may_start_an_organizations_input(cycle):
    author = UserFactory()
    regional_input = start_regional_input(
        commission=RegionalCommission.objects.get(code="ECE"), cycle=cycle, by=author,
        organization="Migrant Rights Network", authors=[author],
    )  # fmt: skip
    assert list(regional_input.authors.all()) == [author]
    assert regional_input.authored_by == "ECE:org-Migrant Rights Network"
    with pytest.raises(EditRefused):
        start_regional_input(commission=regional_input.commission, cycle=cycle,
                             by=UserFactory(), organization="Another")  # fmt: skip


def test_snapshot_of_an_empty_input_is_the_agreed_format(cycle, process, process_reporter):
    regional_input = ece_input(cycle, process, process_reporter)
    assert snapshot(regional_input) == {
        "language": "en",
        "sections": {"1": "", "2": "", "3": "", "4": "", "5": ""},
        "principles": [],
        "practices": [],
        "needs": [],
        "attachments": [],
    }


def test_the_report_workspace_says_where_the_participants_will_come_from(
    client, report, reporter, monkeypatch
):
    monkeypatch.setattr(participants, "_SOURCES", [])
    client.force_login(reporter)
    assert "once event registration opens on the portal" in client.get(BASE).content.decode()
    participants.register_participants_source(lambda meeting: [{"name": "A", "country": "Chile"}])
    page = client.get(BASE).content.decode()
    assert "1 approved participant agreed to be listed." in page
    assert "once event registration opens" not in page
