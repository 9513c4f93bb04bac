"""The secretariat's event pages (stakeholders.views.event_admin, stakeholders.events) and the
public event pages (stakeholders.views.events)."""

import io
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reviews.models import ReviewCycle
from stakeholders import events as services
from stakeholders import meetings
from stakeholders.models import AgendaItem, BackgroundDocument, Event, Registration
from tests.personas import focal_point_of, secretariat_member
from tests.stakeholders.factories import (
    AgendaItemFactory,
    BackgroundDocumentFactory,
    EventFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status
NOTE = BackgroundDocument.Kind.ROUNDTABLE_NOTE


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def secretariat(client):
    client.force_login(secretariat_member())
    return client


@pytest.fixture
def one_meeting(monkeypatch):
    cycle = ReviewCycle.objects.get(slug="regional-2024")
    meeting = {
        "cycle_id": cycle.pk, "body": "ECE",
        "title": "Regional review meeting for the UNECE region",
        "starts_on": date(2024, 11, 21), "ends_on": date(2024, 11, 22),
        "venue": "Palais des Nations, Geneva", "mode": "hybrid",
    }  # fmt: skip
    monkeypatch.setattr(meetings, "_SOURCES", [lambda: [meeting]])
    return meeting


def event_post(**fields) -> dict:
    data = {
        "kind": "imrf", "title": "IMRF 2026", "slug": "imrf-2026", "description": "",
        "cycle": str(ReviewCycle.objects.get(slug="imrf-2026").pk), "meeting": "",
        "starts_on": "2026-05-05", "ends_on": "2026-05-08", "mode": "hybrid",
        "venue": "United Nations Headquarters, New York",
        "registration_opens": "2026-01-05T09:00", "registration_closes": "2026-03-31T18:00",
        "capacity": "300", "working_languages": ["en", "fr", "ar"], "travel_budget": "50000",
        "daily_subsistence_rate": "350", "privacy_notice": "We keep your data until June.",
        "is_published": "on",
        "agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "0",
        "agenda-0-position": "1", "agenda-0-title": "Round table 1", "agenda-0-roundtable": "1",
        "agenda-0-starts_at": "2026-05-05T10:00", "agenda-0-description": "",
        "documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "0",
        "documents-0-title": "", "documents-0-kind": "", "documents-0-language": "",
    }  # fmt: skip
    data.update(fields)
    return data


def xlsx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# --- who may manage events ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,post",
    [
        ("/en/secretariat/events/", 405), ("/en/secretariat/events/new/", 403),
        ("/en/secretariat/events/{slug}/", 405), ("/en/secretariat/events/{slug}/edit/", 403),
        ("/en/secretariat/events/{slug}/balance/", 405),
        ("/en/secretariat/events/{slug}/export/", 405),
    ],
)  # fmt: skip
def test_event_management_is_for_the_secretariat_only(client, path, post):
    event = EventFactory()
    url = path.format(slug=event.slug)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert client.get(url)["Location"].startswith("/en/accounts/login/")
    assert client.post(url, event_post()).status_code == 302
    client.force_login(focal_point_of("MEX"))
    assert client.get(url).status_code == 403
    assert client.post(url, event_post()).status_code == post
    client.force_login(secretariat_member())
    assert client.get(url).status_code == 200
    if "{slug}" in path:
        assert client.get(path.format(slug="no-such-event")).status_code == 404


def test_public_pages_answer_get_only(client):
    EventFactory(slug="imrf-2026")
    assert client.post("/en/events/").status_code == 405
    assert client.post("/en/events/imrf-2026/").status_code == 405


# --- creating and editing -------------------------------------------------------------------


