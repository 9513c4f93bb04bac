"""The ECOSOC and GCM-process lists the secretariat uploads (stakeholders.organizations)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stakeholders.models import Organization
from stakeholders.organizations import find_or_create_organization, import_list
from tests.personas import secretariat_member
from tests.stakeholders.accrediting import organization

pytestmark = pytest.mark.django_db

ECOSOC = (
    "name,acronym,country,website,category,status,since\n"
    "Migrant Forum in Asia,MFA,PHL,https://mfasia.org,civil_society,Special,2014\n"
    "Bad Country,,XXX,,,General,\n"
    ",,,,,,\n"
    ",NONAME,KEN,,,Roster,\n"
    "Université de Dakar,UCAD,SEN,ucad.sn,academia,roster,1999\n"
    "Bad Year,,,,,special,year\n"
)


def test_import_creates_updates_and_reports_bad_rows_with_their_line():
    known = organization("Université de Dakar", country="SEN", website="")
    result = import_list(io.BytesIO(ECOSOC.encode()), "ecosoc")
    assert [o.name for o in result.created] == ["Migrant Forum in Asia"]
    assert [o.pk for o in result.updated] == [known.pk]
    assert result.errors == [
        (3, "Unknown country code “XXX”."),
        (5, "The name is missing."),
        (7, "“since” must be a year, such as 2009."),
    ]
    mfa = Organization.objects.get(acronym="MFA")
    assert (mfa.ecosoc_status, mfa.ecosoc_since, mfa.headquarters_id) == ("special", 2014, "PHL")
    known.refresh_from_db()
    assert (known.ecosoc_status, known.website, known.acronym) == (
        "roster", "https://ucad.sn", "UCAD"
    )  # fmt: skip


def test_importing_the_same_file_again_changes_nothing():
    import_list(io.BytesIO(ECOSOC.encode()), "ecosoc")
    again = import_list(io.BytesIO(ECOSOC.encode()), "ecosoc")
    assert (again.created, again.updated, again.unchanged) == ([], [], 2)
    assert Organization.objects.count() == 2


def test_the_gcm_list_marks_organisations_accredited_before():
    text = "Name;Website\nRed Cross;www.redcross.example.org\n"
    result = import_list(io.BytesIO(text.encode("utf-8-sig")), "gcm")
    assert (len(result.created), result.errors) == (1, [])
    assert Organization.objects.get().gcm_accredited is True


def test_a_file_that_is_no_csv_is_one_message():
    assert import_list(io.BytesIO(b"\xff\xfe\x00bad"), "ecosoc").errors == [
        (0, "The file is not UTF-8 text: save it as “CSV UTF-8”.")
    ]
    assert import_list(io.BytesIO(b"acronym,country\nX,KEN\n"), "ecosoc").errors == [
        (1, "Missing column(s): name, status.")
    ]


def test_find_or_create_matches_by_name_or_website_and_fills_blanks_only():
    kept = organization("Migrant Voices", website="", email="kept@example.org")
    found, created = find_or_create_organization(
        {"name": "migrant  voices", "website": "https://voices.example.org",
         "email": "new@example.org", "category": kept.category}
    )  # fmt: skip
    assert (found.pk, created, found.email, found.website) == (
        kept.pk, False, "kept@example.org", "https://voices.example.org"
    )  # fmt: skip
    by_site, created = find_or_create_organization(
        {"name": "Voces", "website": "http://www.voices.example.org/", "category": kept.category}
    )
    assert (by_site.pk, created) == (kept.pk, False)


def test_the_upload_page_shows_the_result(client):
    client.force_login(secretariat_member())
    url = reverse("stakeholders:accreditation_import")
    upload = SimpleUploadedFile("ecosoc.csv", ECOSOC.encode(), "text/csv")
    response = client.post(url, {"track": "ecosoc", "file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 created, 0 updated, 0 unchanged, 3 rows refused." in html
    assert "<td>3</td><td>Unknown country code “XXX”.</td>" in html
    missing = client.post(url, {"track": "nonsense"})
    assert missing.status_code == 400
    assert missing.context["form"].errors["file"] == ["This field is required."]
