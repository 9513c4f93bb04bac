"""The authors' pages of a stakeholder input that every kind builds with
`reviews.views.kind_pages`: attachments (supporting documents only) and the authors' own
decisions (only withdraw, reopen and revise)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment, ReviewStatus
from tests.stakeholders.inputs import drafted_input

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n%...\n", content_type="application/pdf")


def test_an_author_attaches_downloads_and_removes_a_supporting_document(client):
    stakeholder_input = drafted_input()
    client.force_login(stakeholder_input.author)
    url = f"/en/workspace/inputs/{stakeholder_input.pk}/attachments/"
    response = client.post(url, {"kind": "supporting", "file": _pdf()})
    assert response.status_code == 302
    assert response["Location"] == url
    [attachment] = Attachment.objects.filter(document=stakeholder_input)
    assert attachment.kind == Attachment.Kind.SUPPORTING
    page = client.get(url)
    assert [m.message for m in page.context["messages"]] == ["“evidence.pdf” is attached."]
    download = f"{url}{attachment.pk}/"
    assert page.context["attachments"] == [(attachment, download, f"{download}delete/")]
    got = client.get(download)
    assert got.status_code == 200
    assert got["Cache-Control"] == "private, no-store"
    removed = client.post(f"{download}delete/")
    assert removed.status_code == 302
    assert removed["Location"] == url
    assert not Attachment.objects.filter(document=stakeholder_input).exists()


def test_only_supporting_documents_may_be_attached(client):
    stakeholder_input = drafted_input()
    client.force_login(stakeholder_input.author)
    url = f"/en/workspace/inputs/{stakeholder_input.pk}/attachments/"
    assert client.get(url).context["form"].fields["kind"].choices == [
        ("supporting", "Supporting document")
    ]
    response = client.post(url, {"kind": "national_plan", "file": _pdf()})
    assert response.status_code == 400
    assert response.context["form"].errors["kind"] == [
        "Select a valid choice. national_plan is not one of the available choices."
    ]
    assert not Attachment.objects.filter(document=stakeholder_input).exists()


@pytest.mark.parametrize("action", ["submit", "publish", "nonsense"])
def test_the_authors_decision_door_takes_only_their_own_decisions(client, action):
    stakeholder_input = drafted_input(text="word " * 10, objectives=(1,))
    client.force_login(stakeholder_input.author)
    url = f"/en/workspace/inputs/{stakeholder_input.pk}/action/{action}/"
    response = client.post(url, {"version": stakeholder_input.version})
    assert response.status_code == 404
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.status == ReviewStatus.DRAFT
