import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment, FocalPointMembership, ReviewStatus
from reviews.workflow import submit_document
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
    review = submit_document(complete_draft, by=focal_point)
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


def test_empty_post_to_the_generic_sign_off_action_is_refused(client, awaiting, official):
    client.force_login(official)
    response = client.post("/en/workspace/imrf-2026/MEX/action/sign_off/", follow=True)
    assert "Give the official&#x27;s name, title and the date of sign-off." in (
        response.content.decode()
    )
    awaiting.refresh_from_db()
    assert (awaiting.status, awaiting.signed_off_title) == (ReviewStatus.AWAITING_SIGN_OFF, "")


BASE = "/en/workspace/imrf-2026/MEX/"


@pytest.fixture
def draft_with_attachment(draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile

    attachment = Attachment(document=draft, kind="supporting", original_name="a.pdf",
                            content_type="application/pdf", size=8, sha256="0" * 64)  # fmt: skip
    attachment.file.save("upload.pdf", ContentFile(b"%PDF-1.7"), save=True)
    return draft, attachment


def test_official_reads_the_draft_but_every_editing_url_is_403(
    client, draft_with_attachment, official
):
    draft, attachment = draft_with_attachment
    client.force_login(official)
    page = client.get(BASE + "section/1/")
    assert page.status_code == 200
    assert re.search(r'<textarea name="text"[^>]* readonly', page.content.decode())
    posts = {
        "section/1/": {"text": "Changed by the official.", "version": draft.version},
        "objectives/2/": {"status": "planned", "version": draft.version,
                          "practices-TOTAL_FORMS": 0, "practices-INITIAL_FORMS": 0},
        "details/": {"language": "en", "version": draft.version},
        "autosave/section-1/": {"text": "Changed by the official.", "version": draft.version},
        "attachments/": {"kind": "supporting",
                         "file": SimpleUploadedFile("b.pdf", b"%PDF-1.7 more")},
        f"attachments/{attachment.pk}/delete/": {},
    }  # fmt: skip
    answers = {url: client.post(BASE + url, data).status_code for url, data in posts.items()}
    assert answers == dict.fromkeys(posts, 403)
    draft.refresh_from_db()
    assert (draft.section_1, draft.version, draft.attachments.count()) == ("", 1, 1)


def test_official_cannot_start_a_review(client, open_cycle, official):
    client.force_login(official)
    assert client.post(BASE + "start/").status_code == 403
    assert not open_cycle.documents.exists()


def test_signing_off_a_text_changed_since_the_page_was_opened_is_refused(
    client, awaiting, official, focal_point
):
    from reviews.editing import save_part
    from reviews.workflow import send_back_document, submit_document

    client.force_login(official)
    page = client.get(URL).content.decode()
    seen = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    assert seen == awaiting.version
    # Another official sent it back; the focal point changed it and submitted it again.
    second = FocalPointFactory(
        member_state_id="MEX", role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL
    ).user
    review = send_back_document(awaiting, by=second, comment="Section 1, please.")
    review = save_part(review.pk, "section-1", {"text": "Rewritten."}, by=focal_point,
                       base_version=review.version, kind="save")  # fmt: skip
    review = submit_document(review, by=focal_point)
    data = {"name": "Ana Ruiz", "title": "Director-General", "signed_on": "2026-11-20"}
    response = client.post(URL, {**data, "version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert f"The review changed since you opened it (version {seen}, now {review.version})" in html
    assert f'name="version" value="{review.version}"' in html and 'value="Ana Ruiz"' in html
    review.refresh_from_db()
    assert (review.status, review.signed_off_name) == (ReviewStatus.AWAITING_SIGN_OFF, "")
    assert client.post(URL, {**data, "version": review.version}).status_code == 302
