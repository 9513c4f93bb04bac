"""What the workspace lists besides a person's national reviews: sections that apps register.

The workspace (`reviews.views.workspace.workspace`) shows a person's national reviews per State,
then each registered section that has rows for them (the regional reports and Annex 3 inputs
they may draft, with their due dates). An app registers its section from `AppConfig.ready()`,
so reviews never imports it; the section's template is included with `rows`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkspaceSection:
    slug: str
    template: str  # included with `rows` (and `section`)
    rows: Callable  # (user) -> list: what the person may draft; empty: the section is not shown


_SECTIONS: dict[str, WorkspaceSection] = {}


def register(section: WorkspaceSection) -> None:
    _SECTIONS[section.slug] = section


def sections_for(user) -> list[tuple[WorkspaceSection, list]]:
    """(section, rows) for each registered section with rows for this person, in order."""
    found = []
    for section in _SECTIONS.values():
        rows = section.rows(user)
        if rows:
            found.append((section, rows))
    return found
