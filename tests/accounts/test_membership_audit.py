"""Every grant, change and removal of a State or regional membership, by any door, is in the
audit trail (admin LogEntry rows): who did it, whose membership, what."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from regional.invitations import invite_reporter
from regional.models import RegionalReporterMembership
from reviews.invitations import accept_invitation, invitation_token, invite_focal_point
from reviews.models import FocalPointMembership, MemberState, RegionalCommission
from tests import factories
from tests.personas import secretariat_member

pytestmark = pytest.mark.django_db


def _entry(model, flag):
    """The one trail entry of `flag` on a `model` row."""
    kind = ContentType.objects.get_for_model(model)
    return LogEntry.objects.get(content_type=kind, action_flag=flag)


@pytest.fixture
def sam(client):
    sam = secretariat_member(email="sam@un.example")
    client.force_login(sam)
    return sam


def test_admin_grant_is_recorded(client, sam):
    alice = factories.UserFactory(email="alice@gov.example")
    response = client.post(
        "/admin/reviews/focalpointmembership/add/",
        {"user": alice.pk, "member_state": "MEX", "role": "focal_point"},
    )
    assert response.status_code == 302
    entry = _entry(FocalPointMembership, ADDITION)
    membership = FocalPointMembership.objects.get(user=alice)
    assert (entry.user, entry.object_id) == (sam, str(membership.pk))
    assert entry.get_change_message() == (
        f"Gave the membership {membership} (user alice@gov.example)."
    )


def test_admin_regional_grant_is_recorded(client, sam):
    rita = factories.UserFactory(email="rita@ece.example")
    ece = RegionalCommission.objects.get(code="ECE")
    response = client.post(
        "/admin/regional/regionalreportermembership/add/", {"user": rita.pk, "commission": ece.pk}
    )
    assert response.status_code == 302
    entry = _entry(RegionalReporterMembership, ADDITION)
    assert entry.user == sam
    assert "(user rita@ece.example)" in entry.get_change_message()


def test_admin_change_of_role_is_recorded_with_old_and_new(client, sam):
    membership = factories.FocalPointFactory(user__email="alice@gov.example")
    response = client.post(
        f"/admin/reviews/focalpointmembership/{membership.pk}/change/",
        {"user": membership.user.pk, "member_state": "MEX", "role": "authorizing_official"},
    )
    assert response.status_code == 302
    entry = _entry(FocalPointMembership, CHANGE)
    assert entry.user == sam
    assert entry.get_change_message().endswith(
        "(user alice@gov.example): Role: Focal point → Authorizing official."
    )


def test_admin_change_list_lead_is_recorded(client, sam):
    membership = factories.FocalPointFactory(user__email="alice@gov.example")
    response = client.post(
        "/admin/reviews/focalpointmembership/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": membership.pk,
            "form-0-is_lead": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    entry = _entry(FocalPointMembership, CHANGE)
    assert entry.user == sam
    assert entry.get_change_message().endswith(
        "(user alice@gov.example): Lead focal point: no → yes."
    )


def test_admin_deletion_is_recorded(client, sam):
    membership = factories.FocalPointFactory(user__email="alice@gov.example")
    text = str(membership)
    url = f"/admin/reviews/focalpointmembership/{membership.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = _entry(FocalPointMembership, DELETION)
    assert entry.user == sam
    assert entry.get_change_message() == f"Removed the membership {text} (user alice@gov.example)."


def test_admin_bulk_deletion_is_recorded_per_membership(client, sam):
    rows = [factories.RegionalReporterFactory() for _ in range(2)]
    response = client.post(
        "/admin/regional/regionalreportermembership/",
        {"action": "delete_selected", "_selected_action": [r.pk for r in rows], "post": "yes"},
    )
    assert response.status_code == 302
    kind = ContentType.objects.get_for_model(RegionalReporterMembership)
    entries = LogEntry.objects.filter(content_type=kind, action_flag=DELETION, user=sam)
    assert sorted(e.get_change_message() for e in entries) == sorted(
        f"Removed the membership {r} (user {r.user.email})." for r in rows
    )


def test_accepting_a_state_invitation_is_recorded(sam):
    invitation = invite_focal_point(
        email="alice@gov.example",
        member_state=MemberState.objects.get(iso3="MEX"),
        role="focal_point",
        language="en",
        by=sam,
    )
    alice = accept_invitation(invitation_token(invitation), full_name="Alice", password=None)
    entry = _entry(FocalPointMembership, ADDITION)
    assert entry.user == alice
    assert entry.object_id == str(alice.focal_point_memberships.get().pk)
    assert entry.get_change_message() == (
        f"Accepted the invitation {invitation.pk} sent by sam@un.example."
    )


def test_accepting_a_regional_invitation_is_recorded(sam):
    invitation = invite_reporter(
        email="rita@ece.example",
        language="en",
        by=sam,
        commission=RegionalCommission.objects.get(code="ECE"),
    )
    rita = accept_invitation(invitation_token(invitation), full_name="Rita", password=None)
    entry = _entry(RegionalReporterMembership, ADDITION)
    assert entry.user == rita
    assert entry.object_id == str(rita.regional_memberships.get().pk)
    assert entry.get_change_message() == (
        f"Accepted the invitation {invitation.pk} sent by sam@un.example: "
        "reporter for commission:ECE."
    )


def test_revoking_on_the_team_page_is_recorded(client, sam):
    membership = factories.FocalPointFactory(user__email="alice@gov.example")
    response = client.post(f"/en/secretariat/memberships/{membership.pk}/revoke/")
    assert response.status_code == 302
    entry = _entry(FocalPointMembership, DELETION)
    assert entry.user == sam
    assert entry.get_change_message() == (
        "Revoked the membership of alice@gov.example (focal_point) of MEX."
    )
