import pytest
from django.contrib.auth.models import Group

from reviews.permissions import SECRETARIAT_GROUP, is_focal_point, is_secretariat, member_state_ids
from tests.factories import FocalPointFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_secretariat_group_exists_after_migrate_with_its_permissions():
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"invite_focal_point", "invite_regional_reporter", "change_reviewcycle"} <= codenames


def test_secretariat_reads_but_does_not_change_reference_data(secretariat_user):
    assert secretariat_user.has_perm("reviews.view_memberstate")
    assert not secretariat_user.has_perm("reviews.change_memberstate")
    assert not secretariat_user.has_perm("reviews.change_objective")
    assert secretariat_user.has_perm("reviews.change_reviewcycle")
    assert is_secretariat(secretariat_user)


def test_focal_point_of_several_states():
    membership = FocalPointFactory(member_state_id="MEX")
    FocalPointFactory(user=membership.user, member_state_id="PHL")
    assert member_state_ids(membership.user) == {"MEX", "PHL"}
    assert is_focal_point(membership.user)
    assert not is_secretariat(membership.user)


def test_a_plain_user_has_no_role():
    user = UserFactory()
    assert (is_secretariat(user), is_focal_point(user)) == (False, False)
