import contextlib

import pytest
from django.db import transaction

from reviews.models import ReviewCycle


class _Undo(Exception):
    pass


@contextlib.contextmanager
def undone():
    """Run one hypothesis example inside a savepoint rolled back at its end: every example
    starts from the fixture's rows (the test's own transaction holds them), not from what the
    examples before it stored."""
    with contextlib.suppress(_Undo), transaction.atomic():
        yield
        raise _Undo


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    settings.REGISTRATION_RATE_LIMIT = "100000/h"
    settings.SEARCH_RATE_LIMIT = "100000/m"


@pytest.fixture
def open_cycle(db):
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=True)
    return ReviewCycle.objects.get(slug="imrf-2026")
