import pytest

from reviews.editing import start_review
from reviews.models import ReviewCycle


@pytest.fixture
def open_cycle(db):
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    return cycle


@pytest.fixture
def draft(open_cycle, focal_point):
    return start_review("MEX", open_cycle, by=focal_point)


def words(n: int, word: str = "migration") -> str:
    return " ".join([word] * n)


@pytest.fixture
def complete_draft(draft, focal_point):
    """A draft with every section filled within its limit."""
    from reviews.editing import save_part

    for number in range(1, 6):
        draft = save_part(
            draft.pk,
            f"section-{number}",
            {"text": words(100)},
            by=focal_point,
            base_version=draft.version,
            kind="save",
        )
    return draft
