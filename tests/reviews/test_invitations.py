import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reviews.invitations import deliver_invitation, invitation_token
from reviews.models import FocalPointMembership, Invitation

pytestmark = pytest.mark.django_db


def invite(client, secretariat_user, django_capture_on_commit_callbacks, **overrides):
    client.force_login(secretariat_user)
    data = {
        "email": "New.Person@Gov.example",
        "full_name": "Nadia New",
        "member_state": "MEX",
        "role": "focal_point",
        "language": "es",
        **overrides,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/secretariat/invitations/", data)
    client.logout()
    return response


def test_secretariat_invites_and_the_email_is_in_the_recipients_language(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    response = invite(client, secretariat_user, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@gov.example"]
    assert "México" in message.subject  # the State in the recipient's language (UNTERM)
    assert "/es/accounts/invitation/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_invitation_link_sets_a_password_once(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    invite(client, secretariat_user, django_capture_on_commit_callbacks)
    path = re.search(r"https?://[^/]+(/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(
        path,
        {
            "full_name": "Nadia New",
            "password1": "a-good-long-phrase",
            "password2": "a-good-long-phrase",
        },
    )
    assert response["Location"] == "/es/workspace/"  # the invitation's language
    membership = FocalPointMembership.objects.get(user__email="new.person@gov.example")
    assert membership.member_state_id == "MEX"
    assert membership.user.check_password("a-good-long-phrase")
    client.logout()
    again = client.get(path.replace("/es/", "/en/", 1))
    assert again.status_code == 410
    assert "has been used already" in again.content.decode()


def test_mismatched_passwords_are_explained_and_the_name_kept(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    invite(client, secretariat_user, django_capture_on_commit_callbacks)
    token = invitation_token(Invitation.objects.get())
    response = client.post(
        f"/en/accounts/invitation/{token}/",
        {
            "full_name": "Nadia Typed",
            "password1": "a-good-long-phrase",
            "password2": "other-phrase",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The two passwords differ." in html and 'value="Nadia Typed"' in html


@pytest.mark.parametrize(
    "password,message",
    [
        ("new.person@gov.example", "The password is too similar to the e-mail address."),
        ("Nadia Newcomer", "The password is too similar to the full name."),
        ("password123", "This password is too common."),
        ("short-1", "This password is too short. It must contain at least 12 characters."),
    ],
)
def test_accepting_checks_the_password_like_everywhere_else(
    client, secretariat_user, django_capture_on_commit_callbacks, password, message
):
    invite(client, secretariat_user, django_capture_on_commit_callbacks)
    token = invitation_token(Invitation.objects.get())
    response = client.post(
        f"/en/accounts/invitation/{token}/",
        {"full_name": "Nadia Newcomer", "password1": password, "password2": password},
    )
    assert response.status_code == 400
    assert message in response.context["form"].errors["password1"]
    assert not FocalPointMembership.objects.filter(user__email="new.person@gov.example").exists()
    assert Invitation.objects.get().accepted_at is None


def test_accept_invitation_itself_refuses_a_weak_password(
    secretariat_user, django_capture_on_commit_callbacks, client
):
    """The one door: no caller of accept_invitation can skip the validators."""
    from django.core.exceptions import ValidationError

    from reviews.invitations import accept_invitation

    invite(client, secretariat_user, django_capture_on_commit_callbacks)
    token = invitation_token(Invitation.objects.get())
    with pytest.raises(ValidationError):
        accept_invitation(token, full_name="Nadia", password="new.person@gov.example")
    assert Invitation.objects.get().accepted_at is None


def test_expired_and_forged_links_are_refused(
    client, secretariat_user, django_capture_on_commit_callbacks, monkeypatch
):
    from reviews import invitations

    invite(client, secretariat_user, django_capture_on_commit_callbacks)
    token = invitation_token(Invitation.objects.get())
    # Seven days later: the signature's age is checked against INVITATION_MAX_AGE.
    monkeypatch.setattr(invitations, "INVITATION_MAX_AGE", timedelta(seconds=-1))
    expired = client.get(f"/en/accounts/invitation/{token}/")
    assert expired.status_code == 410
    assert "more than seven days old" in expired.content.decode()
    monkeypatch.undo()
    assert client.get(f"/en/accounts/invitation/{token}/").status_code == 200
    forged = client.get(f"/en/accounts/invitation/{token[:-2]}xx/")
    assert forged.status_code == 410
    assert "incomplete or has been changed" in forged.content.decode()


def test_existing_user_gains_a_second_state(
    client, secretariat_user, focal_point, django_capture_on_commit_callbacks
):
    invite(
        client,
        secretariat_user,
        django_capture_on_commit_callbacks,
        email=focal_point.email,
        member_state="PHL",
    )
    token = invitation_token(Invitation.objects.get())
    # Holding the link is not enough: the account's holder logs in as usual, then accepts.
    assert client.post(f"/en/accounts/invitation/{token}/").status_code == 403
    client.force_login(focal_point)
    response = client.post(f"/en/accounts/invitation/{token}/")
    assert response.status_code == 302
    assert sorted(
        focal_point.focal_point_memberships.values_list("member_state_id", flat=True)
    ) == ["MEX", "PHL"]


@pytest.mark.parametrize("persona", ["focal_point", "other_focal_point"])
def test_only_the_secretariat_invites(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/en/secretariat/invitations/").status_code == 403


def test_invitation_form_errors_at_the_field(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        "/en/secretariat/invitations/",
        {"email": "not-an-address", "member_state": "XXX", "role": "focal_point", "language": "en"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="not-an-address"' in html


def test_delivery_is_idempotent(secretariat_user):
    from reviews.models import MemberState

    invitation = Invitation.objects.create(
        email="x@gov.example", member_state=MemberState.objects.get(iso3="MEX"), language="fr"
    )
    assert deliver_invitation(invitation.pk) is True
    assert deliver_invitation(invitation.pk) is False
    assert len(mail.outbox) == 1
    assert deliver_invitation(999_999) is False  # a row that no longer exists


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_broker_down_the_invitation_is_saved_and_the_sweep_sends_it(
    client, reference_data, redis_outage
):
    """A real outage: redis-server stopped while the secretariat invites someone."""
    from django.contrib.auth.models import Group

    from reviews.permissions import SECRETARIAT_GROUP
    from reviews.tasks import sweep_invitations
    from tests.factories import UserFactory

    secretariat = UserFactory(is_staff=True)
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    client.force_login(secretariat)
    data = {"email": "late@gov.example", "member_state": "MEX", "role": "focal_point",
            "language": "en"}  # fmt: skip
    with redis_outage():
        response = client.post("/en/secretariat/invitations/", data)
    assert response.status_code == 302  # the request neither failed nor hung
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None and mail.outbox == []

    # The periodic sweep (run here in-process, as beat would queue it) finds and sends it.
    Invitation.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    from gcm_portal import celery_app

    celery_app.conf.task_always_eager = True
    assert sweep_invitations() == 1
    assert [m.to for m in mail.outbox] == [["late@gov.example"]]
    assert deliver_invitation(invitation.pk) is False  # and never twice


def test_the_invitation_form_lists_the_states_in_the_readers_order(client, secretariat_user):
    """French: "Afrique du Sud" and "Allemagne" among the A, not under S and G."""
    client.force_login(secretariat_user)
    html = client.get("/fr/secretariat/invitations/").content.decode()
    select = re.search(r'<select name="member_state".*?</select>', html, re.S).group(0)
    names = re.findall(r'<option value="[A-Z]{3}"[^>]*>([^<]*)', select)
    assert names[:5] == ["Afghanistan", "Afrique du Sud", "Albanie", "Algérie", "Allemagne"]
