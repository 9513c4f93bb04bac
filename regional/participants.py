"""The list of participants of a regional review meeting, for part (vi) of its report.

The list comes from the meeting's approved registrations whose registrants consented to be
listed. Registrations belong to the `stakeholders` app, which `regional` never imports; so the
app that holds them registers a source here, from its `AppConfig.ready()`. Until one is
registered (event registration is not built yet), `participants_of` answers None and the
reporters write (vi) by hand; the report's workspace says so.

A source is a callable `(meeting) -> iterable of {"name", "organization", "country"}` that
returns only approved registrations that consented to be listed.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

_SOURCES: list[Callable] = []


def register_participants_source(source: Callable) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def participants_of(meeting) -> list[dict] | None:
    """The consenting approved participants, sorted by name; None while no source exists."""
    if not _SOURCES:
        return None
    people = [person for source in _SOURCES for person in source(meeting)]
    return sorted(people, key=lambda p: (p["name"].casefold(), p.get("organization", "")))


def as_markdown(participants: list[dict]) -> str:
    """The list as a Markdown table for (vi), in the active language."""

    def cell(text) -> str:
        return " ".join(str(text or "").replace("|", "/").split())

    name, organization, country = _("Name"), _("Organization"), _("Country")
    lines = [
        f"| {name} | {organization} | {country} |",
        "|---|---|---|",
        *(
            f"| {cell(p['name'])} | {cell(p.get('organization'))} | {cell(p.get('country'))} |"
            for p in participants
        ),
    ]
    return "\n".join(lines) + "\n"
