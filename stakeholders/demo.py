"""Demo events and registrations for `make run`, created by `gcm_portal`'s `seed_demo` (never in
production: that command runs only with DEBUG on).

- The IMRF 2026 event ("imrf-2026"): its agenda (four round tables, the policy debate, the
  opening and closing plenary meetings, after the pattern of the 2022 forum and resolution
  73/326 as summarised in shared/seeds/imrf-roadmap-note-2021.txt), its round-table background
  notes (one published after its due day, so the secretariat's view flags it), and twelve
  registrations in every state, six languages, several categories and countries, one with
  travel support granted.
- The ECE regional review meeting of the regional cycle 2024, as an event linked to the
  regional demo's meeting (same cycle and body; its dates are read through
  `stakeholders.meetings`, since this app never imports `regional`).

**The dates of the 2026 forum are demo values**: the stored sources give only the 2022 forum's
(17–20 May 2022, round tables on the first day and a half, plenary on the last two); the same
shape is used here for 5–8 May 2026. Registrations go through the portal's doors
(`stakeholders.registration.register`/`verify`, `stakeholders.decisions`), so their audit trail
and e-mails are those the portal makes. Safe to run again: an event, agenda, document or
registration that exists is left alone (it may have been changed since).
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from reviews.models import MemberState, Objective, ReviewCycle, StakeholderCategory
from stakeholders import decisions, demo_accreditation, registration
from stakeholders.meetings import meeting_by_key, meeting_key
from stakeholders.models import (
    AgendaItem,
    BackgroundDocument,
    Event,
    Registration,
    normalize_email,
)

NEW_YORK = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")

IMRF = {
    "slug": "imrf-2026",
    "kind": Event.Kind.IMRF,
    "title": "International Migration Review Forum 2026 (demo)",
    "description": "The second International Migration Review Forum, at United Nations "
    "Headquarters: four multi-stakeholder round tables, a policy debate and the plenary, which "
    "adopts a Progress Declaration. Demo event: the dates are illustrative.",
    "starts_on": date(2026, 5, 5),
    "ends_on": date(2026, 5, 8),
    "mode": Event.Mode.HYBRID,
    "venue": "United Nations Headquarters, New York",
    "registration_opens": datetime(2026, 1, 15, 0, 0, tzinfo=UTC),
    "registration_closes": datetime(2026, 4, 10, 23, 59, tzinfo=UTC),
    "capacity": 400,
    "working_languages": ["ar", "zh-hans", "en", "fr", "ru", "es"],
    "travel_budget": Decimal("60000.00"),
    "daily_subsistence_rate": Decimal("400.00"),
    "is_published": True,
}

# The ECE regional review meeting of the regional demo (regional/demo.py); its dates, venue and
# format come from that meeting when the wiring finds it, else these.
ECE = {
    "slug": "ece-regional-review-2024",
    "kind": Event.Kind.REGIONAL,
    "body": "ECE",
    "cycle": "regional-2024",
    "title": "Regional review of the Global Compact for Migration in the ECE region (demo)",
    "starts_on": date(2024, 11, 14),
    "ends_on": date(2024, 11, 15),
    "mode": Event.Mode.HYBRID,
    "venue": "Geneva",
    "registration_opens": datetime(2024, 9, 1, 0, 0, tzinfo=UTC),
    "registration_closes": datetime(2024, 11, 1, 23, 59, tzinfo=UTC),
    "capacity": 150,
    "working_languages": ["en", "fr", "ru"],
    "is_published": True,
}


# An online consultation whose registration is open when the demo is made, so that a visitor of
# `make run` can register, confirm (the e-mail is printed on the console) and manage the
# registration. Entirely illustrative.
CONSULTATION = {
    "slug": "online-consultation-demo",
    "kind": Event.Kind.CONSULTATION,
    "title": "Online consultation of stakeholders on the regional reviews (demo)",
    "description": "A demo event: registration is open, so the whole journey can be tried.",
    "mode": Event.Mode.ONLINE,
    "capacity": 3,
    "working_languages": ["ar", "zh-hans", "en", "fr", "ru", "es"],
    "is_published": True,
}


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(date(2026, 5, day), time(hour, minute), tzinfo=NEW_YORK)


def _roundtable_title(number: int) -> str:
    objectives = Objective.objects.filter(roundtable=number).values_list("number", flat=True)
    listed = ", ".join(str(n) for n in objectives)
    return f"Round table {number}: objectives {listed}"


def _agenda() -> list[dict]:
    return [
        {"starts_at": _at(5, 10), "roundtable": 1, "title": _roundtable_title(1)},
        {"starts_at": _at(5, 15), "roundtable": 2, "title": _roundtable_title(2)},
        {"starts_at": _at(6, 10), "roundtable": 3, "title": _roundtable_title(3)},
        {"starts_at": _at(6, 12), "roundtable": 4, "title": _roundtable_title(4)},
        {
            "starts_at": _at(6, 15),
            "title": "Policy debate on challenges in the implementation of the Global Compact",
            "description": "Facilitated by the Director General of IOM as Coordinator of the "
            "UN Network on Migration.",
        },
        {
            "starts_at": _at(7, 10),
            "title": "Opening of the plenary",
            "description": "Statements by a representative of the migrant community and of "
            "civil society, who presents the summary of the multi-stakeholder hearing.",
        },
        {
            "starts_at": _at(8, 15),
            "title": "Closing plenary: adoption of the Progress Declaration",
        },
    ]


# Round-table notes are due six weeks before the forum (24 March 2026 here); the fourth is
# published late on purpose.
DOCUMENTS = [
    *(
        {
            "kind": BackgroundDocument.Kind.ROUNDTABLE_NOTE,
            "roundtable": n,
            "title": f"Background note for round table {n} (demo)",
            "language": "en",
            "published_on": date(2026, 3, 20),
        }
        for n in (1, 2, 3)
    ),
    {
        "kind": BackgroundDocument.Kind.ROUNDTABLE_NOTE,
        "roundtable": 4,
        "title": "Background note for round table 4 (demo, published late)",
        "language": "en",
        "published_on": date(2026, 4, 7),
    },
    {
        "kind": BackgroundDocument.Kind.CONCEPT_NOTE,
        "title": "Note conceptuelle du débat d'orientation (démo)",
        "language": "fr",
        "published_on": date(2026, 3, 2),
    },
]

# Demo people (invented names, example.org addresses). "steps": what the secretariat did,
# through stakeholders.decisions; "verify": the person confirmed the address.
PEOPLE = [
    {
        "email": "unverified.demo@example.org",
        "full_name": "Lucía Fernández",
        "language": "es",
        "category": "civil_society",
        "level": "national",
        "residence": "MEX",
        "nationality": "MEX",
        "verify": False,
    },
    {
        "email": "pending.demo@example.org",
        "full_name": "Wang Fang",
        "language": "zh-hans",
        "category": "academia",
        "level": "regional",
        "residence": "CHN",
        "nationality": "CHN",
    },
    {
        "email": "amina.demo@example.org",
        "full_name": "أمينة الحسن",
        "language": "ar",
        "category": "migrants",
        "level": "regional",
        "residence": "JOR",
        "nationality": "SYR",
        "gender": "woman",
        "age_group": "25-34",
        "consent_public_list": True,
        "steps": ["approve"],
    },
    {
        "email": "olga.demo@example.org",
        "full_name": "Ольга Смирнова",
        "language": "ru",
        "category": "trade_unions",
        "level": "national",
        "residence": "RUS",
        "nationality": "RUS",
        "participation": "online",
        "consent_public_list": False,
        "steps": ["approve"],
    },
    {
        "email": "ram.demo@example.org",
        "full_name": "Ram Bahadur Thapa",
        "language": "en",
        "category": "migrant_youth_diaspora_organizations",
        "level": "national",
        "residence": "NPL",
        "nationality": "NPL",
        "gender": "man",
        "age_group": "35-49",
        "consent_public_list": True,
        "travel": "Our association cannot fund travel to New York.",
        "steps": ["approve", ("travel", 4, Decimal("1450.00"))],
    },
    {
        "email": "rahima.demo@example.org",
        "full_name": "Rahima Begum",
        "language": "en",
        "category": "migrants",
        "level": "national",
        "residence": "BGD",
        "nationality": "BGD",
        "gender": "woman",
        "age_group": "18-24",
        "travel": "Returned migrant worker; no organisation to pay the journey.",
    },
    {
        "email": "mele.demo@example.org",
        "full_name": "Mele Tupou",
        "language": "en",
        "category": "local_authorities_communities",
        "level": "national",
        "residence": "TON",
        "nationality": "TON",
        "travel": "Small island municipality without a travel budget.",
        "steps": ["waitlist"],
    },
    {
        "email": "claire.demo@example.org",
        "full_name": "Claire Dubois",
        "language": "fr",
        "category": "nhris",
        "level": "national",
        "residence": "FRA",
        "nationality": "FRA",
        "consent_public_list": True,
        "steps": ["waitlist"],
    },
    {
        "email": "pierre.demo@example.org",
        "full_name": "Pierre Martin",
        "language": "fr",
        "category": "private_sector",
        "level": "global",
        "residence": "BEL",
        "nationality": "BEL",
        "steps": [("reject", "The organisation's work is not related to migration (demo).")],
    },
    {
        "email": "kwame.demo@example.org",
        "full_name": "Kwame Mensah",
        "language": "en",
        "category": "parliamentarians",
        "level": "national",
        "residence": "GHA",
        "nationality": "GHA",
        "consent_public_list": True,
        "steps": ["approve"],
    },
    {
        "email": "ana.demo@example.org",
        "full_name": "Ana Quispe",
        "language": "es",
        "category": "other",
        "category_other": "Cooperativa de mujeres migrantes",
        "level": "national",
        "residence": "BOL",
        "nationality": "BOL",
        "consent_public_list": True,
        "steps": ["approve"],
    },
    {
        "email": "ivan.demo@example.org",
        "full_name": "Иван Петров",
        "language": "ru",
        "category": "media",
        "level": "regional",
        "residence": "KAZ",
        "nationality": "KAZ",
        "participation": "online",
    },
]


def seed(stdout, *, secretariat) -> None:
    """Create the demo events and registrations that do not exist yet (see the module)."""
    imrf = _ensure_imrf()
    _ensure_ece()
    _ensure_consultation()
    made = 0
    for person in PEOPLE:
        if _ensure_registration(imrf, person, secretariat):
            made += 1
    if made:
        stdout.write(f"Demo registrations for /en/events/{imrf.slug}/: {made}")
    demo_accreditation.seed(stdout, imrf, secretariat=secretariat)  # after the registrations


def _ensure_imrf() -> Event:
    values = {**IMRF, "cycle": ReviewCycle.objects.get(slug="imrf-2026")}
    event, created = Event.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    if created:
        for position, item in enumerate(_agenda(), start=1):
            AgendaItem.objects.create(event=event, position=position, **item)
        for document in DOCUMENTS:
            BackgroundDocument.objects.create(event=event, **document)
    return event


def _ensure_ece() -> Event:
    cycle = ReviewCycle.objects.get(slug=ECE["cycle"])
    values = {**ECE, "cycle": cycle}
    meeting = meeting_by_key(meeting_key(cycle.pk, ECE["body"]))
    if meeting is not None:
        values.update(
            starts_on=meeting["starts_on"],
            ends_on=meeting["ends_on"],
            venue=meeting["venue"] or ECE["venue"],
            mode=meeting["mode"] or ECE["mode"],
        )
    event, _ = Event.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    return event


def _ensure_consultation() -> Event:
    now = timezone.now()
    values = {
        **CONSULTATION,
        "registration_opens": now - timedelta(days=1),
        "registration_closes": now + timedelta(days=60),
        "starts_on": timezone.localdate() + timedelta(days=75),
        "ends_on": timezone.localdate() + timedelta(days=75),
    }
    event, _ = Event.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    return event


def _ensure_registration(event, person, secretariat) -> bool:
    key = normalize_email(person["email"])
    if Registration.objects.filter(event=event, email_key=key).exists():
        return False
    travel_requested = bool(person.get("travel"))
    fields = {
        "full_name": person["full_name"],
        "organization": f"{person['full_name']} – demo organisation",
        "organization_website": "https://example.org/",
        "category": StakeholderCategory.objects.get(key=person["category"]),
        "category_other": person.get("category_other", ""),
        "level": person["level"],
        "residence": MemberState.objects.get(iso3=person["residence"]),
        "nationality": MemberState.objects.get(iso3=person["nationality"]),
        "gender": person.get("gender", ""),
        "age_group": person.get("age_group", ""),
        "participation": person.get("participation", "in_person"),
        "accessibility_needs": "",
        "language": person["language"],
        "travel_justification": person.get("travel", ""),
        "consent_public_list": person.get("consent_public_list", False),
    }
    registration.register(
        event, email=person["email"], fields=fields, travel_requested=travel_requested
    )
    row = Registration.objects.get(event=event, email_key=key)
    if not person.get("verify", True):
        return True
    registration.verify(row)
    for step in person.get("steps", []):
        if isinstance(step, tuple) and step[0] == "travel":
            _, days, amount = step
            decisions.grant_travel(row.pk, by=secretariat, days=days, amount=amount)
        elif isinstance(step, tuple):
            action, reason = step
            decisions.decide_registration(row.pk, action, by=secretariat, reason=reason)
        else:
            decisions.decide_registration(row.pk, step, by=secretariat)
    return True
