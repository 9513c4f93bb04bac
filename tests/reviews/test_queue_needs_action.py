"""The moderation queue opens on what needs action: submitted documents nobody else took, and
overdue ones, the longest waiting first; `?show=all` and the other filters list the rest."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.models import Document, ReviewCycle
from reviews.workflow import submit_document
from tests.personas import secretariat_member
from tests.publishing import draft_review, published_review

pytestmark = pytest.mark.django_db
QUEUE = "/en/secretariat/"


def listed(page: str) -> list[str]:
    """The States of the national reviews in the queue's rows, in order."""
    return re.findall(r'href="/en/secretariat/reviews/imrf-2026/([A-Z]{3})/"', page)


def submitted(iso3: str, *, days_ago: int, assigned_to=None):
    review = draft_review(iso3)
    submit_document(review, by=review.author)
    Document.objects.filter(pk=review.pk).update(
        submitted_at=timezone.now() - timedelta(days=days_ago), assigned_to=assigned_to
    )
    return review


@pytest.fixture
def queue_of_all_sorts(secretariat_user):
    """Unassigned, mine, a colleague's (submitted); a draft on time; a published review."""
    ReviewCycle.objects.filter(slug="imrf-2026").update(
        is_open=True, submission_closes=timezone.localdate() + timedelta(days=30)
    )
    submitted("GHA", days_ago=2)
    submitted("MEX", days_ago=9, assigned_to=secretariat_user)
    submitted("PHL", days_ago=20, assigned_to=secretariat_member(full_name="Colleague"))
    draft_review("FRA")
    published_review("DEU")


def test_the_queue_opens_on_what_needs_action_oldest_first(client, secretariat_user,
                                                           queue_of_all_sorts):  # fmt: skip
    client.force_login(secretariat_user)
    page = client.get(QUEUE).text
    assert listed(page) == ["MEX", "GHA"]
    assert (
        "What needs action: the submitted documents that are not assigned to a colleague, and "
        "the overdue ones, the longest waiting first."
    ) in page
    assert '<option value="needs_action" selected>What needs action</option>' in page


def test_every_document_and_the_other_filters_stay_reachable(client, secretariat_user,
                                                            queue_of_all_sorts):  # fmt: skip
    client.force_login(secretariat_user)
    assert listed(client.get(f"{QUEUE}?show=all").text) == ["PHL", "MEX", "GHA", "DEU", "FRA"]
    assert listed(client.get(f"{QUEUE}?status=published").text) == ["DEU"]
    assert listed(client.get(f"{QUEUE}?status=submitted").text) == ["PHL", "MEX", "GHA"]
    # Needs action, narrowed by another filter:
    assert listed(client.get(f"{QUEUE}?show=needs_action&state=GHA").text) == ["GHA"]


def test_an_overdue_draft_needs_action_and_is_flagged(client, secretariat_user):
    ReviewCycle.objects.filter(slug="imrf-2026").update(
        is_open=True, submission_closes=timezone.localdate() - timedelta(days=4)
    )
    draft_review("FRA")  # overdue since 4 days: waits longer than GHA
    submitted("GHA", days_ago=1)
    published_review("DEU")  # published: never overdue, needs nothing
    client.force_login(secretariat_user)
    page = client.get(QUEUE).text
    assert listed(page) == ["FRA", "GHA"]
    fra = page[page.index('href="/en/secretariat/reviews/imrf-2026/FRA/"') :].split("</tr>")[0]
    assert '<strong class="text-danger deadline-overdue">overdue by 4 days</strong>' in fra
    assert "1 document is overdue." in page


def test_nothing_needs_action(client, secretariat_user):
    published_review("DEU")
    client.force_login(secretariat_user)
    page = client.get(QUEUE).text
    assert listed(page) == []
    assert "Nothing needs action now." in page
