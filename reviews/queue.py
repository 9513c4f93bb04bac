"""Queue side effects after commit, without ever failing or hanging the request.

A broker that is down must not turn a saved invitation (or, later, a published review) into an
error page: the enqueue has a bounded connection timeout (settings), a failure is logged, and a
periodic sweep finds the work that never reached a worker and queues it again. Tasks are
idempotent, so a job queued twice does its work once.
"""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def enqueue(task, **kwargs) -> bool:
    """Send `task` with keyword ids now; False (and a log line) when the broker is unreachable."""
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception:  # kombu and redis raise many types; the sweep recovers from all of them
        log.warning(
            "could not queue %s(%s): left for the periodic sweep", task.name, kwargs, exc_info=True
        )
        return False
    return True


def enqueue_on_commit(task, **kwargs) -> None:
    transaction.on_commit(lambda: enqueue(task, **kwargs))
