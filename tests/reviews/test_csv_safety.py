"""CSV exports open safely in a spreadsheet: a cell a spreadsheet would read as a formula
(OWASP "CSV injection": it starts with =, +, -, @, a tab or a carriage return) is prefixed with
a single quote, in the open data CSV and in the secretariat's audit trail."""

import csv
import io

import pytest

from reviews.csvsafe import safe_cell
from reviews.models import ModerationEvent, PublishedPart
from tests.publishing import published_review

DANGEROUS = ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@SUM(A1:A2)", "\tx", "\rx"]


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode(), newline="")))


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_cell_read_as_a_formula_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "", " =1", "1-2", "a@b.org", 7, -2, None, True])
def test_other_cells_are_kept_as_they_are(value):
    assert safe_cell(value) == value


def test_open_data_renderer_neutralises_every_cell_but_keeps_numbers():
    from reviews.api.views import OpenDataCSVRenderer

    rows = [{"name": "=1+1", "codes": ["@A", "B"], "count": -2, "text": "-2"}]
    body = OpenDataCSVRenderer().render(
        rows, renderer_context={"header": ["name", "codes", "count", "text"]}
    )
    assert list(csv.reader(io.StringIO(body.decode(), newline=""))) == [
        ["name", "codes", "count", "text"],
        ["'=1+1", "'@A; B", "-2", "'-2"],
    ]


@pytest.mark.django_db
def test_objective_entries_csv_neutralises_formulas(client):
    narratives = DANGEROUS[:4]
    review = published_review(
        "GHA",
        objectives={n: ("under_way", text) for n, text in enumerate([*narratives, "y"], 1)},
    )
    # A leading tab cannot survive Markdown into the published text (it starts a code block);
    # the export must not rely on that.
    PublishedPart.objects.filter(document=review, kind="objective", number=5).update(text="\tx")
    rows = rows_of(client.get("/api/v1/objective-entries/?format=csv&state=GHA"))
    text = rows[0].index("text")
    assert [row[text] for row in rows[1:]] == ["'" + value for value in DANGEROUS[:5]]


@pytest.mark.django_db
def test_audit_trail_csv_neutralises_formulas(client, secretariat_user, audit_trail_unlocked):
    review = published_review("GHA")
    ModerationEvent.objects.filter(document=review).delete()
    for comment in [*DANGEROUS, "Fine text."]:
        # Test set-up only: the audit trail is written by reviews.workflow, which strips
        # comments; the export must be safe whatever a row holds.
        ModerationEvent.objects.create(
            document=review, action="comment", from_status="published", to_status="published",
            actor=secretariat_user, comment=comment,
        )  # fmt: skip
    client.force_login(secretariat_user)
    rows = rows_of(client.get("/en/secretariat/audit/?format=csv"))
    comment = rows[0].index("comment")
    assert sorted(row[comment] for row in rows[1:]) == sorted(
        ["'" + value for value in DANGEROUS] + ["Fine text."]
    )
