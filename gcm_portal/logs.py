"""Logging: one JSON object per line on stderr, each with the request id (django-guid).

Every line carries `time`, `level`, `logger`, `message`, `request_id` and, for an exception,
`exc_info` (the traceback as one string). The request id comes from django-guid's middleware
(first in MIDDLEWARE): a proxy's `X-Request-ID` is kept when it is a UUID (VALIDATE_GUID; any
other value is replaced by a fresh id, so a client cannot forge log lines), else one is made;
the response returns it in `X-Request-ID`. A Celery task queued while a request runs carries
the id in its message headers and logs with it in the worker (CeleryIntegration), so
`request_id` follows one request into every task it caused. A task started by beat gets an id
of its own.

A task run in-process (eager: `make run` without Redis, most tests) keeps the request's id too,
and gives it back when it ends (django-guid alone would end the request's id with the task).

`LOG_JSON=0` gives plain text lines (the default with DEBUG=1, for `make run`).
"""

from celery.signals import task_postrun, task_prerun
from django_guid import get_guid, set_guid
from django_guid.integrations import CeleryIntegration

HEADER = "X-Request-ID"


def _lend_the_id_to_an_eager_task(task, **kwargs):
    """Before django-guid's own receiver: an eager task has no message headers, so it would
    make an id of its own; give it the caller's, and remember it for afterwards."""
    caller = get_guid()
    if task.request.is_eager and caller:
        task.request.update({HEADER: caller, "gcm_caller_request_id": caller})


def _give_the_id_back(task, **kwargs):
    """After django-guid's receiver cleared the id: the caller (a request) goes on with its own."""
    caller = getattr(task.request, "gcm_caller_request_id", None)
    if caller:
        set_guid(caller)


class RequestIdCeleryIntegration(CeleryIntegration):
    """django-guid's Celery integration, and eager tasks that keep the caller's id."""

    def setup(self) -> None:
        # Connected before django-guid's receivers (`super().setup()` imports them), so they run
        # first before a task and, for the way back, after it.
        task_prerun.connect(_lend_the_id_to_an_eager_task, weak=False)
        super().setup()
        task_postrun.connect(_give_the_id_back, weak=False)


DJANGO_GUID_SETTINGS: dict = {
    "GUID_HEADER_NAME": HEADER,
    # Only a UUID from outside is trusted as the id; anything else gets a new one.
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    "IGNORE_URLS": ["healthz"],
    "INTEGRATIONS": [RequestIdCeleryIntegration(use_django_logging=True, log_parent=True)],
}

JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"


def logging_config(level: str, *, json: bool) -> dict:
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
        if json
        else {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {
                "()": "django_guid.log_filters.CorrelationId",
                "correlation_id_field": "request_id",
            },
        },
        "formatters": {"main": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
            "weasyprint.progress": {"level": "WARNING"},
            # One line per request and per task saying where the id came from: noise.
            "django_guid": {"level": "WARNING"},
        },
    }
