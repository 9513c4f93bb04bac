"""Invitations that say what they are (issue 14, item 7): the authorizing official's wording,
the pre-filled sign-off form, existing accounts (no password link, log in as usual), and the
lead focal point's team page (invite colleagues of their own State; the secretariat sees and
revokes)."""

import io
import re
from datetime import UTC, date, datetime
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reviews.invitations import (
    InvitationInvalid,
    accept_invitation,
    deliver_invitation,
    invitation_token,
)
from reviews.models import FocalPointMembership, Invitation, MemberState, ReviewStatus
from reviews.workflow import submit_document
from tests.factories import PASSWORD, FocalPointFactory, UserFactory
from tests.personas import administrator

pytestmark = pytest.mark.django_db

OFFICIAL = FocalPointMembership.Role.AUTHORIZING_OFFICIAL
TEAM = "/en/workspace/states/MEX/team/"
SIGN_OFF_WORDS = (
    "You are invited to the GCM Review Portal of the UN Network on Migration as the "
    "authorizing official of Mexico: you are asked to sign off the State's voluntary GCM review "
    "before it goes to the secretariat."
)


def secretariat_invites(client, secretariat_user, capture, **overrides):
    client.force_login(secretariat_user)
    data = {
        "email": "ana.ruiz@gov.example",
        "full_name": "Ana Ruiz",
        "member_state": "MEX",
        "role": "focal_point",
        "language": "en",
        **overrides,
    }
    with capture(execute=True):
        response = client.post("/en/secretariat/invitations/", data)
    client.logout()
    return response


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/)", message.body).group(1)


def make_lead(user, iso3="MEX"):
    FocalPointMembership.objects.filter(user=user, member_state_id=iso3).update(is_lead=True)
    return user


# --- (a) the official's wording -----------------------------------------------------------


