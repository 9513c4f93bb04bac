"""`/healthz` reports the real state of the database, the cache and storage.

The public reads only ok or error; which part failed, and why, is in the log.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def health_warnings(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "gcm_portal.health" and record.levelno == logging.WARNING
    ]


def test_healthy_when_all_parts_answer(client, caplog):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert health_warnings(caplog) == []
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis")
def test_runs_on_redis_when_configured(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_503_when_the_cache_is_down(client, caplog):
    # A Redis address where nothing listens: port 1 on loopback refuses at once.
    dead_redis = {
        "default": {
            "BACKEND": "gcm_portal.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    with override_settings(CACHES=dead_redis):
        from django.core.cache import caches

        caches._settings = None
        response = client.get("/healthz")
    assert response.status_code == 503
    # Nothing about the cause for the public: no host, port or exception text.
    assert response.json() == {"status": "error"}
    [warning] = health_warnings(caplog)
    assert warning.startswith("Health check failed: cache: ConnectionError")
    assert "127.0.0.1:1" not in response.content.decode()


def test_503_when_storage_cannot_be_written(client, tmp_path, settings, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.MEDIA_ROOT = str(blocker / "media")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    [warning] = health_warnings(caplog)
    assert warning.startswith("Health check failed: storage: ")
    assert str(blocker) not in response.content.decode()


def test_503_when_the_database_is_down(tmp_path):
    """A separate process whose DATABASE_URL points where no server listens."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "DJANGO_SETTINGS_MODULE": "gcm_portal.settings",
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_ROOT": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"status": 503, "body": {"status": "error"}}
    # The settings' LOGGING writes warnings on stderr, one JSON object per line: the database,
    # and only it, is named.
    failed = [json.loads(line) for line in out.stderr.splitlines() if "Health check failed" in line]
    assert len(failed) == 1
    assert failed[0]["logger"] == "gcm_portal.health"
    assert failed[0]["message"].startswith("Health check failed: database: OperationalError")


def test_answers_whatever_the_host_header(client):
    """Container health checks call it by IP address, which is not in ALLOWED_HOSTS."""
    response = client.get("/healthz", headers={"host": "10.0.0.7:8000"})
    assert response.status_code == 200
    assert client.get("/en/", headers={"host": "10.0.0.7:8000"}).status_code == 400
