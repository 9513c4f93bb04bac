"""Celery is wired to Django's settings and a queued task really runs in a worker."""

import threading

import pytest
from celery.result import AsyncResult, EagerResult, allow_join_result
from celery.signals import task_prerun
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
    ran = {}

    def record(task_id, task, **kwargs):
        ran[task_id] = (threading.current_thread(), task.request.is_eager)

    # Where the task ran: an eager call would run it here, in the test's own thread.
    task_prerun.connect(record, weak=False)
    try:
        result = ping.delay(echo="through redis")
        # The session's worker thread marks this process as one whose joins would block each
        # time its pool is made again (after the Redis outage test, its consumer restarts):
        # the test, not a task, waits here.
        with allow_join_result():
            answer = result.get(timeout=20)
    finally:
        task_prerun.disconnect(record)
    assert not isinstance(result, EagerResult)  # sent to the broker, not run in-process
    assert answer["echo"] == "through redis"
    thread, eager = ran[result.id]
    assert (thread is threading.main_thread(), eager) == (False, False)  # a worker's thread
    # The answer came back through the Redis result backend, where the worker stored it.
    assert AsyncResult(result.id, app=celery_app).state == "SUCCESS"
