"""Side effects are queued by task name: the names are registered as soon as Django starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviews import invitations, notifications, rendition
from reviews.queue import enqueue

ROOT = Path(__file__).resolve().parent.parent.parent
QUEUED_BY_NAME = [invitations.SEND_TASK, notifications.SEND_TASK, rendition.RENDER_TASK]


def test_every_task_queued_by_name_is_registered_once_django_has_started(tmp_path):
    """In a fresh process (a web worker, `make run`) nothing imports reviews.tasks but the app's
    start-up: without it the names would be unknown and eager mode could not run them."""
    script = (
        "import django, json; django.setup(); "
        "from celery import current_app; "
        f"print(json.dumps(sorted(n for n in {QUEUED_BY_NAME!r} if n in current_app.tasks)))"
    )
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("REDIS_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "gcm_portal.settings"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == sorted(QUEUED_BY_NAME)


def test_an_unknown_task_name_fails_loudly_instead_of_being_sent_blind():
    with pytest.raises(KeyError):
        enqueue("reviews.no_such_task", review_id=1)
