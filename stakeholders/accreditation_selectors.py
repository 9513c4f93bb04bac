"""Reads of the secretariat's and focal points' accreditation pages, each in a constant number of
queries: the applications of an event with their filters and possible duplicates, one
application with its documents, history and objections, and the state of the review period."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import FocalPointMembership, Objective
from reviews.workspaces import WorkspaceSection, register
from stakeholders.accreditation_queries import history, review_is_open
from stakeholders.models import (
    AccreditationApplication,
    AccreditationLog,
    Event,
    Objection,
    Organization,
)

Status = AccreditationApplication.Status

# What the history shows for each action code (an unknown code shows as itself).
ACTION_LABELS = {
    "applied": _("Applied"),
    "verified": _("Address confirmed"),
    "verify_resent": _("Applied again: confirmation link sent again"),
    "link_resent": _("Applied again: management link sent"),
    "recommend": _("Recommended"),
    "not_recommend": _("Not recommended"),
    "review_opened": _("Sent to Member States for review"),
    "accredited": _("Accredited (no objection)"),
    "not_accredited": _("Not accredited (objection)"),
    "withdrawn": _("Withdrawn"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@dataclass
class Filters:
    status: str = ""
    category: str = ""  # a StakeholderCategory key
    region: str = ""  # a RegionalCommission code
    objective: int | None = None
    duplicates: bool = False


def _base(event):
    return (
        AccreditationApplication.objects.filter(event=event)
        .select_related("organization__category", "organization__headquarters")
        .prefetch_related(Prefetch("objectives", queryset=Objective.objects.order_by("number")))
    )


def duplicates_of(organizations) -> dict[int, list[Organization]]:
    """For each organisation, the other organisations with the same normalised name or
    website (one query)."""
    names = {o.name_key for o in organizations if o.name_key}
    sites = {o.website_key for o in organizations if o.website_key}
    if not names and not sites:
        return {}
    others = list(
        Organization.objects.filter(Q(name_key__in=names) | Q(website_key__in=sites)).order_by(
            "name_key", "pk"
        )
    )
    by_name, by_site = defaultdict(list), defaultdict(list)
    for other in others:
        by_name[other.name_key].append(other)
        if other.website_key:
            by_site[other.website_key].append(other)
    found = {}
    for organization in organizations:
        same = by_name.get(organization.name_key, []) + by_site.get(organization.website_key, [])
        unique = {o.pk: o for o in same if o.pk != organization.pk}
        if unique:
            found[organization.pk] = list(unique.values())
    return found


def secretariat_applications(event, filters: Filters) -> list[AccreditationApplication]:
    """The event's applications with the filters; each carries `duplicates` (other
    organisations with its name or website) and `objection_count`."""
    rows = _base(event).annotate(objection_count=Count("objections", distinct=True))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.category:
        rows = rows.filter(organization__category__key=filters.category)
    if filters.region:
        rows = rows.filter(organization__headquarters__regional_commissions__code=filters.region)
    if filters.objective:
        rows = rows.filter(objectives__number=filters.objective)
    applications = list(rows.distinct().order_by("organization__name_key", "pk"))
    duplicates = duplicates_of([a.organization for a in applications])
    for application in applications:
        application.duplicates = duplicates.get(application.organization_id, [])
    if filters.duplicates:
        applications = [a for a in applications if a.duplicates]
    return applications


def status_counts(event) -> dict[str, int]:
    counts = Counter(
        dict(
            AccreditationApplication.objects.filter(event=event)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    )
    return {status: counts.get(status, 0) for status, _label in Status.choices}


def notice_counts(event) -> dict[str, int]:
    """Delivery of the e-mails to focal points when the list was opened: the state's label (in
    the active language) -> how many."""
    labels = dict(AccreditationLog._meta.get_field("notify_status").choices)
    counts = (
        AccreditationLog.objects.filter(application__event=event, action="review_notice")
        .values_list("notify_status")
        .annotate(n=Count("pk"))
        .values_list("notify_status", "n")
    )
    return {str(labels.get(state, state)): n for state, n in counts}


def application_page(event, pk) -> AccreditationApplication | None:
    """One application with what its secretariat page shows (None: not of this event)."""
    application = (
        _base(event)
        .prefetch_related("documents")
        .prefetch_related(
            Prefetch(
                "objections",
                queryset=Objection.objects.select_related("member_state", "by").order_by(
                    "member_state__name"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        return None
    application.trail = list(history(application).order_by("created_at", "pk"))
    for entry in application.trail:
        entry.label = action_label(entry.action)
    application.duplicates = duplicates_of([application.organization]).get(
        application.organization_id, []
    )
    return application


def review_list(event, member_states) -> list[AccreditationApplication]:
    """The recommended list as focal points see it, each with `own_objections`: the objections
    of the person's own States only (never another State's)."""
    statuses = [Status.UNDER_REVIEW] if review_is_open(event) else [
        Status.UNDER_REVIEW, Status.ACCREDITED, Status.NOT_ACCREDITED,
    ]  # fmt: skip
    own = Objection.objects.filter(member_state__in=member_states).select_related("member_state")
    return list(
        _base(event)
        .filter(status__in=statuses, log__action="review_opened")
        .prefetch_related(Prefetch("objections", queryset=own, to_attr="own_objections"))
        .distinct()
        .order_by("organization__name_key", "pk")
    )


# --- the focal points' workspace ---------------------------------------------------------------


def workspace_rows(user) -> list[dict]:
    """The IMRF editions whose recommended list is open to Member States, for a person who
    speaks for a State."""
    if not user.is_authenticated or not FocalPointMembership.objects.filter(user=user).exists():
        return []
    now = timezone.now()
    events = Event.objects.filter(
        kind=Event.Kind.IMRF,
        review_opened_at__isnull=False,
        review_closed_at__isnull=True,
        review_closes_at__gt=now,
    ).order_by("review_closes_at")
    return [{"event": event} for event in events]


def register_workspace_section() -> None:
    register(
        WorkspaceSection(
            slug="accreditation_review",
            template="stakeholders/accreditation/focal_points/_workspace_section.html",
            rows=workspace_rows,
        )
    )
