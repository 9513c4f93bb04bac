"""Who takes part in an event (stakeholders.participants), and the wiring of gcm_portal that
links the stakeholders' events with the regional app's meetings and reports."""

from datetime import date

import pytest

from regional import participants as regional_participants
from regional.models import RegionalMeeting
from reviews.models import ReviewCycle
from stakeholders import meetings, participants
from stakeholders.models import Event, Registration
from tests.regional.publishing import meeting as regional_meeting
from tests.regional.publishing import published_report
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def ece_event(**fields):
    return EventFactory(
        slug="ece-2024", kind=Event.Kind.REGIONAL, body="ECE",
        cycle=ReviewCycle.objects.get(slug="regional-2024"),
        starts_on=date(2024, 11, 14), ends_on=date(2024, 11, 15), **fields,
    )  # fmt: skip


def test_the_wiring_registers_both_sources():
    from gcm_portal.apps import regional_meetings  # the function gcm_portal registers

    assert regional_meetings in meetings._SOURCES
    assert participants.for_meeting in regional_participants._SOURCES


def test_a_consenting_approved_participant_appears_in_the_regional_report_list():
    meeting = regional_meeting("ECE")
    event = ece_event()
    RegistrationFactory(event=event, status=Status.APPROVED, full_name="Zoë Ortiz",
                        organization="Migrant Forum", residence_id="CHE",
                        consent_public_list=True)  # fmt: skip
    RegistrationFactory(event=event, status=Status.APPROVED, full_name="Not Listed",
                        consent_public_list=False)  # fmt: skip
    RegistrationFactory(event=event, status=Status.PENDING, full_name="Still Pending",
                        consent_public_list=True)  # fmt: skip
    # The same body's meeting in another cycle, and another body's event: not this meeting.
    other = EventFactory(kind=Event.Kind.REGIONAL, body="ECA",
                         cycle=ReviewCycle.objects.get(slug="regional-2024"))  # fmt: skip
    RegistrationFactory(event=other, status=Status.APPROVED, full_name="Other Body",
                        consent_public_list=True)  # fmt: skip
    assert regional_participants.participants_of(meeting) == [
        {"name": "Zoë Ortiz", "organization": "Migrant Forum", "country": "Switzerland"}
    ]


def test_an_erased_registration_is_never_listed():
    event = EventFactory()
    RegistrationFactory(event=event, status=Status.APPROVED, full_name="Erased",
                        consent_public_list=True, erased_at=event.registration_opens)  # fmt: skip
    assert participants.public_participants(event) == []
    assert participants.organizations(event) == []


def test_organizations_are_named_once_whatever_the_spelling():
    event = EventFactory()
    RegistrationFactory(event=event, status=Status.APPROVED, organization="City of Geneva")
    RegistrationFactory(event=event, status=Status.APPROVED, organization="  city of  GENEVA")
    RegistrationFactory(event=event, status=Status.APPROVED, organization="Ａｍｎｅｓｔｙ")
    RegistrationFactory(event=event, status=Status.APPROVED, organization="amnesty")
    RegistrationFactory(event=event, status=Status.REJECTED, organization="Rejected Org")
    assert participants.organizations(event) == [
        {"name": "City of Geneva", "category": "Migrants"},
        {"name": "Ａｍｎｅｓｔｙ", "category": "Migrants"},  # the first spelling registered
    ]


def test_the_meetings_registry_finds_the_meeting_of_an_event():
    regional_meeting("ECE", title="UNECE regional review 2024", place="Geneva")
    found = meetings.meeting_for(ece_event())
    assert (found["title"], found["venue"], found["body"], found["mode"]) == (
        "UNECE regional review 2024",
        "Geneva",
        "ECE",
        RegionalMeeting.Mode.HYBRID,
    )
    assert meetings.meeting_for(EventFactory()) is None  # an IMRF names no meeting


def test_the_event_page_links_the_meeting_and_its_published_report(client):
    report = published_report("ECE")
    ece_event()
    page = client.get("/en/events/ece-2024/").content.decode()
    assert "Regional review meeting: Regional review of the GCM in the ECE region" in page
    assert '<a href="/en/regional/regional-2024/ECE/">The regional review report</a>' in page
    assert report.published_at is not None


def test_no_report_link_while_the_report_is_unpublished(client):
    from tests.regional.publishing import draft_report  # only this test drafts one

    draft_report("ECE")
    ece_event()
    page = client.get("/en/events/ece-2024/").content.decode()
    assert "Regional review meeting: Regional review of the GCM in the ECE region" in page
    assert "The regional review report" not in page
