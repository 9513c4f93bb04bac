"""The stakeholders part of `seed_demo` (stakeholders.demo): events and registrations made
through the portal's doors, and nothing new on a second run."""

import io
from collections import Counter
from datetime import date

import pytest

from stakeholders import demo
from stakeholders.models import Event, Registration, RegistrationLog
from tests.personas import secretariat_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    secretariat = secretariat_member()
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
