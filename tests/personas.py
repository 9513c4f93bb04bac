"""The people of the portal, made for a given State or regional body.

Each factory returns a saved user holding exactly one role, so that a test names who acts
(`focal_point_of("GHA")`, `reporter_of(commission="ECE")`) rather than how the role is stored.
`cast()` gathers the personas of the permission table around one State: national reviews use
it today; regional reports and stakeholder inputs reuse it with their own body.
"""

from django.contrib.auth.models import Group

from gcm_portal.roles import SECRETARIAT_GROUP
from reviews.models import FocalPointMembership, RegionalCommission
from tests import factories


def focal_point_of(iso3: str, **user_fields):
    """A government focal point of the State: drafts, edits and submits its reviews."""
    return factories.FocalPointFactory(
        member_state_id=iso3, **{f"user__{k}": v for k, v in user_fields.items()}
    ).user


def authorizing_official_of(iso3: str, **user_fields):
    """The State's authorizing official: reads and signs off, never drafts.

    From the moment one exists, the State's submissions wait for sign-off: make them after
    the reviews a test submits, or before on purpose.
    """
    return factories.FocalPointFactory(
        member_state_id=iso3,
        role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL,
        **{f"user__{k}": v for k, v in user_fields.items()},
    ).user


def reporter_of(*, commission: str | None = None, process=None, **user_fields):
    """A reporter of one regional commission (by code, "ECE") or of one regional process."""
    if (commission is None) == (process is None):
        raise TypeError("reporter_of: give a commission code or a process, not both")
    body = (
        {"commission": RegionalCommission.objects.get(code=commission)}
        if commission
        else {"commission": None, "process": process}
    )
    user_kwargs = {f"user__{k}": v for k, v in user_fields.items()}
    return factories.RegionalReporterFactory(**body, **user_kwargs).user


def secretariat_member(**user_fields):
    """Network secretariat staff: moderates, invites, and reads the admin it is allowed."""
    user = factories.UserFactory(is_staff=True, **user_fields)
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return user


def administrator(**user_fields):
    """Technical staff: a superuser, for the Django admin."""
    return factories.UserFactory(is_staff=True, is_superuser=True, **user_fields)


def cast(*, state: str, other_state: str, commission: str, **made) -> dict:
    """The personas of the permission table for one State's documents (None: anonymous).

    `commission`: the regional body of the reporter (the State's own one makes the sharper
    test: sharing a region must not open a State's drafts). `made`: personas that exist
    already, by name (the focal point who drafted the review), instead of new ones.
    """
    factories_by_name = {
        "anonymous": lambda: None,
        "focal_point": lambda: focal_point_of(state, full_name="Alice Focal"),
        "colleague": lambda: focal_point_of(state, full_name="Bob Colleague"),
        "other_state": lambda: focal_point_of(other_state, full_name="Charlie Other"),
        "official": lambda: authorizing_official_of(state, full_name="Olivia Official"),
        "reporter": lambda: reporter_of(commission=commission, full_name="Rita Reporter"),
        "secretariat": lambda: secretariat_member(full_name="Sam Secretariat"),
        "admin": lambda: administrator(full_name="Ada Admin"),
    }
    unknown = set(made) - set(factories_by_name)
    if unknown:
        raise TypeError(f"cast: no persona named {', '.join(sorted(unknown))}")
    return {
        name: made[name] if name in made else make() for name, make in factories_by_name.items()
    }
