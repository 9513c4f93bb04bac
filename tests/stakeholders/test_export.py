"""The export of an event's participants (stakeholders.export): CSV and XLSX, read back."""

import csv
import io
import re
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest

from reviews.models import StakeholderCategory
from stakeholders.models import Registration
from tests.personas import focal_point_of, secretariat_member
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

R = Registration
URL = "/en/secretariat/events/forum/export/"


@pytest.fixture
def event():
    event = EventFactory(slug="forum", daily_subsistence_rate=Decimal("300"))
    RegistrationFactory(
        event=event, status=R.Status.APPROVED, full_name="=HYPERLINK(\"http://x\")",
        email="Amina@Example.org", organization="+Migrant Forum", residence_id="BGD",
        nationality_id="BGD", category=StakeholderCategory.objects.get(key="migrants"),
        travel=R.Travel.GRANTED, subsistence_days=4, travel_amount=Decimal("950.50"),
        decided_at=datetime(2026, 3, 2, 14, 30, tzinfo=UTC), gender="woman",
    )  # fmt: skip
    RegistrationFactory(event=event, status=R.Status.APPROVED, full_name="Bob\x01 Builder",
                        organization="@home", residence_id="CHE", nationality_id="FRA",
                        category=StakeholderCategory.objects.get(key="migrants"))  # fmt: skip
    RegistrationFactory(event=event, status=R.Status.PENDING, full_name="Pending Person")
    return event


@pytest.fixture
def secretariat(client):
    client.force_login(secretariat_member())
    return client


def query(file_format, columns, statuses=("approved",)):
    return {"columns": list(columns), "status": list(statuses), "format": file_format}


COLUMNS = ["name", "organization", "residence", "gender", "days", "amount", "decided_at"]
HEADER = [
    "Name", "Organization", "Country of residence", "Gender", "Days of subsistence granted",
    "Travel support granted (USD)", "Decided (UTC)",
]  # fmt: skip


def test_csv_has_the_chosen_columns_and_is_safe_against_formulas(secretariat, event):
    response = secretariat.get(URL, query("csv", COLUMNS))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="forum-participants.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        HEADER,
        ["'=HYPERLINK(\"http://x\")", "'+Migrant Forum", "Bangladesh", "Woman", "4", "2150.50",
         "2026-03-02 14:30"],
        ["Bob\x01 Builder", "'@home", "Switzerland", "", "", "", ""],
    ]  # fmt: skip


def test_xlsx_has_the_same_cells_escaped_and_numbers_as_numbers(secretariat, event):
    response = secretariat.get(URL, query("xlsx", COLUMNS))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="forum-participants.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "forum"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        HEADER,
        ["'=HYPERLINK(\"http://x\")", "'+Migrant Forum", "Bangladesh", "Woman", 4, 2150.5,
         "2026-03-02 14:30"],
        ["Bob Builder", "'@home", "Switzerland", None, None, None, None],
    ]  # fmt: skip
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_status_filter_chooses_the_registrations(secretariat, event):
    response = secretariat.get(URL, query("csv", ["name", "status"], ["pending"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Name", "Status"], ["Pending Person", "Waiting for a decision"]]


def test_every_column_of_the_list_exports(secretariat, event):
    from stakeholders.export import COLUMNS as ALL  # the fixed list the form offers

    response = secretariat.get(URL, query("csv", list(ALL)))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and len(rows[0]) == 19
    assert rows[0][:3] == ["Name", "E-mail address", "Organization"]
    assert rows[1][1] == "Amina@Example.org"


def test_form_without_a_choice_and_bad_choices(secretariat, event):
    page = secretariat.get(URL)
    assert page.status_code == 200
    checked = re.findall(r'name="status" value="(\w+)"\s+id="\w+" checked', page.content.decode())
    assert checked == ["approved"]
    response = secretariat.get(URL, {"columns": ["password"], "status": ["approved"],
                                     "format": "pdf"})  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "Select a valid choice. password is not one of the available choices." in text
    assert "Select a valid choice. pdf is not one of the available choices." in text


def test_export_is_for_the_secretariat_only(client, event):
    assert client.get(URL, query("csv", ["email"])).status_code == 302
    client.force_login(focal_point_of("MEX"))
    assert client.get(URL, query("csv", ["email"])).status_code == 403
