"""The balance dashboard of an event (stakeholders.balance, stakeholders.charts)."""

from datetime import date

import pytest
from django.utils import timezone

from reviews.models import CategoryChange, StakeholderCategory
from stakeholders.balance import balance
from stakeholders.charts import bar_chart
from stakeholders.models import AccreditationApplication, Organization, Registration
from tests.personas import focal_point_of, secretariat_member
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

R = Registration
URL = "/en/secretariat/events/forum/balance/"


@pytest.fixture
def event():
    # Afghanistan leaves the LDC category a month before the event (test data, not history):
    # on the event's first day it counts as an LLDC only.
    CategoryChange.objects.create(
        member_state_id="AFG", category="ldc", member=False, effective_on=date(2026, 6, 1)
    )
    event = EventFactory(slug="forum", starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 2))
    migrants = StakeholderCategory.objects.get(key="migrants")
    approved = {"event": event, "status": R.Status.APPROVED, "category": migrants}
    RegistrationFactory(**approved, residence_id="CHE", gender="woman", age_group="25-34",
                        organization="Org A")  # fmt: skip
    RegistrationFactory(**approved, residence_id="TUR", gender="man", organization=" org  a",
                        travel=R.Travel.GRANTED, level=R.Level.GLOBAL)  # fmt: skip
    RegistrationFactory(**approved, residence_id="AFG", age_group="18-24", organization="Org B",
                        travel=R.Travel.REQUESTED)  # fmt: skip
    # Erased after the event: the name and address are gone, what is counted stays.
    RegistrationFactory(**approved, residence_id="FJI", gender="other", organization="Org C",
                        full_name="", email="", erased_at=timezone.now())  # fmt: skip
    RegistrationFactory(event=event, status=R.Status.PENDING, residence_id="CHE")
    return event


def rows(figures, key):
    return next(d for d in figures["dimensions"] if d.key == key).rows


def test_balance_counts_approved_registrations_by_every_dimension(event):
    figures = balance(event)
    assert (figures["total"], figures["organizations"]) == (4, 3)
    assert rows(figures, "commission") == [
        ("ECA", 0),
        ("ECE", 2),
        ("ECLAC", 1),
        ("ESCAP", 3),
        ("ESCWA", 0),
    ]
    assert rows(figures, "group") == [
        ("African States", 0), ("Asia-Pacific States", 2), ("Eastern European States", 0),
        ("Latin American and Caribbean States", 0), ("Western European and other States", 2),
        ("No regional group", 0),
    ]  # fmt: skip
    assert rows(figures, "gender") == [
        ("Woman", 1),
        ("Man", 1),
        ("Another gender identity", 1),
        ("Not given", 1),
    ]
    assert rows(figures, "age") == [
        ("18 to 24", 1), ("25 to 34", 1), ("35 to 49", 0), ("50 to 64", 0), ("65 or older", 0),
        ("Not given", 2),
    ]  # fmt: skip
    assert rows(figures, "development") == [
        ("LDC", 0),
        ("LLDC", 1),
        ("SIDS", 1),
        ("None of these", 2),
    ]
    assert rows(figures, "travel") == [
        ("Not requested", 2),
        ("Requested", 1),
        ("Granted", 1),
        ("Not granted", 0),
    ]
    assert rows(figures, "level") == [("Global", 1), ("Regional", 0), ("National", 3)]
    assert rows(figures, "category")[0] == ("Migrants", 4)


def test_ldc_status_is_judged_on_the_event_first_day(event):
    event.starts_on, event.ends_on = date(2026, 5, 5), date(2026, 5, 6)  # before the change
    assert rows(balance(event), "development") == [
        ("LDC", 1),
        ("LLDC", 1),
        ("SIDS", 1),
        ("None of these", 2),
    ]


def test_dashboard_page_shows_tables_and_accessible_charts(client, event):
    client.force_login(secretariat_member())
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "4 approved registrations, from 3 organizations." in page
    assert '<tr><th scope="row">ESCAP</th><td>3</td></tr>' in page
    assert "A State can belong to more than one regional commission" in page
    assert page.count('<svg role="img"') == 11  # 8 of people, 3 of organizations
    assert '<title id="commission-title">Regional commission (of the country of residence)' in page
    assert '<desc id="commission-desc">ECA: 0; ECE: 2; ECLAC: 1; ESCAP: 3; ESCWA: 0</desc>' in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_bar_lengths_follow_the_counts():
    chart = bar_chart("Gender", [("Woman", 3), ("Man", 1), ("Not given", 0)])
    assert [(b.label, b.width) for b in chart["bars"]] == [
        ("Woman", 350),
        ("Man", 117),
        ("Not given", 0),
    ]
    assert chart["height"] == 8 + 3 * 30
    assert bar_chart("Empty", [("Woman", 0)])["bars"][0].width == 0  # no division by zero


