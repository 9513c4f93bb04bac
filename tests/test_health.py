"""`/healthz` reports the real state of the database, the cache and storage."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_healthy_when_all_parts_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "storage": True,
    }
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the test Redis")
def test_runs_on_redis_when_configured(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_503_when_the_cache_is_down(client):
    # A Redis address where nothing listens: port 1 on loopback refuses at once.
    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    with override_settings(CACHES=dead_redis):
        from django.core.cache import caches

        caches._settings = None
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["ok"] is False
    assert "ConnectionError" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["ok"] is True


def test_503_when_storage_cannot_be_written(client, tmp_path, settings):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.MEDIA_ROOT = str(blocker / "media")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False


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
    assert result["status"] == 503
    assert result["body"]["checks"]["database"]["ok"] is False
    assert result["body"]["checks"]["storage"]["ok"] is True


def test_answers_whatever_the_host_header(client):
    """Container health checks call it by IP address, which is not in ALLOWED_HOSTS."""
    response = client.get("/healthz", headers={"host": "10.0.0.7:8000"})
    assert response.status_code == 200
    assert client.get("/en/", headers={"host": "10.0.0.7:8000"}).status_code == 400
