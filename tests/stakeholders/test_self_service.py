"""The management link: view, edit until decided, cancel, download, erase; bad links."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from stakeholders import links
from stakeholders.models import Registration
from tests.stakeholders.factories import EventFactory, RegistrationFactory
from tests.stakeholders.registering import form_data

pytestmark = pytest.mark.django_db
Status = Registration.Status
INVALID = "This link is not valid"


def manage_url(row, name="stakeholders:manage", token=None):
    return reverse(name, args=[token or links.make_token(row, links.MANAGE)])


def edit_data(**overrides):
    data = form_data(**overrides)
    for key in ("email", "consent_privacy", "contact_fax"):
        data.pop(key, None)
    return data


def test_the_page_shows_the_registration_and_its_status(client):
    row = RegistrationFactory(full_name="Amina Diallo", status=Status.WAITLISTED)
    page = client.get(manage_url(row))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<span id="registration-status">On the waiting list</span>' in body
    assert "Amina Diallo" in body


def test_edit_while_pending(client, mailoutbox, django_capture_on_commit_callbacks):
    row = RegistrationFactory(status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(row, "stakeholders:manage_edit"),
            edit_data(organization="New Name", travel_requested="on", travel_justification="Far"),
        )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.organization, row.travel, row.travel_priority) == ("New Name", "requested", True)
    assert (row.residence_id, row.version) == ("SEN", 2)
    assert row.log.get().action == "edited"
    assert mailoutbox[0].subject == f"Your registration for {row.event.title} was changed"


def test_edit_refuses_nul_bytes_at_the_field(client):
    row = RegistrationFactory(status=Status.PENDING)
    response = client.post(
        manage_url(row, "stakeholders:manage_edit"), edit_data(organization="A\x00B")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organization"] == ["Null characters are not allowed."]
    row.refresh_from_db()
    assert row.version == 1


@pytest.mark.parametrize("status", [Status.APPROVED, Status.REJECTED])
def test_a_decided_registration_is_read_only(client, status):
    row = RegistrationFactory(status=status)
    token = links.make_token(row, links.MANAGE)
    response = client.post(
        manage_url(row, "stakeholders:manage_edit", token), edit_data(organization="Changed")
    )
    assert response.status_code == 302 and response["Location"] == manage_url(row, token=token)
    row.refresh_from_db()
    assert row.organization != "Changed"
    page = client.get(manage_url(row))
    assert "contact the secretariat" in page.content.decode()
    assert page.context["editable"] is False


def test_cancel_needs_the_box_ticked(client):
    row = RegistrationFactory(status=Status.PENDING)
    response = client.post(manage_url(row, "stakeholders:manage_cancel"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"] == ["Tick the box to confirm."]
    row.refresh_from_db()
    assert row.status == Status.PENDING


def test_cancelling_an_approved_place_promotes_the_waiting_list(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    leaving = RegistrationFactory(event=event, status=Status.APPROVED)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(leaving, "stakeholders:manage_cancel"), {"confirm": "on"})
    assert response.status_code == 302
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert (leaving.status, waiting.status) == (Status.CANCELLED, Status.APPROVED)
    assert leaving.log.get().action == "cancelled"
    assert sorted(m.to[0] for m in mailoutbox) == sorted([leaving.email, waiting.email])


def test_download_own_data_as_json(client):
    row = RegistrationFactory(full_name="Amina Diallo", accessibility_needs="Ramp")
    row.log.create(action="registered", to_status="unverified")
    response = client.get(manage_url(row, "stakeholders:manage_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="registration-{row.pk}.json"'
    data = json.loads(response.content)
    assert (data["full_name"], data["email"], data["status"]) == (
        "Amina Diallo",
        row.email,
        "pending",
    )
    assert data["accessibility_needs"] == "Ramp"
    assert [e["action"] for e in data["log"]] == ["registered"]


def test_erase_blanks_the_person_and_keeps_the_counts(client):
    row = RegistrationFactory(
        full_name="Amina Diallo", gender="woman", accessibility_needs="Ramp", status=Status.APPROVED
    )
    old_link, old_secret = manage_url(row), row.secret
    response = client.post(manage_url(row, "stakeholders:manage_erase"), {"confirm": "on"})
    assert response.status_code == 200
    assert "the links we sent you no longer work" in response.content.decode()
    row.refresh_from_db()
    assert (row.full_name, row.email, row.email_key, row.organization) == ("", "", "", "")
    assert row.accessibility_needs == "" and row.erased_at is not None
    assert row.secret != old_secret
    assert (row.gender, row.status, row.residence_id) == ("woman", Status.APPROVED, "MEX")
    assert list(row.log.values_list("action", flat=True)) == ["erased"]
    assert client.get(old_link).status_code == 404


# A 20-digit id is past PostgreSQL's bigint; "²" is a digit to str.isdigit but not to int().
BAD_TOKENS = ["garbage", "1.abc", "99999999.x:y:z", "\x00", "1" * 600,
              "9" * 20 + ".x:y:z", "².x:y:z"]  # fmt: skip


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_bad_tokens_answer_404_with_a_way_back(client, token):
    response = client.get(f"/en/events/manage/{token}/")
    assert response.status_code == 404
    assert INVALID in response.content.decode()


def test_a_token_of_one_registration_does_not_open_another(client):
    first, second = RegistrationFactory(), RegistrationFactory()
    token = links.make_token(first, links.MANAGE)
    forged = f"{second.pk}.{token.partition('.')[2]}"
    response = client.get(reverse("stakeholders:manage", args=[forged]))
    assert response.status_code == 404 and INVALID in response.content.decode()


def test_a_verification_link_is_not_a_management_link(client):
    row = RegistrationFactory()
    response = client.get(
        reverse("stakeholders:manage", args=[links.make_token(row, links.VERIFY)])
    )
    assert response.status_code == 404


def test_an_old_verification_link_is_refused(client, monkeypatch):
    row = RegistrationFactory(status=Status.UNVERIFIED)
    path = links.link_path(row, links.VERIFY)
    monkeypatch.setitem(links._MAX_AGE, links.VERIFY, timedelta(seconds=-1))
    response = client.get(path)
    assert response.status_code == 404 and INVALID in response.content.decode()


def test_a_rotated_secret_revokes_the_links(client):
    row = RegistrationFactory()
    path = manage_url(row)
    Registration.objects.filter(pk=row.pk).update(secret="rotated")
    assert client.get(path).status_code == 404


def test_confirming_from_the_management_page(client, django_capture_on_commit_callbacks):
    row = RegistrationFactory(status=Status.UNVERIFIED, verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(row, "stakeholders:manage_confirm"))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Status.PENDING