def test_dashboard_costs_the_same_queries_whatever_the_registrations(
    client, event, django_assert_max_num_queries
):
    client.force_login(secretariat_member())
    client.get(URL)  # the session and the user are read once
    with django_assert_max_num_queries(20) as small:
        client.get(URL)
    for n in range(12):
        RegistrationFactory(event=event, status=R.Status.APPROVED,
                            residence_id=("BGD", "TUR", "NPL", "FJI")[n % 4])  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = client.get(URL).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "16 approved registrations" in page


def test_dashboard_is_for_the_secretariat_only(client, event):
    assert client.get(URL).status_code == 302
    client.force_login(focal_point_of("MEX"))
    assert client.get(URL).status_code == 403
    client.force_login(secretariat_member())
    assert client.get("/en/secretariat/events/no-such-event/balance/").status_code == 404


# --- organisations (issue 19) ------------------------------------------------------------------


@pytest.fixture
def organizations_event():
    """Five organisations among the approved registrations, of every track."""
    event = EventFactory(slug="forum")
    civil, migrants, academia = (
        StakeholderCategory.objects.get(key=key)
        for key in ("civil_society", "migrants", "academia")
    )
    ecosoc = Organization.objects.create(
        name="Migrant Voices", category=civil, headquarters_id="SEN", ecosoc_status="special"
    )
    gcm = Organization.objects.create(
        name="Bridges", category=migrants, headquarters_id="TUR", gcm_accredited=True
    )
    special = Organization.objects.create(name="Caravana", category=academia)
    AccreditationApplication.objects.create(
        organization=special,
        event=event,
        purpose="p",
        relevance="r",
        language="en",
        status="accredited",
    )
    # Applied to another edition only: not accredited for this one.
    elsewhere = Organization.objects.create(name="Elsewhere", category=civil, headquarters_id="MEX")
    AccreditationApplication.objects.create(
        organization=elsewhere,
        event=EventFactory(),
        purpose="p",
        relevance="r",
        language="en",
        status="accredited",
    )
    approved = {"event": event, "status": R.Status.APPROVED, "category": migrants}
    RegistrationFactory(**approved, organization_record=ecosoc, organization="Migrant Voices")
    # No record, but the name of one: counted as that organisation.
    RegistrationFactory(**approved, organization="MIGRANT voices")
    # Erased: the record stays, so the organisation is still counted once.
    RegistrationFactory(
        **approved,
        organization_record=ecosoc,
        organization="",
        full_name="",
        email="",
        erased_at=timezone.now(),
    )
    RegistrationFactory(**approved, organization_record=gcm, organization="Bridges")
    RegistrationFactory(**approved, organization_record=special, organization="Caravana")
    RegistrationFactory(**approved, organization_record=elsewhere, organization="Elsewhere")
    RegistrationFactory(**{**approved, "category": academia}, organization="Org Z")
    RegistrationFactory(**approved, organization=" org-z ")
    RegistrationFactory(event=event, status=R.Status.PENDING, organization="Pending Org")
    return event


def org_rows(figures, key):
    return next(d for d in figures["organization_dimensions"] if d.key == key).rows


def test_balance_counts_distinct_organizations_by_track_type_and_region(organizations_event):
    figures = balance(organizations_event)
    assert (figures["total"], figures["organizations"]) == (8, 5)
    assert org_rows(figures, "org-track") == [
        ("In consultative status with ECOSOC", 1),
        ("Accredited to the GCM process before", 1),
        ("Special accreditation for this event", 1),
        ("Not accredited, or not known", 2),
    ]
    types = dict(org_rows(figures, "org-type"))
    assert (types["Civil society"], types["Migrants"], types["Academia"]) == (2, 1, 2)
    assert sum(types.values()) == 5
    # Senegal: ECA; Türkiye: ECE, ECLAC and ESCAP; Mexico: ECLAC; no headquarters: not known.
    assert org_rows(figures, "org-region") == [
        ("ECA", 1), ("ECE", 1), ("ECLAC", 2), ("ESCAP", 1), ("ESCWA", 0), ("Not known", 2),
    ]  # fmt: skip


def test_dashboard_page_shows_the_organizations(client, organizations_event):
    client.force_login(secretariat_member())
    page = client.get(URL).content.decode()
    assert "8 approved registrations, from 5 organizations." in page
    assert '<tr><th scope="row">Not accredited, or not known</th><td>2</td></tr>' in page
    assert '<th scope="col">Organizations by type</th><th scope="col">Organizations</th>' in page
    assert page.count('<svg role="img"') == 11


def test_organization_counts_cost_the_same_queries_whatever_their_number(
    client, organizations_event, django_assert_max_num_queries
):
    client.force_login(secretariat_member())
    client.get(URL)
    with django_assert_max_num_queries(30) as small:
        client.get(URL)
    for n in range(6):
        record = Organization.objects.create(
            name=f"More {n}", category=StakeholderCategory.objects.get(key="media"),
            headquarters_id=("BGD", "TUR", "FJI")[n % 3], ecosoc_status="roster",
        )  # fmt: skip
        RegistrationFactory(event=organizations_event, status=R.Status.APPROVED,
                            organization_record=record)  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = client.get(URL).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "14 approved registrations, from 11 organizations." in page
