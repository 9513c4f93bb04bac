"""The workspace lists a person's national and regional work together, with due dates."""

from datetime import date

import pytest

from regional.models import RegionalReporterMembership
from regional.workspace import regional_rows
from reviews.models import RegionalCommission
from tests.personas import focal_point_of, reporter_of
from tests.regional.publishing import draft_input, meeting

pytestmark = pytest.mark.django_db


def test_a_reporter_sees_the_meetings_report_with_its_due_date(client):
    meeting("ECE")
    rita = reporter_of(commission="ECE")
    client.force_login(rita)
    page = client.get("/en/workspace/").text
    row = page[page.index("Regional review report of Economic Commission for Europe") :]
    row = row.split("</tr>")[0]
    assert "Not started" in row and "15 January 2025" in row
    assert "Your account is not a focal point" not in page


def test_national_and_regional_work_together(client):
    alice = focal_point_of("GHA")
    RegionalReporterMembership.objects.create(
        user=alice, commission=RegionalCommission.objects.get(code="ECA")
    )
    meeting("ECA")
    client.force_login(alice)
    page = client.get("/en/workspace/").text
    assert 'id="state-GHA"' in page
    assert "Regional review report of Economic Commission for Africa" in page
    assert page.index('id="state-GHA"') < page.index('id="regional-work"')


def test_an_invited_author_sees_the_input_and_nothing_of_the_commission():
    regional_input = draft_input("ECE")
    meeting("ECE")
    rows = regional_rows(regional_input.author, today=date(2025, 1, 16))
    assert [(r["kind"], r["document"]) for r in rows] == [("input", regional_input)]


def test_overdue_only_while_not_submitted():
    meeting("ECE")
    rita = reporter_of(commission="ECE")
    [before] = regional_rows(rita, today=date(2025, 1, 15))
    [after] = regional_rows(rita, today=date(2025, 1, 16))
    assert (before["overdue"], after["overdue"]) == (False, True)


def test_a_person_with_no_work_sees_the_invitation_note(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get("/en/workspace/").text
    assert "Your account is not a focal point of any Member State yet." in page
    assert 'id="regional-work"' not in page
