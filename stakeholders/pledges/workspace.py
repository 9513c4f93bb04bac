"""The pledges part of a person's workspace (registered with `reviews.workspaces`): the States
and organisations they may pledge for, each with a "Start a pledge" button while an IMRF cycle
is open, and the pledges of those States and organisations."""

from django.db.models import Q

from reviews.models import MemberState
from reviews.workspaces import WorkspaceSection, register
from stakeholders.models import Pledge
from stakeholders.pledges.pledgers import (
    organization_may_pledge,
    organizations_pledging,
    pledging_cycle,
    states_pledging,
)


def pledge_rows(user) -> list[dict]:
    """One row per State or organisation the person pledges for: its pledges and whether a
    new one can be started now. Empty (the section hidden) for anyone else."""
    states, organizations = states_pledging(user), organizations_pledging(user)
    if not states and not organizations:
        return []
    cycle = pledging_cycle()
    pledges = list(
        Pledge.objects.filter(
            Q(member_state_id__in=states) | Q(organization__in=organizations)
        )
        .select_related("cycle")
        .only("pk", "title", "status", "reference", "member_state_id", "organization_id",
              "cycle__title", "cycle__year", "progress", "published_revision_id")
        .order_by("-cycle__year", "-created_at", "pk")
    )  # fmt: skip
    rows = [
        {
            "pledger": state,
            "kind": "state",
            "key": state.iso3,
            "can_start": cycle is not None,
            "pledges": [p for p in pledges if p.member_state_id == state.iso3],
        }
        for state in MemberState.objects.filter(iso3__in=states).order_by("name")
    ]
    rows += [
        {
            "pledger": organization,
            "kind": "organization",
            "key": organization.pk,
            "can_start": organization_may_pledge(organization, cycle),
            "pledges": [p for p in pledges if p.organization_id == organization.pk],
        }
        for organization in organizations
    ]
    return rows


def register_section() -> None:
    register(
        WorkspaceSection(
            slug="pledges",
            template="stakeholders/pledges/_workspace_section.html",
            rows=pledge_rows,
        )
    )