def test_secretariat_creates_an_event_with_agenda_and_an_uploaded_pdf(secretariat):
    upload = SimpleUploadedFile("note.html", b"%PDF-1.7\n%...\n", content_type="text/html")
    response = secretariat.post(
        "/en/secretariat/events/new/",
        event_post(**{
            "documents-0-title": "Round table 1 background note", "documents-0-kind": NOTE,
            "documents-0-roundtable": "1", "documents-0-language": "fr",
            "documents-0-file": upload, "documents-0-published_on": "2026-03-20",
        }),
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/en/secretariat/events/imrf-2026/"
    event = Event.objects.get()
    assert (event.kind, event.capacity, event.working_languages, event.travel_budget) == (
        "imrf",
        300,
        ["en", "fr", "ar"],
        Decimal("50000.00"),
    )
    assert event.registration_opens == datetime(2026, 1, 5, 9, tzinfo=UTC)
    assert (event.privacy_notice, event.is_published, event.body) == (
        "We keep your data until June.",
        True,
        "",
    )
    assert list(AgendaItem.objects.values_list("title", "roundtable")) == [("Round table 1", 1)]
    document = BackgroundDocument.objects.get()
    assert (document.kind, document.roundtable, document.language) == (NOTE, 1, "fr")
    assert document.file.name.endswith(".pdf")  # named after its content, not "note.html"
    assert document.published_on == date(2026, 3, 20)


def test_a_spreadsheet_is_refused_as_background_document_and_the_form_keeps_the_input(secretariat):
    response = secretariat.post(
        "/en/secretariat/events/new/",
        event_post(**{
            "documents-0-title": "Figures", "documents-0-kind": "other",
            "documents-0-language": "en",
            "documents-0-file": SimpleUploadedFile("figures.xlsx", xlsx_bytes()),
        }),
    )  # fmt: skip
    assert response.status_code == 400
    assert "A background document is a PDF, DOCX or ODT file." in response.content.decode()
    assert 'value="United Nations Headquarters, New York"' in response.content.decode()
    assert Event.objects.count() == 0


def test_a_file_that_is_no_document_is_refused(secretariat):
    response = secretariat.post(
        "/en/secretariat/events/new/",
        event_post(**{
            "documents-0-title": "Page", "documents-0-kind": "other", "documents-0-language": "en",
            "documents-0-file": SimpleUploadedFile("page.pdf", b"<html>\x00</html>"),
        }),
    )  # fmt: skip
    assert response.status_code == 400
    assert "This file is not a PDF, DOCX, XLSX or ODT document" in response.content.decode()


def test_a_document_needs_a_file_or_an_address_and_a_note_its_round_table(secretariat):
    response = secretariat.post(
        "/en/secretariat/events/new/",
        event_post(**{
            "documents-0-title": "Note", "documents-0-kind": NOTE, "documents-0-language": "en",
        }),
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say which round table this note is for." in page
    response = secretariat.post(
        "/en/secretariat/events/new/",
        event_post(**{
            "documents-0-title": "Note", "documents-0-kind": NOTE, "documents-0-language": "en",
            "documents-0-roundtable": "2",
        }),
    )  # fmt: skip
    assert "Upload the document or give its address on the web." in response.content.decode()


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"ends_on": "2026-05-01"}, "The last day cannot be before the first."),
        ({"registration_closes": "2026-01-01T09:00"}, "Registration cannot close before it opens."),
        ({"capacity": "99999999999999999999"}, "Ensure this value is less than or equal to"),
        ({"starts_on": "2026-02-31"}, "Enter a valid date."),
        ({"title": "IMRF\x00"}, "Null characters are not allowed."),
        ({"working_languages": ["xx"]}, "Select a valid choice. xx is not one of the available"),
        ({"slug": "new"}, "This address is reserved; choose another."),
        ({"slug": "imrf 2026!"}, "Enter a valid “slug” consisting of letters, numbers"),
    ],
)
def test_bad_event_input_answers_at_the_field(secretariat, fields, message):
    response = secretariat.post("/en/secretariat/events/new/", event_post(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_a_regional_meeting_links_the_meeting_and_fills_what_is_left_empty(
    secretariat, one_meeting
):
    page = secretariat.get(f"/en/secretariat/events/new/?meeting={one_meeting['cycle_id']}:ECE")
    assert 'value="Regional review meeting for the UNECE region"' in page.content.decode()
    assert 'value="2024-11-21"' in page.content.decode()  # the date field, prefilled
    response = secretariat.post(
        "/en/secretariat/events/new/",
        event_post(
            kind="regional",
            slug="ece-2024",
            title="UNECE regional review",
            meeting=f"{one_meeting['cycle_id']}:ECE",
            cycle="",
            starts_on="",
            ends_on="",
            mode="",
            venue="",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.body, event.cycle.slug, event.starts_on, event.ends_on, event.mode) == (
        "ECE",
        "regional-2024",
        date(2024, 11, 21),
        date(2024, 11, 22),
        "hybrid",
    )
    assert event.venue == "Palais des Nations, Geneva"
    assert meetings.meeting_for(event)["title"] == "Regional review meeting for the UNECE region"


def test_only_a_regional_meeting_links_a_meeting(secretariat, one_meeting):
    response = secretariat.post(
        "/en/secretariat/events/new/", event_post(meeting=f"{one_meeting['cycle_id']}:ECE")
    )
    assert response.status_code == 400
    assert "Only a regional review meeting links a meeting." in response.content.decode()


def test_editing_keeps_the_agenda_and_deletes_a_document(secretariat):
    event = EventFactory(slug="imrf-2026")
    item = AgendaItemFactory(event=event, title="Opening", position=1)
    document = BackgroundDocumentFactory(event=event, title="Old programme")
    data = event_post(**{
        "title": "IMRF 2026 (renamed)",
        "agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "1", "agenda-0-id": str(item.pk),
        "agenda-0-title": "Opening session", "agenda-0-roundtable": "",
        "documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "1",
        "documents-0-id": str(document.pk), "documents-0-title": "Old programme",
        "documents-0-kind": "concept_note", "documents-0-language": "en",
        "documents-0-url": document.url, "documents-0-DELETE": "on",
    })  # fmt: skip
    response = secretariat.post("/en/secretariat/events/imrf-2026/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "IMRF 2026 (renamed)"
    assert list(event.agenda.values_list("pk", "title")) == [(item.pk, "Opening session")]
    assert event.documents.count() == 0


# --- the secretariat's event page -----------------------------------------------------------


def test_event_page_counts_registrations_places_and_travel_used(secretariat):
    event = EventFactory(slug="imrf-2026", capacity=10, daily_subsistence_rate=Decimal("300"))
    for _ in range(3):
        RegistrationFactory(event=event, status=Status.APPROVED)
    RegistrationFactory(event=event, status=Status.PENDING)
    RegistrationFactory(
        event=event, status=Status.APPROVED, travel=Registration.Travel.GRANTED,
        subsistence_days=4, travel_amount=Decimal("950.50"),
    )  # fmt: skip
    page = secretariat.get("/en/secretariat/events/imrf-2026/").content.decode()
    assert '<tr><th scope="row">Approved</th><td>4</td></tr>' in page
    assert '<tr><th scope="row">Waiting for a decision</th><td>1</td></tr>' in page
    assert '<tr><th scope="row">Total</th><td>5</td></tr>' in page
    assert "6 places left of 10." in page
    assert (
        "Travel support: 2,150.50 USD granted to 1 person, of a budget of 10,000.00 USD "
        "(7,849.50 USD left)." in page
    )


def test_late_and_missing_round_table_notes_are_flagged(secretariat):
    # The IMRF opens on 22 April 2026: notes are due six weeks before, on 11 March 2026.
    event = EventFactory(slug="imrf-2026", starts_on=date(2026, 4, 22), ends_on=date(2026, 4, 24))
    BackgroundDocumentFactory(event=event, kind=NOTE, roundtable=1, published_on=date(2026, 3, 1))
    BackgroundDocumentFactory(
        event=event, kind=NOTE, roundtable=2, title="Note 2", published_on=date(2026, 3, 20)
    )
    assert [f["roundtable"] for f in services.roundtable_flags(event, date(2026, 3, 11))] == [2]
    flags = services.roundtable_flags(event, date(2026, 3, 12))
    assert [(f["roundtable"], f["document"] is None) for f in flags] == [
        (2, False),
        (3, True),
        (4, True),
    ]
    page = secretariat.get("/en/secretariat/events/imrf-2026/").content.decode()
    assert "Round table 3: background note due on 11 March 2026, not published" in page
    assert "Round table 4: background note due on 11 March 2026, not published" in page
    assert (
        "Round table 2: “Note 2” published on 20 March 2026, after its due date (11 March 2026)"
        in page
    )
    assert "Round table 1:" not in page


def test_no_flag_for_an_event_that_is_not_an_imrf():
    event = EventFactory(kind=Event.Kind.CONSULTATION, starts_on=date(2020, 1, 1),
                         ends_on=date(2020, 1, 2))  # fmt: skip
    assert services.roundtable_flags(event, date(2026, 1, 1)) == []


# --- the public pages -----------------------------------------------------------------------


def test_public_list_shows_published_events_upcoming_first_with_the_registration_badge(client):
    today = timezone.localdate()
    past = EventFactory(
        title="Past forum", starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=29),
        registration_opens=timezone.now() - timedelta(days=60),
        registration_closes=timezone.now() - timedelta(days=31),
    )  # fmt: skip
    later = EventFactory(
        title="Later forum", starts_on=today + timedelta(days=90),
        ends_on=today + timedelta(days=91),
        registration_opens=timezone.now() + timedelta(days=5),
        registration_closes=timezone.now() + timedelta(days=20),
    )  # fmt: skip
    soon = EventFactory(title="Soon forum", starts_on=today + timedelta(days=10),
                        ends_on=today + timedelta(days=11))  # fmt: skip
    EventFactory(title="Hidden forum", is_published=False)
    page = client.get("/en/events/").content.decode()
    titles = [e.title for e in (soon, later, past)]
    assert [page.index(t) for t in titles] == sorted(page.index(t) for t in titles)
    assert "Hidden forum" not in page
    assert page.count("Registration open</span>") == 1  # only "Soon forum" is open now
    assert page.count("Registration closed</span>") == 2


def _full_event():
    event = EventFactory(
        slug="imrf-2026", title="IMRF 2026", capacity=100, working_languages=["en", "ar"],
        starts_on=date(2026, 5, 5), ends_on=date(2026, 5, 8),
    )  # fmt: skip
    AgendaItemFactory(event=event, title="Opening plenary")
    BackgroundDocumentFactory(event=event, title="Concept note", language="fr",
                              published_on=date(2026, 1, 15))  # fmt: skip
    BackgroundDocumentFactory(event=event, title="Draft programme", published_on=None)
    return event


def test_public_event_page_shows_the_event_documents_and_participants(client):
    event = _full_event()
    RegistrationFactory(event=event, status=Status.APPROVED, full_name="Amina Diallo",
                        organization="Migrant Forum", consent_public_list=True)  # fmt: skip
    RegistrationFactory(event=event, status=Status.APPROVED, full_name="Hidden Person",
                        organization=" migrant  FORUM ", consent_public_list=False)  # fmt: skip
    RegistrationFactory(event=event, status=Status.PENDING, full_name="Pending Person",
                        organization="Pending Org", consent_public_list=True)  # fmt: skip
    response = client.get("/en/events/imrf-2026/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<time datetime="2026-05-05">5 May 2026</time>' in page
    assert "English, Arabic" in page
    assert "100 places, 98 left" in page
    assert 'href="/en/events/imrf-2026/register/"' in page
    assert "Opening plenary" in page
    assert "Concept note</a></td><td>Concept note</td><td>French</td>" in page
    assert "Draft programme" not in page  # not out yet
    assert "<tr><td>Amina Diallo</td><td>Migrant Forum</td><td>Mexico</td></tr>" in page
    assert "Hidden Person" not in page and "Pending" not in page
    assert page.count("<tr><td>Migrant Forum</td>") == 1  # one organisation, two spellings


def test_register_link_only_while_registration_is_open(client):
    EventFactory(slug="closed", registration_closes=timezone.now() - timedelta(minutes=1))
    page = client.get("/en/events/closed/").content.decode()
    assert "/en/events/closed/register/" not in page
    assert 'id="registration-closed"' in page


def test_public_event_page_costs_the_same_queries_whatever_the_registrations(
    client, django_assert_max_num_queries
):
    event = _full_event()
    RegistrationFactory(event=event, status=Status.APPROVED, consent_public_list=True)
    with django_assert_max_num_queries(12) as small:
        client.get("/en/events/imrf-2026/")
    for n in range(20):
        RegistrationFactory(event=event, status=Status.APPROVED, consent_public_list=n % 2 == 0,
                            residence_id=("CHE", "BGD", "TUR")[n % 3])  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        page = client.get("/en/events/imrf-2026/").content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert page.count("<tr><td>Person") == 11


def test_unpublished_event_is_a_404_to_the_public_and_noted_for_the_secretariat(client):
    EventFactory(slug="draft-forum", is_published=False)
    assert client.get("/en/events/draft-forum/").status_code == 404
    client.force_login(focal_point_of("MEX"))
    assert client.get("/en/events/draft-forum/").status_code == 404
    client.force_login(secretariat_member())
    response = client.get("/en/events/draft-forum/")
    assert response.status_code == 200
    assert "Not published: only the secretariat sees this page." in response.content.decode()


def test_unknown_event_is_a_404(client):
    assert client.get("/en/events/no-such-event/").status_code == 404
    assert client.get("/en/events/no-such-event/documents/1/").status_code == 404


def test_a_published_document_file_downloads_and_an_unpublished_one_is_a_404(client, secretariat):
    event = EventFactory(slug="imrf-2026")
    out = BackgroundDocument(event=event, kind="other", title="Out", language="en",
                             published_on=date(2020, 1, 1))  # fmt: skip
    out.file.save("document.pdf", io.BytesIO(b"%PDF-1.7 out"), save=True)
    later = BackgroundDocument(event=event, kind="other", title="Later", language="en")
    later.file.save("document.pdf", io.BytesIO(b"%PDF-1.7 later"), save=True)
    client.logout()
    response = client.get(f"/en/events/imrf-2026/documents/{out.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 out"
    assert client.get(f"/en/events/imrf-2026/documents/{later.pk}/").status_code == 404


def test_pages_render_right_to_left_in_arabic(client):
    event = _full_event()
    RegistrationFactory(event=event, status=Status.APPROVED, consent_public_list=True)
    page = client.get("/ar/events/imrf-2026/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "/ar/events/imrf-2026/register/" in page
    client.force_login(secretariat_member())
    for url in ("/ar/secretariat/events/imrf-2026/", "/ar/secretariat/events/imrf-2026/edit/",
                "/ar/secretariat/events/imrf-2026/balance/"):  # fmt: skip
        assert client.get(url).status_code == 200
