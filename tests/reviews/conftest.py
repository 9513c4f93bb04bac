import pytest

from reviews.editing import save_part, start_review
from reviews.models import Attachment, ReviewCycle, VoluntaryReview


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


ENTRY = {
    "status": "under_way",
    "priority": 2,
    "narrative": "Data on labour migration is now collected quarterly.",
    "principles": ["human_rights", "whole_of_government"],
    "practices": [
        {"title": "One-stop centre", "description": "Advice for returnees.", "partners": "IOM"}
    ],
}


@pytest.fixture
def busy_draft(draft, focal_point, colleague):
    """A draft with five objective entries (principles, practices), every section written and
    a history of saves by two authors: what a real draft looks like after a few weeks."""
    v = draft.version
    for number in (1, 2, 5, 6, 9):
        v = save_part(draft.pk, f"objective-{number}", ENTRY, by=focal_point, base_version=v,
                      kind="save").version  # fmt: skip
    for number in range(1, 6):
        author = colleague if number % 2 else focal_point
        v = save_part(draft.pk, f"section-{number}", {"text": words(50)}, by=author,
                      base_version=v, kind="save").version  # fmt: skip
    Attachment.objects.create(
        document=draft, kind="supporting", original_name="plan.pdf", file="plan.pdf",
        content_type="application/pdf", size=10, sha256="0" * 64, uploaded_by=focal_point,
    )  # fmt: skip
    return VoluntaryReview.objects.get(pk=draft.pk)
