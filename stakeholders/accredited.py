"""Who takes part in an IMRF edition as an organisation: the public list (issue 19 item 6).

- the organisations with special accreditation to that edition (their application ACCREDITED);
- in separate sections, the organisations that take part by their standing track (ECOSOC
  consultative status, or accreditation to the GCM process before) and have people approved
  for that event: listing every organisation in consultative status (thousands) would say
  nothing about this forum.

Counts by type (stakeholder category) and by region are of the special accreditations. The
region is the regional commission of the country of headquarters; a State in two commissions
(Türkiye is in three) counts in each, so the regions can add up to more than the total.
A constant number of queries, whatever the number of organisations.
"""

from collections import Counter

from django.db.models import Prefetch, Q

from reviews.models import MemberState, RegionalCommission, StakeholderCategory
from stakeholders.models import AccreditationApplication, Event, Organization, Registration


def _with_regions(queryset, prefix: str):
    return queryset.select_related(f"{prefix}category", f"{prefix}headquarters").prefetch_related(
        Prefetch(
            f"{prefix}headquarters__regional_commissions",
            queryset=RegionalCommission.objects.order_by("code"),
        )
    )


def accredited_organizations(event: Event) -> dict:
    """What the page /<lang>/events/<slug>/organizations/ shows."""
    applications = list(
        _with_regions(
            AccreditationApplication.objects.filter(
                event=event, status=AccreditationApplication.Status.ACCREDITED
            ),
            "organization__",
        ).order_by("organization__name_key", "pk")
    )
    accredited = [application.organization for application in applications]
    standing = list(
        _with_regions(
            Organization.objects.filter(
                Q(ecosoc_status__gt="") | Q(gcm_accredited=True),
                pk__in=Registration.objects.filter(
                    event=event, status=Registration.Status.APPROVED
                ).values("organization_record"),
            ),
            "",
        ).order_by("name_key", "pk")
    )
    return {
        "accredited": accredited,
        "ecosoc": [o for o in standing if o.ecosoc_status],
        "gcm": [o for o in standing if not o.ecosoc_status and o.gcm_accredited],
        "by_type": _by_type(accredited),
        "by_region": _by_region(accredited),
    }


def _by_type(organizations) -> list[tuple[StakeholderCategory, int]]:
    counts = Counter(o.category_id for o in organizations)
    categories = {o.category_id: o.category for o in organizations}
    return sorted(
        ((categories[pk], n) for pk, n in counts.items()),
        key=lambda row: (row[0].position, row[0].pk),
    )


def _regions(state: MemberState | None) -> list[str]:
    if state is None:
        return []
    return [commission.code for commission in state.regional_commissions.all()]


def _by_region(organizations) -> list[tuple[str, int]]:
    """[(commission code, count)], then ("", count) of those with no commission known."""
    counts = Counter()
    for organization in organizations:
        codes = _regions(organization.headquarters)
        counts.update(codes or [""])
    return sorted(counts.items(), key=lambda row: (row[0] == "", row[0]))