def test_officials_email_asks_to_sign_off_not_to_prepare(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    response = secretariat_invites(
        client, secretariat_user, django_capture_on_commit_callbacks, role=OFFICIAL
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == (
        "Invitation: sign off the voluntary GCM review of Mexico on the GCM Review Portal"
    )
    body = " ".join(message.body.split())
    assert SIGN_OFF_WORDS in body
    assert "invited to prepare" not in body
    html = " ".join(message.alternatives[0][0].split())
    assert SIGN_OFF_WORDS in html
    assert "Open this link to set your password (it works once, for seven days):" in body


def test_focal_points_email_still_asks_to_prepare(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    secretariat_invites(client, secretariat_user, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Invitation: focal point for Mexico on the GCM Review Portal"
    assert (
        "You are invited to prepare the voluntary GCM review of Mexico on the GCM Review Portal"
        in " ".join(message.body.split())
    )


def test_officials_acceptance_page_says_sign_off(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    secretariat_invites(client, secretariat_user, django_capture_on_commit_callbacks, role=OFFICIAL)
    page = client.get(link_path(mail.outbox[0]))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert (
        "You are invited as the authorizing official of Mexico: you are asked to sign off its "
        "voluntary GCM review before it goes to the secretariat." in text
    )
    assert "You are invited as a focal point for Mexico" not in text


# --- (b) the sign-off form, pre-filled ------------------------------------------------------


@pytest.fixture
def awaiting(complete_draft, focal_point):
    official = FocalPointFactory(
        member_state_id="MEX", role=OFFICIAL, user__full_name="Olivia Official"
    ).user
    review = submit_document(complete_draft, by=focal_point)
    assert review.status == ReviewStatus.AWAITING_SIGN_OFF
    return review, official


def test_sign_off_form_prefills_name_and_today_in_the_active_time_zone(
    client, awaiting, settings, monkeypatch
):
    _review, official = awaiting
    # 20:30 in UTC is already the next day in Auckland (UTC+13 in November).
    settings.TIME_ZONE = "Pacific/Auckland"
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 26, 20, 30, tzinfo=UTC))
    client.force_login(official)
    page = client.get("/fr/workspace/imrf-2026/MEX/sign-off/")
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["name"].value(), form["signed_on"].value()) == (
        "Olivia Official",
        date(2026, 11, 27),
    )
    html = page.content.decode()
    assert 'value="Olivia Official"' in html
    assert 'value="2026-11-27"' in html  # ISO in a date input, even in French


# --- (c) an existing account: no password link, log in as usual ----------------------------


@pytest.fixture
def existing_invited(client, secretariat_user, focal_point, django_capture_on_commit_callbacks):
    """Alice (focal point of Mexico) is invited, by an address in other case, to sign off for
    the Philippines."""
    secretariat_invites(
        client,
        secretariat_user,
        django_capture_on_commit_callbacks,
        email=focal_point.email.upper(),
        member_state="PHL",
        role=OFFICIAL,
    )
    return focal_point, link_path(mail.outbox[0])


def test_existing_accounts_email_has_no_password_link(existing_invited):
    alice, _path = existing_invited
    [message] = mail.outbox
    body = " ".join(message.body.split())
    assert (
        f"Your account {alice.email} on the GCM Review Portal of the UN Network on Migration is "
        "asked to sign off the voluntary GCM review of Philippines before it goes to the "
        "secretariat" in body
    )
    assert "Your password stays the same: log in as usual" in body
    assert "set your password" not in body.lower()
    assert "Set your password" not in message.alternatives[0][0]
    assert "Log in as usual and accept" in message.alternatives[0][0]


def test_a_new_persons_email_differs_from_an_existing_accounts(secretariat_user):
    invitation = Invitation.objects.create(
        email="Someone.New@Gov.example", member_state_id="MEX", language="en"
    )
    deliver_invitation(invitation.pk)
    assert "Open this link to set your password" in mail.outbox[0].body


def test_holding_the_link_is_not_enough_for_an_existing_account(client, existing_invited):
    alice, path = existing_invited
    page = client.get(path)
    assert page.status_code == 200
    assert "Log in to accept" in page.content.decode()
    assert page.context["login_url"] == f"/en/accounts/login/?{urlencode({'next': path})}"
    # Someone holding the link posts a password: refused, nothing accepted or changed.
    forced = client.post(
        path, {"full_name": "Mallory", "password1": "taken-over-1", "password2": "taken-over-1"}
    )
    assert forced.status_code == 403
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD) and alice.full_name == "Alice Focal"
    assert not alice.focal_point_memberships.filter(member_state_id="PHL").exists()
    assert Invitation.objects.get().accepted_at is None
    # Logged in as another account: refused too.
    client.force_login(UserFactory())
    other = client.post(path)
    assert other.status_code == 403
    assert "but this invitation is for" in other.content.decode()
    assert not alice.focal_point_memberships.filter(member_state_id="PHL").exists()


def test_the_one_door_never_sets_an_existing_accounts_password(existing_invited):
    alice, _path = existing_invited
    token = invitation_token(Invitation.objects.get())
    with pytest.raises(InvitationInvalid, match="other_account"):
        accept_invitation(token, password="taken-over-1", user=UserFactory())
    accept_invitation(token, full_name="Mallory", password="taken-over-1")
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD) and alice.full_name == "Alice Focal"


def test_existing_account_logs_in_as_usual_and_accepts(client, existing_invited):
    alice, path = existing_invited
    # The page's login link brings Alice back to the Accept button.
    login_url = client.get(path).context["login_url"]
    logged_in = client.post(login_url, {"username": alice.email, "password": PASSWORD})
    assert logged_in["Location"] == path
    page = client.get(path)
    assert page.status_code == 200
    assert "Accepting makes it the authorizing official of Philippines" in " ".join(
        page.content.decode().split()
    )
    response = client.post(path, follow=True)
    assert response.redirect_chain[0] == ("/en/workspace/", 302)
    assert (
        "You are now the authorizing official of Philippines: you sign off its review before it "
        "goes to the secretariat." in response.content.decode()
    )
    assert sorted(alice.focal_point_memberships.values_list("member_state_id", "role")) == [
        ("MEX", "focal_point"),
        ("PHL", "authorizing_official"),
    ]
    assert Invitation.objects.get().accepted_at is not None
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    entry = LogEntry.objects.get(action_flag=ADDITION)
    assert (entry.user, entry.object_id) == (
        alice,
        str(alice.focal_point_memberships.get(member_state_id="PHL").pk),
    )
    assert client.get(path).status_code == 410  # once


