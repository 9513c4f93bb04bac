"""Signed links a registrant receives: one to confirm the address, one to manage the registration.

A token is `<registration id>.<signed value>`: the id finds the row, and the signature
(django.core.signing, salted with the link's purpose and the registration's `secret`) proves
the link was made by the portal for that row. Rotating the secret (erasure, registering again
after expiry) revokes every link sent so far. A verification link is good for 72 hours; a
management link until the secret changes.

The e-mailed addresses are absolute (settings.SITE_URL) and in the person's language.

An organisation's special accreditation application has the same two links
(`APPLICATION_VERIFY`, `APPLICATION_MANAGE`: `application_token`, `read_application_token`,
`application_link`), signed with the application's pk and its organisation's `secret`, and
e-mailed in the application's language.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from stakeholders.models import AccreditationApplication, Registration

VERIFY, MANAGE = "verify", "manage"
VERIFY_MAX_AGE = timedelta(hours=72)
_MAX_AGE = {VERIFY: VERIFY_MAX_AGE, MANAGE: None}
_ROUTES = {VERIFY: "stakeholders:verify", MANAGE: "stakeholders:manage"}
APPLICATION_VERIFY, APPLICATION_MANAGE = "application-verify", "application-manage"
_APPLICATION_MAX_AGE = {APPLICATION_VERIFY: VERIFY_MAX_AGE, APPLICATION_MANAGE: None}
_APPLICATION_ROUTES = {
    APPLICATION_VERIFY: "stakeholders:accreditation_verify",
    APPLICATION_MANAGE: "stakeholders:accreditation_manage",
}


def _salt(purpose: str, secret: str) -> str:
    return f"stakeholders.{purpose}:{secret}"


def make_token(registration: Registration, purpose: str) -> str:
    signed = signing.dumps(registration.pk, salt=_salt(purpose, registration.secret))
    return f"{registration.pk}.{signed}"


def read_token(token: str, purpose: str, queryset=None) -> Registration | None:
    """The registration the token was made for, or None: malformed, forged, too old, or
    revoked (the secret changed, or the row is gone)."""
    pk, _dot, signed = (token or "").partition(".")
    # ASCII digits only ("²" is a digit to str.isdigit, not to int) and within a bigint.
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18 or not signed or len(token) > 500:
        return None
    queryset = queryset if queryset is not None else Registration.objects.select_related("event")
    registration = queryset.filter(pk=int(pk)).first()
    if registration is None or registration.erased_at is not None:
        return None
    max_age = _MAX_AGE[purpose]
    try:
        value = signing.loads(
            signed,
            salt=_salt(purpose, registration.secret),
            max_age=max_age.total_seconds() if max_age else None,
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return registration if value == registration.pk else None


def link_path(registration: Registration, purpose: str, language: str | None = None) -> str:
    with translation.override(language or registration.language):
        return reverse(_ROUTES[purpose], args=[make_token(registration, purpose)])


def absolute_link(registration: Registration, purpose: str) -> str:
    """The address to e-mail: the site's, in the registration's language."""
    return settings.SITE_URL + link_path(registration, purpose)


# --- an organisation's special accreditation application --------------------------------------


def application_token(application: AccreditationApplication, purpose: str) -> str:
    secret = application.organization.secret
    signed = signing.dumps(application.pk, salt=_salt(purpose, secret))
    return f"{application.pk}.{signed}"


def read_application_token(token: str, purpose: str) -> AccreditationApplication | None:
    """The application the token was made for, or None: malformed, forged, too old, or
    revoked (the organisation's secret changed, or the row is gone)."""
    pk, _dot, signed = (token or "").partition(".")
    if not (pk.isascii() and pk.isdigit()) or not signed or len(token) > 500 or len(pk) > 18:
        return None
    application = (
        AccreditationApplication.objects.select_related(
            "organization__category", "organization__headquarters", "event"
        )
        .filter(pk=int(pk))
        .first()
    )
    if application is None:
        return None
    max_age = _APPLICATION_MAX_AGE[purpose]
    try:
        value = signing.loads(
            signed,
            salt=_salt(purpose, application.organization.secret),
            max_age=max_age.total_seconds() if max_age else None,
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return application if value == application.pk else None


def application_link(application: AccreditationApplication, purpose: str) -> str:
    """The absolute address to e-mail to the organisation, in the application's language."""
    with translation.override(application.language):
        route = reverse(
            _APPLICATION_ROUTES[purpose], args=[application_token(application, purpose)]
        )
    return settings.SITE_URL + route
