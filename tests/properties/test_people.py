"""Names and reasons typed about people: the secretariat's invitation (the invitee's name),
accepting an invitation (one's own name), a registrant editing their registration through
the management link, the secretariat's decision on a registration with its reason. Stored
and shown inert, or refused at the field with the text kept. Never a 5xx."""

import pytest
from django.urls import reverse
from hypothesis import given

from reviews.invitations import invitation_token
from reviews.models import Invitation
from stakeholders import links
from stakeholders.models import Registration
from tests.properties.conftest import undone
from tests.properties.html_checks import (
    INVALID_UTF8,
    PROPERTY_SETTINGS,
    TEXT,
    answered_well,
    assert_inert,
)
from tests.properties.test_national_review import with_examples
from tests.stakeholders.factories import RegistrationFactory
from tests.stakeholders.registering import form_data

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded; charset=utf-8"
PASSWORD = "a-good-long-phrase-9"


@pytest.fixture
def invitation(secretariat_user, client, django_capture_on_commit_callbacks):
    client.force_login(secretariat_user)
    data = {"email": "nadia@gov.example", "full_name": "Nadia", "member_state": "MEX",
            "role": "focal_point", "language": "en"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/secretariat/invitations/", data).status_code == 302
    client.logout()
    return f"/en/accounts/invitation/{invitation_token(Invitation.objects.get())}/"


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_an_invitation_names_the_invitee_with_any_text(client, secretariat_user, text):
    client.force_login(secretariat_user)
    data = {"email": "new.person@gov.example", "full_name": text, "member_state": "MEX",
            "role": "focal_point", "language": "en"}  # fmt: skip
    with undone():
        response = client.post("/en/secretariat/invitations/", data)
        if answered_well(response, "full_name", typed=text):
            assert Invitation.objects.count() == 1
            assert_inert(client.get("/en/secretariat/invitations/"))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_accepting_an_invitation_with_any_name(client, invitation, text):
    data = {"full_name": text, "password1": PASSWORD, "password2": PASSWORD}
    with undone():
        response = client.post(invitation, data)
        if answered_well(response, "full_name", typed=text):
            assert_inert(client.get("/en/workspace/"))
            client.logout()


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_registrant_edits_their_registration_with_any_text(client, text):
    row = RegistrationFactory(full_name="Amina Diallo")
    url = reverse("stakeholders:manage_edit", args=[links.make_token(row, links.MANAGE)])
    data = form_data(full_name=text, organization="Migrant Voices")
    for key in ("email", "consent_privacy", "contact_fax"):
        data.pop(key)
    with undone():
        response = client.post(url, data)
        if answered_well(response, "full_name", typed=text):
            assert_inert(client.get(url.replace("edit/", "")))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_rejection_with_any_reason(client, secretariat_user, text):
    row = RegistrationFactory(full_name="Amina Diallo")
    client.force_login(secretariat_user)
    page = f"/en/secretariat/registrations/{row.pk}/"
    data = {"action": "reject", "reason": text, "version": row.version}
    with undone():
        response = client.post(page + "decide/", data)
        if answered_well(response, "reason", typed=text):
            assert Registration.objects.get(pk=row.pk).status == Registration.Status.REJECTED
            assert_inert(client.get(page))


def test_invalid_utf8_in_a_rejection_is_no_server_error(client, secretariat_user):
    row = RegistrationFactory(full_name="Amina Diallo")
    client.force_login(secretariat_user)
    body = b"action=reject&reason=" + INVALID_UTF8 + f"&version={row.version}".encode()
    url = f"/en/secretariat/registrations/{row.pk}/decide/"
    response = client.generic("POST", url, body, content_type=FORM)
    assert response.status_code == 302
    assert Registration.objects.get(pk=row.pk).status == Registration.Status.REJECTED
