"""Only published revisions are ever public: drafts, submitted texts, comments and unpublished
reviews never appear in pages, API, CSV, feeds, sitemap or search."""

import pytest

from reviews.editing import save_part
from reviews.workflow import (
    add_comment,
    request_changes,
    revise_review,
    submit_review,
    unpublish_review,
)
from tests.publishing import draft_review, published_review, secretariat

pytestmark = pytest.mark.django_db

PUBLISHED = "publishedmarker"
SECRETS = {
    "DRAFTMARKER": "a draft that was never submitted",
    "SUBMITTEDMARKER": "a submitted text awaiting moderation",
    "CHANGESMARKER": "a text sent back with changes requested",
    "COMMENTMARKER": "a moderation comment",
    "REVISIONMARKER": "a new version of a published review, still a draft",
    "UNPUBLISHEDMARKER": "a review that was unpublished",
}


@pytest.fixture
def portal():
    draft_review("NOR", sections={1: "DRAFTMARKER words"})
    submitted = draft_review("SEN", sections={1: "SUBMITTEDMARKER words"})
    submit_review(submitted, by=submitted.author)
    changes = draft_review("PER", sections={1: "CHANGESMARKER words"})
    submit_review(changes, by=changes.author)
    request_changes(changes, by=secretariat(), comment="COMMENTMARKER please revise")
    ghana = published_review("GHA", sections={1: f"{PUBLISHED} words"})
    add_comment(ghana, by=secretariat(), text="COMMENTMARKER internal note")
    draft = revise_review(ghana, by=ghana.author)
    save_part(draft.pk, "section-1", {"text": "REVISIONMARKER words"}, by=ghana.author,
              base_version=draft.version, kind="save")  # fmt: skip
    gone = published_review("MEX", sections={1: "UNPUBLISHEDMARKER words"})
    unpublish_review(gone, by=secretariat(), reason="Withdrawn by the government.")
    return ghana


SURFACES = [
    "/en/",
    "/en/reviews/",
    "/en/reviews/?sort=state",
    "/en/reviews/imrf-2026/GHA/",
    "/en/reviews/imrf-2026/MEX/",
    "/en/reviews/imrf-2026/NOR/",
    "/en/reviews/imrf-2026/SEN/",
    "/en/states/GHA/",
    "/en/states/MEX/",
    "/en/states/SEN/",
    "/en/objectives/1/",
    "/en/cycles/imrf-2026/",
    "/en/cycles/imrf-2026/coverage/",
    "/api/v1/reviews/",
    "/api/v1/reviews/?format=csv",
    "/api/v1/objective-entries/?format=csv",
    "/api/v1/objective-entries/",
    "/api/v1/cycles/",
    "/feeds/publications/",
    "/sitemap.xml",
]


def test_no_unpublished_text_on_any_public_surface(client, portal):
    for url in SURFACES:
        body = client.get(url).content.decode()
        for marker, what in SECRETS.items():
            assert marker not in body, f"{what} leaked on {url}"
    assert PUBLISHED in client.get("/en/reviews/imrf-2026/GHA/").content.decode()


def test_search_finds_only_published_text(client, portal):
    assert PUBLISHED in client.get(f"/en/reviews/?q={PUBLISHED}").content.decode()
    for marker in SECRETS:
        assert "0 reviews found" in client.get(f"/en/reviews/?q={marker}").content.decode()
        assert client.get(f"/api/v1/reviews/?q={marker}").json()["count"] == 0


def test_api_detail_of_an_unpublished_review_is_404(client, portal):
    from reviews.models import VoluntaryReview

    for iso3 in ["NOR", "SEN", "PER", "MEX"]:
        pk = VoluntaryReview.objects.get(member_state_id=iso3).pk
        assert client.get(f"/api/v1/reviews/{pk}/").status_code == 404


def test_unpublished_reviews_leave_the_index(portal):
    from reviews.models import PublishedPart

    assert set(PublishedPart.objects.values_list("review__member_state_id", flat=True)) == {"GHA"}
