"""Separation of duties: nobody gives themself a State or regional membership, by any door (the
admin, an invitation, accepting one), nor raises their own powers in the user admin."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from regional.invitations import invite_reporter
from regional.models import RegionalReporterMembership
from reviews.invitations import (
    InvitationInvalid,
    accept_invitation,
    invitation_token,
    invite_focal_point,
)
from reviews.membership_admin import MembershipAdminMixin
from reviews.models import FocalPointMembership, Invitation, MemberState, RegionalCommission
from tests import factories
from tests.personas import administrator, secretariat_member

pytestmark = pytest.mark.django_db

SELF_GRANT = "You cannot give yourself a membership; another member of the secretariat must do it."
SELF_INVITATION = "You cannot invite your own address: someone else must give you a membership."


def _membership_models():
    """Every model the admin registers that gives a user a membership of something."""
    User = get_user_model()
    return [
        model
        for model in admin.site._registry
        if model.__name__.endswith("Membership")
        and getattr(model._meta.get_field("user"), "related_model", None) is User
    ]


def _add_data(model, user) -> dict:
    """What the admin's add form needs, per membership model (a new one must be added here)."""
    return {
        FocalPointMembership: {
            "user": user.pk,
            "member_state": "MEX",
            "role": "focal_point",
        },
        RegionalReporterMembership: {
            "user": user.pk,
            "commission": RegionalCommission.objects.get(code="ECE").pk,
        },
    }[model]


def _add_url(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"


def test_the_membership_admins_are_the_known_two_and_all_refuse_self():
    models = _membership_models()
    assert set(models) == {FocalPointMembership, RegionalReporterMembership}
    for model in models:
        assert isinstance(admin.site._registry[model], MembershipAdminMixin), model


@pytest.mark.parametrize("model", _membership_models(), ids=lambda m: m.__name__)
def test_admin_refuses_a_membership_for_oneself_at_the_field(client, model):
    sam = secretariat_member()
    client.force_login(sam)
    response = client.post(_add_url(model), _add_data(model, sam))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors["user"]) == [SELF_GRANT]
    assert model.objects.filter(user=sam).count() == 0
    other = factories.UserFactory()
    assert client.post(_add_url(model), _add_data(model, other)).status_code == 302
    assert model.objects.filter(user=other).count() == 1


def test_admin_refuses_changing_ones_own_membership(client):
    sam = secretariat_member()
    own = factories.FocalPointFactory(user=sam, member_state_id="MEX")
    client.force_login(sam)
    url = f"/admin/reviews/focalpointmembership/{own.pk}/change/"
    response = client.post(
        url, {"user": sam.pk, "member_state": "MEX", "role": "focal_point", "is_lead": "on"}
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors["user"]) == [SELF_GRANT]
    own.refresh_from_db()
    assert own.is_lead is False


def _changelist_post(client, membership, is_lead):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": membership.pk,
        "_save": "Save",
    }
    if is_lead:
        data["form-0-is_lead"] = "on"
    return client.post("/admin/reviews/focalpointmembership/", data)


def test_admin_change_list_refuses_making_oneself_lead(client):
    sam = secretariat_member()
    own = factories.FocalPointFactory(user=sam, member_state_id="MEX")
    client.force_login(sam)
    response = _changelist_post(client, own, is_lead=True)
    assert response.status_code == 200
    assert SELF_GRANT in response.text
    own.refresh_from_db()
    assert own.is_lead is False


def test_admin_invitation_to_ones_own_address_is_refused_and_others_record_the_maker(client):
    sam = administrator(email="sam@un.example")  # the secretariat has no add here
    client.force_login(sam)
    data = {"email": "SAM@un.example", "member_state": "MEX", "role": "focal_point"}
    data.update(language="en", grant="", grant_key="", full_name="")
    response = client.post("/admin/reviews/invitation/add/", data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors["email"]) == [SELF_GRANT]
    assert Invitation.objects.count() == 0
    data["email"] = "someone@gov.example"
    assert client.post("/admin/reviews/invitation/add/", data).status_code == 302
    assert Invitation.objects.get().invited_by == sam


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/en/secretariat/invitations/", {"member_state": "MEX", "role": "focal_point"}),
        ("/en/workspace/states/MEX/team/", {"role": "authorizing_official"}),
        ("/en/secretariat/regional/invitations/", {"commission": "ECE"}),
    ],
    ids=["secretariat", "lead-team", "regional"],
)
def test_invitation_to_ones_own_address_is_refused_at_the_field(client, url, data):
    sam = secretariat_member(email="sam@un.example")
    if "team" in url:  # the State's lead focal point invites there
        sam = factories.FocalPointFactory(member_state_id="MEX", is_lead=True).user
    if data.get("commission"):
        data = {**data, "commission": RegionalCommission.objects.get(code="ECE").pk}
    client.force_login(sam)
    response = client.post(url, {"email": sam.email.upper(), "language": "en", **data})
    assert response.status_code == 400
    assert list(response.context["form"].errors["email"]) == [SELF_INVITATION]
    assert Invitation.objects.count() == 0


def test_ones_own_invitation_cannot_be_accepted_by_oneself(client):
    sam = secretariat_member(email="sam@un.example")
    mexico = MemberState.objects.get(iso3="MEX")
    # Made past the forms (as a script could): accepting still refuses it.
    national = invite_focal_point(
        email=sam.email, member_state=mexico, role="focal_point", language="en", by=sam
    )
    regional = invite_reporter(
        email=sam.email,
        language="en",
        by=sam,
        commission=RegionalCommission.objects.get(code="ECE"),
    )
    for invitation in (national, regional):
        with pytest.raises(InvitationInvalid, match="own_invitation"):
            accept_invitation(invitation_token(invitation), user=sam)
    client.force_login(sam)
    path = f"/en/accounts/invitation/{invitation_token(national)}/"
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 403
        assert "You sent this invitation: it cannot be accepted by your own account." in (
            response.text
        )
    assert not FocalPointMembership.objects.filter(user=sam).exists()
    assert not RegionalReporterMembership.objects.filter(user=sam).exists()
    assert Invitation.objects.filter(accepted_at__isnull=False).count() == 0


def _user_change(client, user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language or "en",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **changes,
    }
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data)


def test_a_staff_member_cannot_raise_their_own_powers_in_the_user_admin(client):
    editor = factories.UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(editor)
    page = client.get(f"/admin/accounts/user/{editor.pk}/change/")
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.text
    assert 'name="groups"' not in page.text
    all_perms = list(Permission.objects.values_list("pk", flat=True)[:5])
    response = _user_change(
        client,
        editor,
        is_staff="on",
        is_superuser="on",
        groups=[1],
        user_permissions=all_perms,
        full_name="Renamed Editor",
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.full_name == "Renamed Editor"  # their own details, yes
    assert editor.is_superuser is False
    assert editor.groups.count() == 0
    assert editor.user_permissions.count() == 2


def test_an_administrator_still_sets_someone_elses_powers(client):
    client.force_login(administrator())
    other = factories.UserFactory()
    page = client.get(f"/admin/accounts/user/{other.pk}/change/")
    assert 'name="is_superuser"' in page.text
    response = _user_change(client, other, is_staff="on")
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.is_staff is True