# --- (d) the lead focal point's team ---------------------------------------------------------


def test_lead_invites_an_official_of_their_own_state_who_accepts(
    client, focal_point, colleague, django_capture_on_commit_callbacks
):
    make_lead(focal_point)
    client.force_login(focal_point)
    page = client.get("/en/workspace/states/mex/team/")
    assert page.status_code == 200
    assert [m.user for m in page.context["memberships"]] == [focal_point, colleague]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            TEAM,
            {
                "email": "Olivia@Gov.example",
                "full_name": "Olivia Official",
                "role": OFFICIAL,
                "language": "en",
                "member_state": "FRA",  # not a field of this form: the page's State wins
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.member_state_id, invitation.role) == (
        "olivia@gov.example",
        "MEX",
        OFFICIAL,
    )
    assert invitation.invited_by == focal_point
    [message] = mail.outbox
    assert message.to == ["olivia@gov.example"]
    assert SIGN_OFF_WORDS in " ".join(message.body.split())
    page = client.get(TEAM)
    assert [i.email for i in page.context["pending"]] == ["olivia@gov.example"]
    client.logout()
    path = link_path(message)
    accepted = client.post(
        path,
        {
            "full_name": "Olivia O",
            "password1": "a-good-long-phrase",
            "password2": "a-good-long-phrase",
        },
    )
    assert accepted.status_code == 302
    membership = FocalPointMembership.objects.get(user__email="olivia@gov.example")
    assert (membership.member_state_id, membership.role, membership.is_lead) == (
        "MEX",
        OFFICIAL,
        False,
    )


def test_the_workspace_links_a_lead_to_their_team(client, focal_point, colleague):
    make_lead(focal_point)
    client.force_login(focal_point)
    assert (
        '<a href="/en/workspace/states/MEX/team/">Team of Mexico</a>'
        in client.get("/en/workspace/").content.decode()
    )
    client.force_login(colleague)
    assert "/en/workspace/states/MEX/team/" not in client.get("/en/workspace/").content.decode()


@pytest.mark.parametrize("persona", ["colleague", "official", "other_lead"])
def test_team_page_refused_to_a_non_lead_an_official_and_another_states_lead(
    client, focal_point, colleague, other_focal_point, persona
):
    people = {
        "colleague": colleague,  # a focal point of Mexico, not its lead
        "official": FocalPointFactory(member_state_id="MEX", role=OFFICIAL, is_lead=True).user,
        "other_lead": make_lead(other_focal_point, "FRA"),
    }
    client.force_login(people[persona])
    assert client.get(TEAM).status_code == 403
    response = client.post(
        TEAM, {"email": "x@gov.example", "role": "focal_point", "language": "en"}
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_team_page_wants_a_login_and_a_real_state(client, focal_point):
    assert client.get(TEAM)["Location"] == f"/en/accounts/login/?next={TEAM}"
    make_lead(focal_point)
    client.force_login(focal_point)
    assert client.get("/en/workspace/states/XXX/team/").status_code == 404
    assert client.get("/en/workspace/states/M%00X/team/").status_code == 404


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "a" * 300 + "@gov.example", "Ensure this value has at most 254 characters"),
        ("email", "not-an-address", "Enter a valid email address."),
        ("full_name", "Ana\x00Ruiz", "Null characters are not allowed."),
        ("role", "secretariat", "Select a valid choice. secretariat is not one of the"),
        ("language", "xx", "Select a valid choice. xx is not one of the available choices."),
    ],
)
def test_team_form_refuses_bad_input_at_the_field(client, focal_point, field, value, message):
    make_lead(focal_point)
    client.force_login(focal_point)
    data = {"email": "new@gov.example", "role": "focal_point", "language": "en", field: value}
    response = client.post(TEAM, data)
    assert response.status_code == 400
    assert any(e.startswith(message) for e in response.context["form"].errors[field])
    assert Invitation.objects.count() == 0


