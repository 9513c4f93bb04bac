"""Who must verify a second factor, and whether this session has."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.permissions import is_secretariat


def must_use_two_factor(user) -> bool:
    """Required by role: the secretariat, staff (the admin) and superusers."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or is_secretariat(user)


# The answer of has_two_factor, kept in the session for the pages that follow (no query per
# request): [user id, bool]. Set again by the views that turn it on or off; a log-in starts a new
# session (or the same person's), so another session learns of a change at its next log-in.
SESSION_KEY = "two_factor_on"


def has_two_factor(user, session=None) -> bool:
    """The person set it up: a confirmed authenticator app (recovery codes come with it)."""
    if not user.is_authenticated:
        return False
    if session is not None:
        kept = session.get(SESSION_KEY)
        if isinstance(kept, list) and len(kept) == 2 and kept[0] == user.pk:
            return bool(kept[1])
    cached = getattr(user, "_has_two_factor", None)
    if cached is None:
        cached = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        user._has_two_factor = cached
    if session is not None:
        session[SESSION_KEY] = [user.pk, cached]
    return cached


def remember(request, on: bool) -> None:
    """After turning it on or off in this session."""
    request.user._has_two_factor = on
    request.session[SESSION_KEY] = [request.user.pk, on]


def needs_verification(user, session=None) -> bool:
    """Signed in with a password only, but required (by role, or by choice) to verify."""
    if not user.is_authenticated or user.is_verified():
        return False
    return must_use_two_factor(user) or has_two_factor(user, session)
