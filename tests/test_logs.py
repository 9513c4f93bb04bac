"""Structured logs: one JSON object per line, with the request id, into the tasks a request
queues (gcm_portal.logs; issue 16, item 8)."""

import io
import json
import logging
import logging.config
import uuid

import pytest
from django.conf import settings as django_settings
from django_guid import clear_guid, get_guid, set_guid

from gcm_portal.logs import logging_config
from reviews.editing import save_part, start_review
from reviews.models import ModerationEvent, ReviewCycle
from reviews.tasks import sweep_notifications
from tests.factories import FocalPointFactory
from tests.waiting import wait_for

HEADER = "X-Request-ID"


@pytest.fixture
def json_lines():
    """The portal's logging configuration (JSON), written to a buffer; a function that returns
    the lines read so far, each parsed."""
    buffer = io.StringIO()
    config = logging_config("INFO", json=True)
    config["handlers"]["stderr"]["stream"] = buffer
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logging.config.dictConfig(django_settings.LOGGING)


@pytest.mark.django_db
def test_a_requests_log_line_is_json_with_the_request_id_it_answers_with(client, json_lines):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    request_id = response[HEADER]
    assert len(request_id) == 32
    (line,) = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["message"] == "Not Found: /en/no-such-page/"
    assert line["level"] == "WARNING"
    assert line["request_id"] == request_id
    assert set(line) == {"time", "level", "logger", "message", "request_id", "status_code",
                         "request"}  # fmt: skip


@pytest.mark.django_db
def test_an_incoming_uuid_is_kept_and_anything_else_replaced(client):
    given = str(uuid.uuid4())
    assert client.get("/en/", headers={HEADER: given})[HEADER] == given
    forged = client.get("/en/", headers={HEADER: "x\nINFO forged line"})[HEADER]
    assert forged != "x\nINFO forged line"
    assert len(forged) == 32


def test_an_exception_is_one_line_with_its_traceback(json_lines):
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("gcm.test").exception("it broke")
    (line,) = json_lines()
    assert line["message"] == "it broke"
    assert line["exc_info"].startswith("Traceback (most recent call last):")
    assert line["exc_info"].endswith("ValueError: broken")


def test_plain_text_on_request():
    formatter = logging_config("INFO", json=False)["formatters"]["main"]
    plain = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"
    assert formatter == {"format": plain}


@pytest.mark.django_db
def test_an_eager_task_logs_with_the_callers_id_and_gives_it_back(json_lines):
    """Without Redis (`make run`, most tests) a task runs inside the request that queues it."""
    set_guid("a" * 32)
    try:
        assert sweep_notifications.delay().get() == 0
        assert get_guid() == "a" * 32  # the request goes on with its own id
    finally:
        clear_guid()
    (done,) = [line for line in json_lines() if line["logger"] == "celery.app.trace"]
    assert done["message"].startswith("Task reviews.sweep_notifications[")
    assert done["request_id"] == "a" * 32


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_queued_by_a_request_logs_with_its_id_in_the_worker(
    reference_data, celery_worker, client, json_lines, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    author = draft_with_text()
    client.force_login(author)
    given = str(uuid.uuid4())
    response = client.post("/en/workspace/imrf-2026/MEX/submit/", headers={HEADER: given})
    assert response.status_code == 302
    assert response[HEADER] == given

    def sent():
        return ModerationEvent.objects.get(action="submit").notify_status == "sent"

    assert wait_for(sent)
    found = wait_for(lambda: worker_lines(json_lines(), "reviews.send_review_notification"))
    assert found, json_lines()
    (done,) = worker_lines(json_lines(), "reviews.send_review_notification")
    assert done["request_id"] == given
    assert done["message"].startswith("Task reviews.send_review_notification[")


def worker_lines(lines, task_name):
    return [
        line
        for line in lines
        if line["logger"] == "celery.app.trace" and line.get("data", {}).get("name") == task_name
    ]


def draft_with_text():
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id="MEX").user
    review = start_review("MEX", cycle, by=author)
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": "Review text."},
                           by=author, base_version=review.version, kind="save")  # fmt: skip
    return author
