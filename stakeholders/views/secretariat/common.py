"""What the secretariat's registration pages share: who may open them."""

from django.core.exceptions import PermissionDenied

from reviews.permissions import is_secretariat


def require_secretariat(request) -> None:
    """The same question as the secretariat's other pages; login is asked before this."""
    if not is_secretariat(request.user):
        raise PermissionDenied
