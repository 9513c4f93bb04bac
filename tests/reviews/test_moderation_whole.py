"""The secretariat's moderation page shows the whole submitted revision: every section, every
objective entry with its status, priority, guiding principles and practices, the details,
attachments (openable), the sign-off, and links to the preview, public page and PDF."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.editing import save_part
from reviews.workflow import publish_document, revise_document, sign_off_document, submit_document
from tests.personas import authorizing_official_of, secretariat_member
from tests.publishing import draft_review

pytestmark = pytest.mark.django_db
MOD = "/en/secretariat/reviews/imrf-2026/MEX/"
WS = "/en/workspace/imrf-2026/MEX/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _save(review, part, data, by):
    return save_part(review.pk, part, data, by=by, base_version=review.version, kind="save")


@pytest.fixture
def signed_off(client):
    review = draft_review("MEX", sections={1: "Whole text of section one."})
    author = review.author
    client.force_login(author)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n%...\n", content_type="application/pdf")
    assert (
        client.post(WS + "attachments/", {"kind": "national_plan", "file": upload}).status_code
        == 302
    )
    review.refresh_from_db()
    review = _save(
        review,
        "objective-5",
        {
            "status": "under_way",
            "priority": 2,
            "narrative": "Regular pathways widened in 2025.",
            "principles": ["people_centred", "international_cooperation"],
            "practices": [
                {"title": "Seasonal visa", "description": "Two-year permits.", "partners": "ILO"}
            ],
        },
        author,
    )
    review = _save(
        review,
        "details",
        {
            "language": "en",
            "part_of_national_plan": True,
            "stakeholders": ["migrants", "civil_society"],
            "contacts": [author.pk],
        },
        author,
    )
    official = authorizing_official_of("MEX")
    review = submit_document(review, by=author)
    review = sign_off_document(
        review,
        by=official,
        name="Ana Oficial",
        title="Vice-Minister",
        signed_on=datetime.date(2026, 5, 4),
    )
    review.author = author
    return review


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_moderation_page_shows_the_whole_submission(client, signed_off):
    client.force_login(secretariat_member())
    response = client.get(MOD)
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    for number in range(2, 6):
        assert f"Section {number} of MEX in imrf-2026." in text
    assert "Whole text of section one." in text
    # Objective 5's entry, in the table and in full.
    row = re.search(r'<tr>\s*<th scope="row"><a href="#objective-5">.*?</tr>', html, re.S).group(0)
    cells = [_text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
    assert cells == [
        "5. Enhance availability and flexibility of pathways for regular migration",
        "Under way",
        "2",
        "People-centred International cooperation",
        "1",
        "10",
    ]
    assert "Regular pathways widened in 2025." in text
    assert "Seasonal visa" in text and "Two-year permits." in text and "Partners: ILO" in text
    assert 'id="objective-5"' in html
    # Details, sign-off, attachments.
    assert "Part of a national implementation plan process Yes" in text
    assert "Migrants" in text and "Civil society" in text
    assert signed_off.author.email in text
    assert "Signed off by Ana Oficial, Vice-Minister, on 4 May 2026." in text
    attachment = signed_off.attachments.get()
    link = f'href="{WS}attachments/{attachment.pk}/">plan.pdf</a>'
    assert link in html
    assert client.get(f"{WS}attachments/{attachment.pk}/").status_code == 200
    # Links to the preview; no public page yet.
    assert f'href="{WS}preview/"' in html
    assert 'href="/en/reviews/imrf-2026/MEX/"' not in html


def test_moderation_page_reads_the_submission_not_a_newer_draft(client, signed_off):
    secretariat = secretariat_member()
    review = publish_document(signed_off, by=secretariat)
    review = revise_document(review, by=signed_off.author)
    _save(review, "section-1", {"text": "A new draft nobody submitted."}, signed_off.author)
    client.force_login(secretariat)
    html = client.get(MOD).content.decode()
    assert "Whole text of section one." in html
    assert "A new draft nobody submitted." not in html
    assert 'href="/en/reviews/imrf-2026/MEX/"' in html
    assert 'href="/en/reviews/imrf-2026/MEX/pdf"' in html
