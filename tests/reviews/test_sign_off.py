import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment, FocalPointMembership, ReviewStatus
from reviews.workflow import submit_review
from tests.factories import FocalPointFactory

pytestmark = pytest.mark.django_db
URL = "/en/workspace/imrf-2026/MEX/sign-off/"


@pytest.fixture
def official(db):
    return FocalPointFactory(
        member_state_id="MEX", role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL
    ).user


@pytest.fixture
def awaiting(complete_draft, focal_point, official, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = submit_review(complete_draft, by=focal_point)
    assert review.status == ReviewStatus.AWAITING_SIGN_OFF
    return review


def test_official_signs_off_with_a_note_verbale(client, awaiting, official):
    client.force_login(official)
    response = client.post(URL, {
        "name": "Ana Ruiz", "title": "Director-General for Migration", "signed_on": "2026-11-20",
        "note_verbale": SimpleUploadedFile("nv.pdf", b"%PDF-1.7 note"),
    })  # fmt: skip
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.status == ReviewStatus.SUBMITTED
    assert (awaiting.signed_off_name, str(awaiting.signed_off_on)) == ("Ana Ruiz", "2026-11-20")
    assert Attachment.objects.get().kind == "note_verbale"


def test_missing_fields_and_bad_file_are_explained_and_kept(client, awaiting, official):
    client.force_login(official)
    response = client.post(
        URL,
        {
            "name": "Ana Ruiz",
            "title": "",
            "signed_on": "2026-11-20",
            "note_verbale": SimpleUploadedFile("nv.pdf", b"MZ not a pdf"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html and 'value="Ana Ruiz"' in html
    assert "is not a PDF, DOCX, XLSX or ODT document" in html
    awaiting.refresh_from_db()
    assert awaiting.status == ReviewStatus.AWAITING_SIGN_OFF


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point", "secretariat_user"])
def test_only_the_official_opens_the_sign_off_page(client, awaiting, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404


def test_official_sends_back_with_a_comment(client, awaiting, official):
    client.force_login(official)
    client.post("/en/workspace/imrf-2026/MEX/action/send_back/", {"comment": "Fix section 4."})
    awaiting.refresh_from_db()
    assert awaiting.status == ReviewStatus.DRAFT
