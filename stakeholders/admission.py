"""Registration follows accreditation (issue 19 item 4): whose people may register for an IMRF.

An IMRF edition that runs special accreditation (its `accreditation_deadline` is set:
`follows_accreditation`) asks each registrant for their organisation as a record. The
organisations that can take part in that edition (`eligible_organizations`) are those of the
three tracks of `stakeholders.accreditation.accreditation_track`: consultative status with
ECOSOC, accreditation to the GCM process before, special accreditation to that edition. A
person whose organisation is not in that list types its name and website; when they match
(`normalize_name`, `normalize_website`) an organisation that applied for special
accreditation to that edition and is still being considered (`WAITING`), the registration is
made and, once the address is confirmed, waits on that application
(`stakeholders.registration.verify`, then `accreditation_settled`). Anyone else is refused at
the field (`stakeholders.forms.registration`).

An IMRF without a deadline, a regional review meeting or a consultation registers as issue 13
says: an edition that runs no special accreditation has no way for most organisations to
become able to take part, so requiring one there would shut them all out.

Reads only: `stakeholders.registration` is the door that changes a registration.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from stakeholders.accreditation_queries import is_accredited
from stakeholders.models import (
    AccreditationApplication,
    Event,
    Organization,
    normalize_name,
    normalize_website,
)

AppStatus = AccreditationApplication.Status

# Applications still being considered: their organisation's people may register and wait.
WAITING = frozenset({AppStatus.APPLIED, AppStatus.RECOMMENDED, AppStatus.UNDER_REVIEW})

# The tracks, in the order a person looks for their organisation (the codes of
# stakeholders.accreditation.accreditation_track; an organisation in two counts in the first).
ECOSOC, GCM, SPECIAL = "ecosoc", "gcm", "special"
TRACK_LABELS = {
    ECOSOC: _("In consultative status with ECOSOC"),
    GCM: _("Accredited to the GCM process before"),
    SPECIAL: _("Special accreditation for this forum"),
}

# What `standing` answers.
ACCREDITED, AWAITING, REFUSED = "accredited", "awaiting", "refused"


def follows_accreditation(event: Event) -> bool:
    """Whether registering for `event` asks for an organisation able to take part."""
    return event.kind == Event.Kind.IMRF and event.accreditation_deadline is not None


def _accredited_for(event: Event):
    return AccreditationApplication.objects.filter(
        event=event, status=AppStatus.ACCREDITED, organization=OuterRef("pk")
    )


def eligible(event: Event):
    """The organisations that can take part in `event`, each annotated `special` (its special
    accreditation to this edition is granted). One query, whatever their number."""
    return Organization.objects.annotate(special=Exists(_accredited_for(event))).filter(
        Q(ecosoc_status__gt="") | Q(gcm_accredited=True) | Q(special=True)
    )


def track_of(organization: Organization) -> str:
    """The track of an organisation read through `eligible` (its `special` annotation)."""
    if organization.ecosoc_status:
        return ECOSOC
    if organization.gcm_accredited:
        return GCM
    return SPECIAL if getattr(organization, "special", False) else ""


def eligible_organizations(event: Event) -> list[tuple[str, list[Organization]]]:
    """[(track, organisations sorted by name)] in the order of TRACK_LABELS, empty tracks left
    out; the country of headquarters is read with them (one query)."""
    grouped: dict[str, list[Organization]] = {track: [] for track in TRACK_LABELS}
    for organization in eligible(event).select_related("headquarters").order_by("name_key", "pk"):
        grouped[track_of(organization)].append(organization)
    return [(track, rows) for track, rows in grouped.items() if rows]


def find_organization(event: Event, name: str, website: str) -> tuple[str, Organization | None]:
    """The organisation a person typed, as (ACCREDITED, it) when it can take part (they did
    not find it in the list), (AWAITING, it) when it applied and is still being considered,
    or (REFUSED, None). Matched by normalised name, or by website when one is given."""
    name_key, website_key = normalize_name(name), normalize_website(website)
    match = Q(name_key=name_key) if name_key else Q(pk__in=[])
    if website_key:
        match |= Q(website_key=website_key)
    candidates = Organization.objects.filter(match)
    found = eligible(event).filter(pk__in=candidates.values("pk")).order_by("pk").first()
    if found is not None:
        return ACCREDITED, found
    waiting = (
        candidates.filter(applications__event=event, applications__status__in=WAITING)
        .order_by("pk")
        .first()
    )
    return (AWAITING, waiting) if waiting is not None else (REFUSED, None)


def standing(organization: Organization, event: Event) -> str:
    """ACCREDITED, AWAITING (its application to `event` is still being considered) or REFUSED:
    what a registration of that organisation does once its address is confirmed."""
    if is_accredited(organization, event):
        return ACCREDITED
    applied = AccreditationApplication.objects.filter(
        organization=organization, event=event, status__in=WAITING
    ).exists()
    return AWAITING if applied else REFUSED
