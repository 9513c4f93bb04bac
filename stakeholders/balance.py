"""The balance of an event's approved participants: who they are, counted by dimension.

`balance(event)` answers one table per dimension (stakeholder category, level, regional
commission, UN regional group, gender, age group, LDC/LLDC/SIDS, travel support) and the number
of distinct organisations. Registrations whose personal data were erased are counted too: the
fields counted here stay on the row when a name and an address are erased.

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
from stakeholders.models import Registration
from stakeholders.participants import normalize_organization

NOT_GIVEN = _("Not given")
DEVELOPMENT_LABELS = {"ldc": _("LDC"), "lldc": _("LLDC"), "sids": _("SIDS")}


@dataclass
class Dimension:
    key: str
    title: str
    rows: list[tuple[str, int]]  # (label, count) in a fixed order, zero rows included
    note: str = ""
    total: int = field(default=0)


def approved_registrations(event):
    changes = Prefetch(
        "residence__category_changes", queryset=CategoryChange.objects.order_by("effective_on")
    )
    return (
        event.registrations.filter(status=Registration.Status.APPROVED)
        .select_related("category", "residence")
        .prefetch_related("residence__regional_commissions", changes)
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
    organizations = {normalize_organization(r.organization) for r in registrations} - {""}
    return {"total": count, "organizations": len(organizations), "dimensions": dimensions}
