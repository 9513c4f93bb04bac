"""The public list of organisations taking part in an IMRF edition, with counts by type and
region (issue 19 item 6)."""

import pytest
from django.urls import reverse

from stakeholders.models import AccreditationApplication, Event, Organization, Registration
from tests.stakeholders.accrediting import application, organization
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = AccreditationApplication.Status


@pytest.fixture
def event():
    return EventFactory(slug="imrf-2026")


def _url(event):
    return reverse("stakeholders:event_organizations", args=[event.slug])


def _rows(html: str, table_id: str) -> list[str]:
    """The first cell's text of each body row of one table."""
    import re  # test-only parsing

    table = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S)
    assert table, table_id
    return [
        re.sub(r"<[^>]+>", "", cells).strip()
        for cells in re.findall(r"<tr><(?:td|th)[^>]*>(.*?)</(?:td|th)>", table.group(1), re.S)
    ]


def _counts(html: str, table_id: str) -> dict[str, int]:
    import re  # test-only parsing

    table = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S)
    return {
        re.sub(r"<[^>]+>", "", label).strip(): int(count)
        for label, count in re.findall(
            r'<th scope="row">(.*?)</th><td class="text-end">(\d+)</td>', table.group(1), re.S
        )
    }


def test_only_accredited_organisations_are_listed_with_counts(client, event):
    application(event, organization("Alpha Migrants Network", country="SEN"))
    application(event, organization("Beta Research Centre", category="academia", country="TUR"))
    application(event, organization("Gamma Diaspora", country="MEX"))
    for status in (Status.APPLIED, Status.UNDER_REVIEW, Status.NOT_ACCREDITED, Status.WITHDRAWN,
                   Status.RECOMMENDED, Status.UNVERIFIED):  # fmt: skip
        application(event, organization(f"Pending {status}"), status=status)
    other_imrf = EventFactory(slug="imrf-2030")
    application(other_imrf, organization("Accredited Elsewhere"))

    response = client.get(_url(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html, "accredited") == [
        "Alpha Migrants Network",
        "Beta Research Centre",
        "Gamma Diaspora",
    ]
    assert "Pending" not in html and "Accredited Elsewhere" not in html
    assert _counts(html, "by-type") == {"Civil society": 2, "Academia": 1}
    # Türkiye is in ECE, ECLAC and ESCAP: one organisation, counted in each.
    assert _counts(html, "by-region") == {"ECA": 1, "ECE": 1, "ECLAC": 2, "ESCAP": 1}


def test_standing_tracks_listed_apart_when_people_are_approved(client, event):
    ecosoc = organization("Consultative Org", ecosoc_status=Organization.Ecosoc.SPECIAL)
    gcm = organization("Marrakech Veterans", gcm_accredited=True)
    quiet = organization("Consultative But Absent", ecosoc_status=Organization.Ecosoc.GENERAL)
    pending_only = organization("Consultative Pending", ecosoc_status=Organization.Ecosoc.ROSTER)
    plain = organization("No Track At All")
    for org in (ecosoc, gcm, plain):
        RegistrationFactory(event=event, organization_record=org,
                            status=Registration.Status.APPROVED)  # fmt: skip
    RegistrationFactory(event=event, organization_record=pending_only)
    RegistrationFactory(event=EventFactory(slug="other"), organization_record=quiet,
                        status=Registration.Status.APPROVED)  # fmt: skip

    html = client.get(_url(event)).content.decode()
    assert _rows(html, "ecosoc") == ["Consultative Org"]
    assert _rows(html, "gcm") == ["Marrakech Veterans"]
    assert 'id="no-accredited"' in html
    assert "No Track At All" not in html


def _organisations(event, n):
    for i in range(n):
        application(event, organization(f"Accredited {i}", country=("TUR", "KEN", "FRA")[i % 3]))
        org = organization(f"Standing {i}", ecosoc_status=Organization.Ecosoc.SPECIAL)
        RegistrationFactory(event=event, organization_record=org,
                            status=Registration.Status.APPROVED)  # fmt: skip


def test_constant_number_of_queries(client, event):
    _organisations(event, 1)
    from django.db import connection  # test-only: count the queries of one page
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(_url(event))
    _organisations(event, 3)
    with CaptureQueriesContext(connection) as four:
        response = client.get(_url(event))
    assert len(_rows(response.content.decode(), "accredited")) == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_not_an_imrf_or_unpublished_is_404(client):
    regional = EventFactory(kind=Event.Kind.REGIONAL)
    hidden = EventFactory(is_published=False)
    assert client.get(_url(regional)).status_code == 404
    assert client.get(_url(hidden)).status_code == 404
    assert client.post(_url(EventFactory())).status_code == 405
