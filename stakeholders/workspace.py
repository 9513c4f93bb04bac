"""The stakeholder part of a person's workspace (registered with `reviews.workspaces`): the
written inputs they are an author of."""

from reviews.workspaces import WorkspaceSection, register
from stakeholders.models import StakeholderInput


def input_rows(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    inputs = (
        StakeholderInput.objects.filter(authors=user)
        .select_related("cycle", "event")
        .defer("section_1")
        .order_by("-cycle__year", "organization", "pk")
    )
    return [{"document": i, "cycle": i.cycle} for i in inputs]


def register_section() -> None:
    register(
        WorkspaceSection(
            slug="stakeholder_inputs",
            template="stakeholders/inputs/_workspace_section.html",
            rows=input_rows,
        )
    )
