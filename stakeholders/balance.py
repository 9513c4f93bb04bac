"""The balance of an event's approved participants: who they are, counted by dimension.

`balance(event)` answers one table per dimension (stakeholder category, level, regional
commission, UN regional group, gender, age group, LDC/LLDC/SIDS, travel support) and the number
of distinct organisations. Registrations whose personal data were erased are counted too: the
fields counted here stay on the row when a name and an address are erased.

Organisations are counted as well as people (issue 19): the distinct organisations of the
approved registrations, each once, by its record when the registration has one, else by its
normalised name (`normalize_name`; a name that is a record's counts as that record), in three
tables: by track (ECOSOC consultative status, accreditation to the GCM process before, special
accreditation to this event, or not accredited / not known), by type (the record's category,
else the one its first registrant gave) and by region (the regional commission of the country
of headquarters; not known without a record).

Two dimensions let one person count in several rows, and the table says so: a State may belong
to two regional commissions (Türkiye to three), and to two of LDC, LLDC and SIDS. The LDC,
LLDC and SIDS status is judged on the event's first day (`reviews.development`), from the
category changes read with the registrations: the dashboard costs the same few queries
whatever the number of registrations.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from reviews.development import CATEGORIES, development_status
from reviews.models import CategoryChange, MemberState, RegionalCommission, StakeholderCategory
from stakeholders.models import AccreditationApplication, Registration, normalize_name

NOT_GIVEN = _("Not given")
DEVELOPMENT_LABELS = {"ldc": _("LDC"), "lldc": _("LLDC"), "sids": _("SIDS")}


@dataclass
class Dimension:
    key: str
    title: str
    rows: list[tuple[str, int]]  # (label, count) in a fixed order, zero rows included
    note: str = ""
    total: int = field(default=0)
    column: str = ""  # what is counted, when not approved registrations


def approved_registrations(event):
    changes = Prefetch(
        "residence__category_changes", queryset=CategoryChange.objects.order_by("effective_on")
    )
    return (
        event.registrations.filter(status=Registration.Status.APPROVED)
        .select_related("category", "residence", "organization_record__headquarters")
        .prefetch_related(
            "residence__regional_commissions",
            changes,
            "organization_record__headquarters__regional_commissions",
        )
    )


def balance(event) -> dict:
    registrations = list(approved_registrations(event))
    count = len(registrations)

    def by_choices(key, title, choices, value, *, not_given=False, note=""):
        counter = Counter(value(r) for r in registrations)
        rows = [(str(label), counter[code]) for code, label in choices]
        if not_given:
            rows.append((str(NOT_GIVEN), counter[""]))
        return Dimension(key, str(title), rows, str(note), count)

    categories = [(c.pk, c.name) for c in StakeholderCategory.objects.order_by("position")]
    commissions = [(c.code, c.code) for c in RegionalCommission.objects.order_by("code")]
    commission_counts = Counter(
        c.code for r in registrations for c in r.residence.regional_commissions.all()
    )
    development = Counter()
    for r in registrations:
        status = development_status(
            r.residence, event.starts_on, changes=r.residence.category_changes.all()
        )
        development.update(name for name in CATEGORIES if status[name])
        if not any(status.values()):
            development["none"] += 1
    dimensions = [
        by_choices("category", _("Stakeholder category"), categories, lambda r: r.category_id),
        by_choices("level", _("Level"), Registration.Level.choices, lambda r: r.level),
        Dimension(
            "commission",
            str(_("Regional commission (of the country of residence)")),
            [(code, commission_counts[code]) for code, _label in commissions],
            str(
                _(
                    "A State can belong to more than one regional commission: a person living "
                    "there is counted in each, so the rows can add up to more than the total."
                )
            ),
            count,
        ),
        by_choices(
            "group",
            _("UN regional group (of the country of residence)"),
            MemberState.RegionalGroup.choices,
            lambda r: r.residence.un_regional_group,
        ),
        by_choices(
            "gender", _("Gender"), Registration.Gender.choices, lambda r: r.gender, not_given=True
        ),
        by_choices(
            "age",
            _("Age group"),
            Registration.AgeGroup.choices,
            lambda r: r.age_group,
            not_given=True,
        ),
        Dimension(
            "development",
            str(_("Least developed, landlocked developing and small island developing States")),
            [(str(DEVELOPMENT_LABELS[name]), development[name]) for name in CATEGORIES]
            + [(str(_("None of these")), development["none"])],
            str(
                _(
                    "Judged on the event's first day, for the country of residence. A State can "
                    "be in two of these categories: a person living there is counted in each."
                )
            ),
            count,
        ),
        by_choices("travel", _("Travel support"), Registration.Travel.choices, lambda r: r.travel),
    ]
    organizations = distinct_organizations(registrations)
    return {
        "total": count,
        "organizations": len(organizations),
        "dimensions": dimensions,
        "organization_dimensions": organization_dimensions(
            event, organizations, categories, commissions
        ),
    }


# --- organisations (issue 19) ---------------------------------------------------------------

ECOSOC, GCM, SPECIAL, UNKNOWN = "ecosoc", "gcm", "special", ""
TRACKS = [
    (ECOSOC, _("In consultative status with ECOSOC")),
    (GCM, _("Accredited to the GCM process before")),
    (SPECIAL, _("Special accreditation for this event")),
    (UNKNOWN, _("Not accredited, or not known")),
]
ORGANIZATIONS = _("Organizations")


@dataclass
class Participating:
    """One organisation among the approved registrations: its record, if any, and the first of
    its registrations (what an organisation without a record is known by)."""

    record: object
    first: Registration


def distinct_organizations(registrations) -> list[Participating]:
    records = {r.organization_record_id: r.organization_record for r in registrations}
    records.pop(None, None)
    by_name = {record.name_key: pk for pk, record in records.items()}
    found: dict[tuple, Participating] = {}
    for r in registrations:
        pk = r.organization_record_id or by_name.get(normalize_name(r.organization))
        key = ("record", pk) if pk else ("name", normalize_name(r.organization))
        if key != ("name", ""):
            found.setdefault(key, Participating(records.get(pk), r))
    return list(found.values())


def organization_dimensions(event, organizations, categories, commissions) -> list[Dimension]:
    special = set(
        AccreditationApplication.objects.filter(
            event=event, status=AccreditationApplication.Status.ACCREDITED
        ).values_list("organization_id", flat=True)
    )

    def track(o: Participating) -> str:
        if o.record is None:
            return UNKNOWN
        if o.record.ecosoc_status:
            return ECOSOC
        if o.record.gcm_accredited:
            return GCM
        return SPECIAL if o.record.pk in special else UNKNOWN

    def regions(o: Participating) -> list[str]:
        country = o.record.headquarters if o.record is not None else None
        codes = [c.code for c in country.regional_commissions.all()] if country else []
        return codes or [""]

    total = len(organizations)
    tracks = Counter(track(o) for o in organizations)
    types = Counter((o.record or o.first).category_id for o in organizations)
    region_counts = Counter(code for o in organizations for code in regions(o))
    column = str(ORGANIZATIONS)
    return [
        Dimension("org-track", str(_("Organizations by track of accreditation")),
                  [(str(label), tracks[code]) for code, label in TRACKS], total=total,
                  column=column),
        Dimension("org-type", str(_("Organizations by type")),
                  [(str(label), types[pk]) for pk, label in categories],
                  str(_("An organization without a record has the category its first "
                        "registrant gave.")), total, column),
        Dimension("org-region", str(_("Organizations by region (of the headquarters)")),
                  [(code, region_counts[code]) for code, _label in commissions]
                  + [(str(_("Not known")), region_counts[""])],
                  str(_("The regional commission of the country of headquarters, known for "
                        "organizations with a record. A State can belong to more than one "
                        "commission: its organizations are counted in each.")), total, column),
    ]  # fmt: skip
