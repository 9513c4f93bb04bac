"""Celery is wired to Django's settings and a queued task really runs in a worker."""

import threading

import pytest
from django.conf import settings

from gcm_portal import celery_app
from gcm_portal.tasks import ping


def test_tasks_are_autodiscovered_with_explicit_names():
    celery_app.loader.import_default_modules()
    assert "portal.ping" in celery_app.tasks


def test_eager_in_tests_that_do_not_ask_for_a_worker():
    result = ping.delay(echo="in-process")
    assert result.get(timeout=1)["echo"] == "in-process"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_queued_task_runs_in_the_real_worker(celery_worker):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    result = ping.delay(echo="through redis")
    # Sent to the broker, not run here: the result only arrives if the worker took the job.
    assert result.get(timeout=20)["echo"] == "through redis"
    assert result.successful()
    assert threading.current_thread() is threading.main_thread()
