"""Who takes part in an event, as the public sees it and as a regional report lists it.

- `organizations(event)`: the participating organisations (approved registrations), each named
  once whatever the spelling of its registrants (`normalize_organization`), with its category.
- `public_participants(event)`: approved registrants who agreed to appear on the public list:
  name, organisation, country of residence. Never an erased registration.
- `for_meeting(meeting)`: the same list for a regional review meeting (an object with
  `.cycle_id` and `.body_key`, the regional app's), the source of part (vi) of its report
  (`regional.participants`; gcm_portal wires the two apps, which never import each other).

Each reads one query, whatever the number of registrations.
"""

import unicodedata

from stakeholders.models import Event, Registration


def normalize_organization(name: str) -> str:
    """The key two spellings of one organisation share: "  UNHCR " and "unhcr"."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def approved(event_or_events):
    events = [event_or_events] if isinstance(event_or_events, Event) else event_or_events
    return Registration.objects.filter(status=Registration.Status.APPROVED, event__in=events)


def organizations(event) -> list[dict]:
    """[{"name", "category"}] sorted by name; the first spelling registered names it."""
    rows = (
        approved(event)
        .filter(erased_at__isnull=True)
        .exclude(organization="")
        .select_related("category")
        .order_by("created_at", "pk")
    )
    seen: dict[str, dict] = {}
    for registration in rows:
        key = normalize_organization(registration.organization)
        if key and key not in seen:
            seen[key] = {
                "name": " ".join(registration.organization.split()),
                "category": registration.category.name,
            }
    return sorted(seen.values(), key=lambda o: o["name"].casefold())


def _listed(registrations) -> list[dict]:
    rows = (
        registrations.filter(consent_public_list=True, erased_at__isnull=True)
        .select_related("residence")
        .order_by("full_name", "pk")
    )
    people = [
        {"name": r.full_name, "organization": r.organization, "country": r.residence.name}
        for r in rows
    ]
    return sorted(people, key=lambda p: (p["name"].casefold(), p["organization"]))


def public_participants(event) -> list[dict]:
    """Approved registrants who consented to the public list: name, organisation, country."""
    return _listed(approved(event))


def for_meeting(meeting) -> list[dict]:
    """The consenting approved participants of the events of a regional review meeting."""
    events = Event.objects.filter(
        kind=Event.Kind.REGIONAL, cycle_id=meeting.cycle_id, body=meeting.body_key
    )
    return _listed(approved(events))
