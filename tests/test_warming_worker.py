"""With a real Celery worker on the real Redis: a publication's pages are rendered into the
cache by the worker, and the first anonymous visitor afterwards is served from it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import public_cache
from tests.publishing import published_review
from tests.waiting import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.public_cache, pytest.mark.django_db(transaction=True)]


def test_the_worker_warms_the_pages_of_a_publication(
    reference_data, celery_worker, settings, client, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://testserver"
    settings.PUBLIC_CACHE_WARM = True
    before = public_cache.current_scope(public_cache.state_scope("GHA")).version
    published_review("GHA")  # commits: the worker gets the task
    assert wait_for(
        lambda: public_cache.current_scope(public_cache.state_scope("GHA")).version != before,
        seconds=120,
    )
    for path in ("/en/reviews/imrf-2026/GHA/", "/fr/states/GHA/", "/es/reviews/"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        assert len(queries) == 0, path
    assert (
        "Section 1 of GHA in imrf-2026."
        in client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    )
