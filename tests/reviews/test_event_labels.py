"""The history speaks people's language (issue 14 item 4): each event of the audit trail is
shown by what it means ("Changes requested by the secretariat"), never by its code
(`request_changes`), and the secretariat's own bookkeeping (who is assigned) stays off the
focal points' pages."""

import pytest

from reviews.workflow import request_changes, submit_document
from reviews.workflow.conversation import assign_review
from tests.publishing import draft_review, secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned():
    """A review submitted, assigned within the secretariat, and sent back with changes."""
    review = draft_review("MEX", sections={1: "Words."})
    author = review.author
    review = submit_document(review, by=author)
    moderator = secretariat()
    review = assign_review(review, by=moderator, assignee=moderator)
    review = request_changes(review, by=moderator, comment="Please add the data sources.")
    review.author = author
    return review


def _entries(page: str) -> list[str]:
    return [part.split("</span>")[0] for part in page.split('class="event-label">')[1:]]


def test_the_focal_point_reads_what_happened_in_words(client, returned):
    client.force_login(returned.author)
    page = client.get("/en/workspace/imrf-2026/MEX/").content.decode()
    assert _entries(page) == [
        "Changes requested by the secretariat",
        "Submitted to the secretariat",
    ]
    assert "request_changes" not in page
    assert "Assigned within the secretariat" not in page


def test_the_audit_trail_shows_the_labels_to_the_secretariat(client, returned):
    client.force_login(secretariat())
    page = client.get("/en/secretariat/audit/").content.decode()
    for label in (
        "Changes requested by the secretariat",
        "Assigned within the secretariat",
        "Submitted to the secretariat",
    ):
        assert f"<td>{label}" in page
    assert "<td>request_changes" not in page


def test_the_labels_are_translated(client, returned):
    client.force_login(returned.author)
    page = client.get("/fr/workspace/imrf-2026/MEX/").content.decode()
    assert "Changes requested by the secretariat" not in page
    assert len(_entries(page)) == 2
