"""Reads about special accreditation that pages, tasks and other doors share (the changes are
`stakeholders.accreditation`'s, which re-exports these)."""

from django.utils import timezone

from reviews.models import FocalPointMembership
from stakeholders.models import AccreditationApplication, Event

Status = AccreditationApplication.Status
# Log rows that are no step of the application (the e-mails to focal points).
NOT_HISTORY = ("review_notice",)


def history(application):
    """The application's own steps, oldest first (without the e-mails to focal points)."""
    return application.log.exclude(action__in=NOT_HISTORY).select_related("actor")


def review_is_open(event, now=None) -> bool:
    now = now or timezone.now()
    return (
        event.review_opened_at is not None
        and event.review_closed_at is None
        and event.review_closes_at is not None
        and now < event.review_closes_at
    )


def can_object(user, member_state) -> bool:
    """A focal point or authorizing official of that State."""
    return (
        user.is_authenticated
        and FocalPointMembership.objects.filter(user=user, member_state=member_state).exists()
    )


def events_to_close(now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            review_opened_at__isnull=False,
            review_closed_at__isnull=True,
            review_closes_at__lte=now,
        ).values_list("pk", flat=True)
    )


# --- questions others ask ----------------------------------------------------------------------


def accreditation_track(organization, event) -> str | None:
    """How the organisation takes part in the event: "ecosoc", "gcm", "special" or None."""
    if organization is None:
        return None
    if organization.ecosoc_status:
        return "ecosoc"
    if organization.gcm_accredited:
        return "gcm"
    special = AccreditationApplication.objects.filter(
        organization=organization, event=event, status=Status.ACCREDITED
    )
    return "special" if special.exists() else None


def is_accredited(organization, event) -> bool:
    return accreditation_track(organization, event) is not None
