"""Regional review meetings, as the stakeholders app sees them: plain dicts from a registry.

The meetings belong to the `regional` app, which `stakeholders` never imports: the app that
wires both (gcm_portal) registers a source here from its `AppConfig.ready()`. A source is a
callable `() -> list of {"cycle_id", "body", "title", "starts_on", "ends_on", "venue",
"mode"}`, one dict per meeting, `body` naming the regional body as documents and events do (a
commission's code such as "ECE", or a regional process's slug). Without a source there are no
meetings: events of regional review meetings then simply name no meeting.

A source is read once per call (one query in the wiring), whatever the number of events.
"""

from collections.abc import Callable

_SOURCES: list[Callable] = []


def register_meeting_source(source: Callable) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def meeting_key(cycle_id, body: str) -> str:
    """The identifier of a meeting in forms and addresses: "<cycle id>:<body>"."""
    return f"{cycle_id}:{body}"


def all_meetings() -> list[dict]:
    """Every meeting of every source, each with its `key`, latest first."""
    found = []
    for source in _SOURCES:
        for meeting in source():
            found.append({**meeting, "key": meeting_key(meeting["cycle_id"], meeting["body"])})
    return sorted(found, key=lambda m: (m["starts_on"], m["key"]), reverse=True)


def meeting_by_key(key: str) -> dict | None:
    return next((m for m in all_meetings() if m["key"] == key), None)


def meeting_for(event) -> dict | None:
    """The regional review meeting an event of a regional meeting stands for, or None."""
    if not event.body or event.cycle_id is None:
        return None
    return meeting_by_key(meeting_key(event.cycle_id, event.body))
