"""Queue side effects after commit, without ever failing or hanging the request.

A broker that is down must not turn a saved invitation (or a published review) into an error
page: the enqueue has a bounded connection timeout (settings), a failure is logged, and a
periodic sweep finds the work that never reached a worker and queues it again. Tasks are
idempotent, so a job queued twice does its work once.

Tasks are named here, not imported: `reviews.tasks` wraps the concern modules (invitations,
notifications, rendition), and those modules queue its tasks, so importing the task objects
would make a circle. The name is the contract already (beat's schedule uses it too); the tasks
are registered at start-up by `ReviewsConfig.ready()`, so an unknown name fails loudly
(KeyError) instead of bypassing eager mode or the routing of a registered task.
"""

import logging

from celery import current_app
from django.db import transaction

log = logging.getLogger(__name__)


def enqueue(task_name: str, **kwargs) -> bool:
    """Send the task with keyword ids now; False (and a log line) when the broker is
    unreachable."""
    task = current_app.tasks[task_name]
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception:  # kombu and redis raise many types; the sweep recovers from all of them
        log.warning(
            "could not queue %s(%s): left for the periodic sweep", task_name, kwargs, exc_info=True
        )
        return False
    return True


def enqueue_on_commit(task_name: str, **kwargs) -> None:
    transaction.on_commit(lambda: enqueue(task_name, **kwargs))
