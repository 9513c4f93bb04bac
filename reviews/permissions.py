"""Who may see or do what: one predicate per question, shared by views, templates and the API."""

from reviews.models import FocalPointMembership

SECRETARIAT_GROUP = "Secretariat"


def is_secretariat(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object for the request: templates ask this question many times.
    cached = getattr(user, "_is_secretariat", None)
    if cached is None:
        cached = user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._is_secretariat = cached
    return cached


def member_state_ids(user) -> set[str]:
    """ISO3 codes of the States the user is a focal point (or authorizing official) of."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_member_state_ids", None)
    if cached is None:
        cached = set(
            FocalPointMembership.objects.filter(user=user).values_list("member_state_id", flat=True)
        )
        user._member_state_ids = cached
    return cached


def is_focal_point(user) -> bool:
    return bool(member_state_ids(user))
