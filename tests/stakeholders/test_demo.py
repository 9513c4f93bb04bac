"""The stakeholders part of `seed_demo` (stakeholders.demo): events and registrations made
through the portal's doors, and nothing new on a second run."""

import io
from collections import Counter
from datetime import date

import pytest

from stakeholders import demo, demo_accreditation
from stakeholders.models import (
    AccreditationApplication,
    AccreditationLog,
    Event,
    Objection,
    Organization,
    Pledge,
    Registration,
    RegistrationLog,
)
from tests.personas import focal_point_of, secretariat_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path
    secretariat = secretariat_member()
    # seed_demo's focal point for Mexico (and the Philippines): objects and pledges.
    focal_point_of("MEX", email=demo_accreditation.FOCAL_POINT)
    out = io.StringIO()
    demo.seed(out, secretariat=secretariat)
    return secretariat, out.getvalue()


def test_imrf_event_has_registrations_in_every_state(seeded):
    _secretariat, out = seeded
    imrf = Event.objects.get(slug="imrf-2026")
    assert (imrf.kind, imrf.cycle.slug, imrf.starts_on) == ("imrf", "imrf-2026", date(2026, 5, 5))
    statuses = Counter(imrf.registrations.values_list("status", flat=True))
    assert statuses == {
        "unverified": 1,
        "pending": 3,
        "approved": 5,
        "waitlisted": 2,
        "rejected": 1,
    }
    assert set(imrf.registrations.values_list("language", flat=True)) == {
        "ar", "en", "es", "fr", "ru", "zh-hans",
    }  # fmt: skip
    granted = imrf.registrations.get(travel=Registration.Travel.GRANTED)
    assert (granted.residence_id, granted.subsistence_days, granted.travel_priority) == (
        "NPL",
        4,
        True,
    )
    assert imrf.registrations.filter(status="approved", consent_public_list=False).count() == 1
    # Statuses were reached through the doors: each has its audit trail.
    assert RegistrationLog.objects.filter(registration__event=imrf, action="verified").count() == 11
    assert "Demo registrations for /en/events/imrf-2026/: 12" in out


def test_imrf_agenda_and_one_late_roundtable_note(seeded):
    imrf = Event.objects.get(slug="imrf-2026")
    assert imrf.agenda.count() == 7
    assert sorted(imrf.agenda.exclude(roundtable=None).values_list("roundtable", flat=True)) == [
        1, 2, 3, 4,
    ]  # fmt: skip
    late = [d.roundtable for d in imrf.documents.all() if d.is_late()]
    assert late == [4]


def test_ece_event_names_the_regional_meeting(seeded):
    ece = Event.objects.get(slug="ece-regional-review-2024")
    assert (ece.kind, ece.body, ece.cycle.slug) == ("regional", "ECE", "regional-2024")


def test_second_run_changes_nothing(seeded):
    secretariat, _out = seeded
    before = list(Registration.objects.order_by("pk").values())
    logs = RegistrationLog.objects.count()
    out = io.StringIO()
    demo.seed(out, secretariat=secretariat)
    assert list(Registration.objects.order_by("pk").values()) == before
    assert RegistrationLog.objects.count() == logs
    assert Event.objects.count() == 3
    assert out.getvalue() == ""


def test_the_demo_has_an_event_open_for_registration(seeded, client):
    consultation = Event.objects.get(slug="online-consultation-demo")
    assert consultation.registration_is_open()
    page = client.get("/en/events/online-consultation-demo/register/")
    assert page.status_code == 200
    assert b'name="email"' in page.content


# --- issue 19: organisations, special accreditation, pledges -------------------------------


def test_accreditation_reaches_each_outcome_through_the_door(seeded):
    _secretariat, out = seeded
    imrf = Event.objects.get(slug="imrf-2026")
    statuses = dict(
        AccreditationApplication.objects.filter(event=imrf).values_list(
            "organization__acronym", "status"
        )
    )
    assert statuses == {
        "AVM": "accredited",
        "KMRN": "accredited",
        "CFS": "not_accredited",
        "NRWF": "not_recommended",
        "PCMC": "applied",
    }
    objection = Objection.objects.get()
    assert (objection.application.organization.acronym, objection.member_state_id) == (
        "CFS",
        "MEX",
    )
    assert objection.by.email == "focal.point@example.org"
    # Each step was logged by the door: the objected one was recommended, under review, refused.
    steps = AccreditationLog.objects.filter(application__organization__acronym="CFS")
    assert [s.to_status for s in steps.exclude(action="review_notice").order_by("pk")] == [
        "unverified", "applied", "recommended", "under_review", "not_accredited",
    ]  # fmt: skip
    assert imrf.accreditation_deadline is not None and imrf.review_closed_at is not None
    assert (
        Organization.objects.get(acronym="GAMWA").ecosoc_status,
        Organization.objects.get(acronym="RELADI").gcm_accredited,
    ) == ("special", True)
    assert "Demo organisations: 2 imported; special accreditation to imrf-2026: " in out
    assert "Coalición Frontera Sur (demo) (Not accredited)" in out


def test_two_published_pledges_one_with_its_progress_report(seeded, client):
    _secretariat, out = seeded
    state = Pledge.objects.get(member_state="MEX")
    organization = Pledge.objects.get(organization__acronym="AVM")
    assert (state.status, organization.status) == ("published", "published")
    assert state.progress == "under_way"
    pledgers = organization.organization.pledgers.values_list("user__email", flat=True)
    assert list(pledgers) == ["pledger@example.org"]
    page = client.get(f"/en/pledges/{state.reference}/").content.decode()
    assert page.count('class="history-entry"') == 2
    assert "412 quejas resueltas" in page
    page = client.get(f"/en/pledges/{organization.reference}/").content.decode()
    assert page.count('class="history-entry"') == 1
    assert f"Demo pledge with a progress report: /es/pledges/{state.reference}/" in out
    assert "pledger@example.org / demo-pledges-voix-2026" in out


def test_second_run_changes_no_organisation_application_or_pledge(seeded):
    secretariat, _out = seeded
    tables = (Organization, AccreditationApplication, AccreditationLog, Objection, Pledge)
    before = [list(m.objects.order_by("pk").values()) for m in tables]
    imrf = Event.objects.filter(slug="imrf-2026").values().get()
    out = io.StringIO()
    demo.seed(out, secretariat=secretariat)
    assert [list(m.objects.order_by("pk").values()) for m in tables] == before
    assert Event.objects.filter(slug="imrf-2026").values().get() == imrf
    assert out.getvalue() == ""
