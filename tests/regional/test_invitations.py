"""Invitations of regional reporters (secretariat) and input authors (a region's reporters):
reviews' signed one-time links, granting a membership or an authorship on acceptance."""

import re

import pytest
from django.core import mail

from regional.invitations import INPUT_AUTHOR, REPORTER, invite_reporter
from regional.models import RegionalInput, RegionalProcess, RegionalReporterMembership
from reviews.invitations import deliver_invitation
from reviews.models import Invitation, RegionalCommission, ReviewCycle
from tests.factories import UserFactory
from tests.personas import focal_point_of, reporter_of

pytestmark = pytest.mark.django_db


def link_path(message) -> str:
    return re.search(r"https?://[^/]+(/\S+/)", message.body).group(1)


def post(client, user, url, data, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(url, data)
    client.logout()
    return response


def test_secretariat_invites_a_reporter_who_accepts_and_reports_for_the_commission(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    data = {
        "email": "Rita@ECE.example",
        "full_name": "Rita",
        "language": "fr",
        "commission": RegionalCommission.objects.get(code="ECE").pk,
    }
    response = post(
        client,
        secretariat_user,
        "/en/secretariat/regional/invitations/",
        data,
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.grant, invitation.grant_key, invitation.member_state) == (
        REPORTER,
        "commission:ECE",
        None,
    )
    [message] = mail.outbox
    assert message.to == ["rita@ece.example"]
    # In the invitee's language (French), naming the body the invitation grants, by its French
    # name (fixtures/SOURCES.md §7).
    assert "rapporteur régional (Commission économique pour l'Europe)" in message.body
    path = link_path(message)
    assert path.startswith("/fr/accounts/invitation/")  # the invitee's language
    page = client.get(path)
    assert (
        "Vous êtes invité(e) en tant que rapporteur régional "
        "(Commission économique pour l&#x27;Europe)." in page.text
    )
    client.post(
        path,
        {"full_name": "Rita", "password1": "a-good-long-phrase", "password2": "a-good-long-phrase"},
    )
    membership = RegionalReporterMembership.objects.get(user__email="rita@ece.example")
    assert membership.body_key == "ECE"
    assert client.get(path).status_code == 410  # once


def test_an_existing_account_accepts_a_process_and_keeps_its_state(client, secretariat_user):
    alice = focal_point_of("GHA", email="alice@gov.example")
    process = RegionalProcess.objects.create(
        slug="rabat-process", name="Rabat Process", kind=RegionalProcess.Kind.CONSULTATIVE_PROCESS
    )
    invitation = invite_reporter(
        email="alice@gov.example", language="en", process=process, by=secretariat_user
    )
    deliver_invitation(invitation.pk)
    path = link_path(mail.outbox[0])
    assert "Accepting makes it a reporter for Rabat Process" in client.get(path).text
    client.force_login(alice)  # an existing account accepts once logged in as itself
    response = client.post(path)
    assert response.status_code == 302
    assert [m.body_key for m in alice.regional_memberships.all()] == ["rabat-process"]
    assert alice.focal_point_memberships.get().member_state_id == "GHA"


def test_reporter_form_wants_exactly_one_body(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        "/en/secretariat/regional/invitations/", {"email": "x@example.org", "language": "en"}
    )
    assert response.status_code == 400
    assert "Choose either a regional commission or a regional process, not both." in response.text
    assert Invitation.objects.count() == 0


def test_only_the_secretariat_invites_reporters(client):
    client.force_login(reporter_of(commission="ECE"))
    assert client.get("/en/secretariat/regional/invitations/").status_code == 403


def test_a_commissions_reporter_invites_an_input_author_who_then_drafts_it(
    client, django_capture_on_commit_callbacks
):
    rita = reporter_of(commission="ECE")
    data = {
        "email": "ngo@example.org",
        "language": "es",
        "cycle": "regional-2024",
        "commission": RegionalCommission.objects.get(code="ECE").pk,
        "organization": "  Migrant   Rights Network ",
    }
    response = post(
        client,
        rita,
        "/en/workspace/regional/invitations/",
        data,
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    regional_input = RegionalInput.objects.get()
    assert (regional_input.organization, regional_input.commission.code, regional_input.status) == (
        "Migrant Rights Network",
        "ECE",
        "draft",
    )
    invitation = Invitation.objects.get()
    assert (invitation.grant, invitation.grant_key) == (INPUT_AUTHOR, str(regional_input.pk))
    path = link_path(mail.outbox[0])
    assert path.startswith("/es/")
    client.post(
        path,
        {"full_name": "Nora", "password1": "a-good-long-phrase", "password2": "a-good-long-phrase"},
    )
    assert [u.email for u in regional_input.authors.all()] == ["ngo@example.org"]


def test_input_author_invitation_is_only_for_a_regions_reporters(client):
    client.force_login(focal_point_of("GHA"))
    assert client.get("/en/workspace/regional/invitations/").status_code == 403
    client.force_login(UserFactory())
    assert client.get("/en/workspace/regional/invitations/").status_code == 403


def test_a_reporter_cannot_invite_for_another_commission(client):
    rita = reporter_of(commission="ECE")
    client.force_login(rita)
    data = {
        "email": "ngo@example.org",
        "language": "en",
        "cycle": "regional-2024",
        "commission": RegionalCommission.objects.get(code="ESCWA").pk,
        "organization": "Network",
    }
    response = client.post("/en/workspace/regional/invitations/", data)
    assert response.status_code == 400
    assert RegionalInput.objects.count() == 0
    assert ReviewCycle.objects.filter(slug="regional-2024").exists()
