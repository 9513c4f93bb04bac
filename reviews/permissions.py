"""Who may see or do what: one predicate per question, shared by views, templates and the API."""

from reviews.models import Document, FocalPointMembership

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
    return set(_memberships(user))


def _memberships(user) -> dict[str, set[str]]:
    """The user's roles per State ("focal_point", "authorizing_official", and "lead" for a lead
    focal point), read once and kept on the user object, i.e. for one request: a save asks
    several of the questions below (may see, may edit, twice) and each was a query.
    A new request loads a new user object, so a membership granted or revoked shows at the
    next request."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_memberships", None)
    if cached is None:
        cached = {}
        rows = (
            FocalPointMembership.objects.filter(user=user)
            .order_by()  # the model's ordering joins two tables for nothing here
            .values_list("member_state_id", "role", "is_lead")
        )
        for member_state_id, role, is_lead in rows:
            roles = cached.setdefault(member_state_id, set())
            roles.add(role)
            if is_lead and role == FocalPointMembership.Role.FOCAL_POINT:
                roles.add(_LEAD)
        user._memberships = cached
    return cached


# Not a role of the model: marks the lead focal point among a State's roles in `_memberships`.
_LEAD = "lead"


def is_focal_point(user) -> bool:
    return bool(member_state_ids(user))


def speaks_for(user, member_state_id: str) -> bool:
    return member_state_id in member_state_ids(user)


def can_view_review(user, review: Document) -> bool:
    """The working copy of a document of any kind (any status): the secretariat, and whom
    its kind names (`is_reader`, else its authors): a State's focal points and authorizing
    officials for a national review."""
    if is_secretariat(user):
        return True
    spec = review.kind_spec
    return (spec.is_reader or spec.is_author)(user, review.specific)


def can_edit_review(user, review: Document) -> bool:
    """Change the text: the document's authors as its kind names them, while it is a draft
    or sent back (a State's focal points for a national review).

    Not the authorizing official: they read, then sign off or send back; the text they clear
    must be the focal points' own.
    """
    return review.is_editable and review.kind_spec.is_author(user, review.specific)


def can_start_review(user, member_state_id: str, cycle) -> bool:
    return cycle.is_open and is_focal_point_of(user, member_state_id)


def is_focal_point_of(user, member_state_id: str) -> bool:
    """Holds the focal point role (not only the authorizing official's) for the State."""
    roles = _memberships(user).get(member_state_id, ())
    return FocalPointMembership.Role.FOCAL_POINT in roles


def is_lead_focal_point_of(user, member_state_id: str) -> bool:
    """The State's lead focal point: may invite colleagues of that State (reviews.team)."""
    return _LEAD in _memberships(user).get(member_state_id, ())


def is_authorizing_official(user, member_state_id: str) -> bool:
    roles = _memberships(user).get(member_state_id, ())
    return FocalPointMembership.Role.AUTHORIZING_OFFICIAL in roles


def state_needs_sign_off(member_state_id: str) -> bool:
    """A State that designated an authorizing official clears its review before submission."""
    return FocalPointMembership.objects.filter(
        member_state_id=member_state_id, role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL
    ).exists()


def can_moderate_reviews(user) -> bool:
    return is_secretariat(user) and user.has_perm("reviews.moderate_review")


def can_invite_focal_points(user) -> bool:
    return user.is_authenticated and user.has_perm("reviews.invite_focal_point")