def test_team_form_refuses_someone_already_in_the_role(client, focal_point, colleague):
    make_lead(focal_point)
    client.force_login(focal_point)
    response = client.post(
        TEAM, {"email": colleague.email.upper(), "role": "focal_point", "language": "en"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        f"{colleague.email} already holds the role “Focal point” for Mexico."
    ]


def test_secretariat_sees_who_invited_whom_and_revokes_the_invitation(
    client, secretariat_user, focal_point, django_capture_on_commit_callbacks
):
    make_lead(focal_point)
    client.force_login(focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(TEAM, {"email": "bea@gov.example", "role": "focal_point", "language": "en"})
    invitation = Invitation.objects.get()
    path = link_path(mail.outbox[0])
    # The lead may not revoke (the secretariat does).
    assert client.post(f"/en/secretariat/invitations/{invitation.pk}/revoke/").status_code == 403
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/invitations/")
    row = re.search(r"<td>bea@gov\.example</td>.*?</tr>", page.content.decode(), re.S).group(0)
    assert "Mexico" in row and "Alice Focal" in row
    assert "Invited bea@gov.example as focal_point of MEX." in page.content.decode()
    url = f"/en/secretariat/invitations/{invitation.pk}/revoke/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert Invitation.objects.count() == 0
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert entry.user == secretariat_user
    assert entry.change_message.startswith(
        "Revoked the invitation of bea@gov.example (focal_point) sent by"
    )
    client.logout()
    assert client.get(path).status_code == 410  # the link no longer works
    client.force_login(secretariat_user)
    assert client.post(url).status_code == 404


def test_secretariat_revokes_a_membership_and_it_is_recorded(
    client, secretariat_user, focal_point, colleague
):
    membership = colleague.focal_point_memberships.get()
    url = f"/en/secretariat/memberships/{membership.pk}/revoke/"
    make_lead(focal_point)
    client.force_login(focal_point)
    assert client.post(url).status_code == 403
    client.force_login(secretariat_user)
    team = client.get(TEAM)
    assert team.status_code == 200 and f'action="{url}"' in team.content.decode()
    response = client.post(url)
    assert response["Location"] == TEAM
    assert not FocalPointMembership.objects.filter(pk=membership.pk).exists()
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert (entry.user, entry.object_id, entry.change_message) == (
        secretariat_user,
        str(membership.pk),
        f"Revoked the membership of {colleague.email} (focal_point) of MEX.",
    )
    assert client.post(url).status_code == 404
    assert client.post("/en/secretariat/memberships/0/revoke/").status_code == 404


def test_lead_of_mexico_cannot_reach_another_state_through_the_form(client, focal_point):
    make_lead(focal_point)
    client.force_login(focal_point)
    assert client.get("/en/workspace/states/FRA/team/").status_code == 403
    assert MemberState.objects.filter(iso3="FRA").exists()


def test_the_demo_makes_fatima_the_lead_focal_point_of_mexico(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", "--force", stdout=io.StringIO())
    leads = FocalPointMembership.objects.filter(is_lead=True)
    assert [(m.user.email, m.member_state_id) for m in leads] == [
        ("focal.point@example.org", "MEX")
    ]


def test_the_admin_names_a_lead_focal_point(client, focal_point):
    membership = focal_point.focal_point_memberships.get()
    client.force_login(administrator())
    url = f"/admin/reviews/focalpointmembership/{membership.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="is_lead"' in page.content.decode()
    data = {"user": focal_point.pk, "member_state": "MEX", "role": "focal_point", "is_lead": "on"}
    assert client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.is_lead is True
