"""Settings come from the environment only, and nonsense stops start-up with one line."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_at": settings.CACHES["default"].get("LOCATION"),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", None),
    "media": str(settings.MEDIA_ROOT),
    "hosts": settings.ALLOWED_HOSTS,
    "debug": settings.DEBUG,
}))
"""

VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "REDIS_CACHE_URL",
    "EMAIL_URL",
    "MEDIA_ROOT",
]


# What a real key looks like (secrets.token_urlsafe(50)); never used outside these tests.
GOOD_KEY = "q3VxT0w8mJr2bZ9LkYc5NfHd1sGa7EuPi4oRnXeW6tIyAvBlMhCjDgKz"


def run_python(code: str, _only: bool = False, **env_overrides):
    """`code` in a new Python with the environment minus VARIABLES plus `env_overrides` (with
    `_only`, `env_overrides` alone)."""
    env = {} if _only else {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "gcm_portal.settings"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )


def read_settings(**env):
    result = run_python(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_embedded_default_without_any_variable_but_debug():
    values = read_settings(DEBUG="1")
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(ROOT / "var" / "db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["media"] == str(ROOT / "var" / "media")


def test_production_values_are_read_from_the_environment(tmp_path):
    values = read_settings(
        SECRET_KEY=GOOD_KEY,
        DATABASE_URL="postgres://gcm:pw@db.internal:5432/gcm",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_URL="smtp://mailer:pw@smtp.internal:587",
        MEDIA_ROOT=str(tmp_path),
        ALLOWED_HOSTS="portal.example.org, www.portal.example.org",
    )
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "gcm"
    assert values["cache"].endswith("RedisCache")
    assert (values["eager"], values["broker"]) == (False, "redis://cache.internal:6379/1")
    assert values["cache_at"] == "redis://cache.internal:6379/1"  # one Redis for both
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "smtp.internal"
    assert values["media"] == str(tmp_path)
    assert values["hosts"] == ["portal.example.org", "www.portal.example.org"]
    assert values["debug"] is False


def test_the_cache_can_have_a_redis_of_its_own():
    values = read_settings(
        SECRET_KEY=GOOD_KEY,
        REDIS_URL="redis://broker.internal:6379/0",
        REDIS_CACHE_URL="redis://cache.internal:6379/0",
    )
    assert values["broker"] == "redis://broker.internal:6379/0"
    assert (values["cache"].rsplit(".", 1)[1], values["cache_at"]) == (
        "RedisCache",
        "redis://cache.internal:6379/0",
    )


def test_missing_secret_key_with_debug_off_refuses_to_start_in_one_line():
    result = run_python("import django; django.setup()", DEBUG="0")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("gcm_portal settings: SECRET_KEY is required when DEBUG is off")


@pytest.mark.parametrize(
    "key,reason",
    [
        ("change-me", "is 9 characters long; it needs at least 50"),
        # The key `make test` used to run with: 39 characters.
        ("test-only-secret-key-not-for-production", "is 39 characters long; it needs at least 50"),
        (GOOD_KEY[:49], "is 49 characters long; it needs at least 50"),
        ("x" * 64, "is made of fewer than 5 different characters"),
        ("abcd" * 16, "is made of fewer than 5 different characters"),
        ("django-insecure-" + GOOD_KEY, "is one of Django's generated development keys"),
    ],
)
def test_a_weak_secret_key_with_debug_off_stops_start_up_in_one_line(key, reason):
    result = run_python("import django; django.setup()", DEBUG="0", SECRET_KEY=key)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"gcm_portal settings: SECRET_KEY {reason} when DEBUG is off; generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    ]


def test_a_weak_secret_key_is_tolerated_in_development():
    assert read_settings(DEBUG="1", SECRET_KEY="change-me")["debug"] is True


def secret_keys_written_in(path: Path) -> list[str]:
    return re.findall(r"SECRET_KEY\s*\??[=:]\s*([^\s$]+)", path.read_text())


@pytest.mark.parametrize("name", ["Makefile", "Dockerfile"])
def test_the_keys_our_own_commands_run_with_pass_the_check(name):
    """`make test` and the image build import the settings with DEBUG off."""
    keys = secret_keys_written_in(ROOT / name)
    assert keys
    for key in keys:
        result = run_python("import django; django.setup()", DEBUG="0", SECRET_KEY=key)
        assert result.returncode == 0, (key, result.stderr)


def test_env_example_leaves_the_key_to_be_generated():
    """An example value would be copied as is; docker compose refuses an empty one."""
    assert re.findall(r"^SECRET_KEY=(.*)$", (ROOT / ".env.example").read_text(), re.M) == [""]


def test_a_boolean_we_do_not_understand_stops_start_up():
    result = run_python("import django; django.setup()", DEBUG="yes-please")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "gcm_portal settings: DEBUG='yes-please' is not a boolean; "
        "use one of 1/0, true/false, yes/no, on/off"
    )


def test_a_malformed_database_url_stops_start_up():
    result = run_python("import django; django.setup()", DEBUG="1", DATABASE_URL="nonsense")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("gcm_portal settings: DATABASE_URL could not be read")


def test_env_example_documents_every_variable_the_settings_read():
    source = (ROOT / "gcm_portal" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    assert set(VARIABLES) <= read
    assert read - documented == set()


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "MEDIA_ROOT", "ALLOWED_HOSTS"]
)
def test_docker_compose_uses_the_same_variable_names(name):
    compose = (ROOT / "docker-compose.yml").read_text()
    assert f"{name}:" in compose or f"{name}=" in compose
