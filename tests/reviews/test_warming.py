"""After a publication, the pages it changed are already in the cache: the first anonymous
visitor is served from it (no SQL at all), and the pages of other States stay warm
(reviews.warming, reviews.public_cache)."""

import time

import pytest

from reviews import public_cache, warming
from reviews.models import ImplementationStatus, VoluntaryReview
from reviews.workflow import unpublish_document
from tests.publishing import published_review, secretariat

pytestmark = [pytest.mark.django_db, pytest.mark.public_cache]

ADDRESSED = {5: (ImplementationStatus.UNDER_WAY, "Ghana on labour migration.")}


@pytest.fixture(autouse=True)
def _warming(settings):
    settings.SITE_URL = "http://testserver"
    settings.PUBLIC_CACHE_WARM = True


@pytest.fixture
def lost_tasks(monkeypatch):
    """The broker lost every warming task (the change is marked, nothing renders)."""
    monkeypatch.setattr(warming, "enqueue", lambda *args, **kwargs: False)


def publish(capture, iso3, **kwargs):
    with capture(execute=True):
        return published_review(iso3, **kwargs)


WARM_PAGES = [
    ("/en/reviews/imrf-2026/GHA/", "Section 1 of GHA in imrf-2026."),
    ("/fr/reviews/imrf-2026/GHA/", "Section 1 of GHA in imrf-2026."),
    ("/ar/states/GHA/", 'href="/ar/reviews/imrf-2026/GHA/"'),
    ("/en/", 'href="/en/reviews/imrf-2026/GHA/"'),
    ("/zh-hans/reviews/", 'href="/zh-hans/reviews/imrf-2026/GHA/"'),
    ("/en/objectives/5/", "Ghana on labour migration."),
    ("/en/cycles/imrf-2026/", 'href="/en/reviews/imrf-2026/GHA/"'),
    ("/en/cycles/imrf-2026/coverage/", 'href="/en/reviews/imrf-2026/GHA/"'),
    ("/sitemap.xml", "<loc>http://testserver/en/reviews/imrf-2026/GHA/</loc>"),
    ("/feeds/publications/", 'href="http://testserver/en/reviews/imrf-2026/GHA/"'),
    ("/api/v1/reviews/", '"member_state":"GHA"'),
]


def test_the_first_visitor_after_a_publication_is_served_from_the_cache(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    publish(django_capture_on_commit_callbacks, "GHA", objectives=ADDRESSED)
    for path, text in WARM_PAGES:
        with django_assert_num_queries(0):
            response = client.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path


def test_a_publication_leaves_other_states_pages_warm(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    publish(django_capture_on_commit_callbacks, "GHA")
    publish(django_capture_on_commit_callbacks, "KEN")
    with django_assert_num_queries(0):
        assert client.get("/en/reviews/imrf-2026/GHA/").status_code == 200
        assert client.get("/en/states/GHA/").status_code == 200


def test_the_previous_version_serves_until_the_new_one_is_written(
    client, django_capture_on_commit_callbacks, django_assert_num_queries, lost_tasks
):
    ghana = publish(django_capture_on_commit_callbacks, "GHA")
    warming.warm(ghana.pk)
    ken = publish(django_capture_on_commit_callbacks, "KEN")  # its warming is not done yet
    with django_assert_num_queries(0):
        before = client.get("/en/reviews/").content.decode()
    assert 'href="/en/reviews/imrf-2026/GHA/"' in before
    assert 'href="/en/reviews/imrf-2026/KEN/"' not in before
    assert warming.warm(ken.pk) > 0
    with django_assert_num_queries(0):
        after = client.get("/en/reviews/").content.decode()
    assert 'href="/en/reviews/imrf-2026/KEN/"' in after


def test_an_unpublished_review_answers_410_from_the_cache(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    review = publish(django_capture_on_commit_callbacks, "GHA")
    with django_capture_on_commit_callbacks(execute=True):
        unpublish_document(review, by=secretariat(), comment="Sent in error.")
    with django_assert_num_queries(0):
        assert client.get("/en/reviews/imrf-2026/GHA/").status_code == 410
        listed = client.get("/en/reviews/").content.decode()
    assert 'href="/en/reviews/imrf-2026/GHA/"' not in listed


def test_a_change_whose_warming_was_lost_is_served_fresh_after_a_while(
    client, django_capture_on_commit_callbacks, lost_tasks, monkeypatch
):
    ghana = publish(django_capture_on_commit_callbacks, "GHA")
    warming.warm(ghana.pk)
    client.get("/en/reviews/")  # cached, without KEN
    publish(django_capture_on_commit_callbacks, "KEN")
    assert 'imrf-2026/KEN/"' not in client.get("/en/reviews/").content.decode()
    later = time.time() + public_cache.STALE_AFTER + 1
    monkeypatch.setattr(public_cache.time, "time", lambda: later)
    assert 'imrf-2026/KEN/"' in client.get("/en/reviews/").content.decode()
    ken = VoluntaryReview.objects.get(member_state_id="KEN")
    assert warming.pending_changes() == [(ken.pk, [])]  # beat's sweep warms it


def test_without_a_worker_of_its_own_a_publication_empties_the_cache(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE_WARM = False
    publish(django_capture_on_commit_callbacks, "GHA")
    client.get("/en/reviews/")
    publish(django_capture_on_commit_callbacks, "KEN")
    assert 'imrf-2026/KEN/"' in client.get("/en/reviews/").content.decode()
