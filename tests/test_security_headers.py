"""Production's configuration passes Django's deployment check, and the answers no named route
gives (health check, static files, errors) carry the security headers too. The permission
table (tests/test_permissions_table.py) checks them on every route, persona and method."""

import os

import pytest

from tests.security_headers import HSTS_SECONDS, csp_directives, missing_security_headers
from tests.test_settings import GOOD_KEY, run_python

# What `manage.py check --deploy` prints with production's environment: DEBUG off, a real key,
# a host name, and nothing else, so every security setting is at its default.
DEPLOY_CHECK = """
import sys
from django.core.management import call_command
import django
django.setup()
try:
    call_command("check", deploy=True, fail_level="WARNING")
except SystemExit as exc:
    sys.exit(exc.code)
except Exception as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
"""

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "portal.example.org"}


def run_in_production(code: str):
    """`code` in a Python started with production's environment (what `make test` exports for
    the test client's plain HTTP, and pytest's own switches, taken away)."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "DATABASE_URL", "REDIS_URL", "VIRTUAL_ENV"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    return run_python(code, **PRODUCTION, **env, _only=True)


def test_the_deployment_check_finds_nothing_with_production_defaults():
    result = run_in_production(DEPLOY_CHECK)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_production_defaults_are_https_only_with_hsts():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
        "settings.SECURE_PROXY_SSL_HEADER, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.SECURE_REDIRECT_EXEMPT]))"
    )
    result = run_in_production(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f'[true, {HSTS_SECONDS}, ["HTTP_X_FORWARDED_PROTO", "https"], true, true, ["^healthz$"]]'
    )


@pytest.fixture
def production_https(settings):
    settings.SECURE_HSTS_SECONDS = HSTS_SECONDS
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_plain_http_is_sent_to_https_but_the_health_check_is_answered(client, production_https):
    page = client.get("/en/", HTTP_HOST="localhost")
    assert page.status_code == 301
    assert page["Location"] == "https://localhost/en/"
    health = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a load balancer, by address
    assert health.status_code == 200
    # Over plain HTTP no HSTS (browsers ignore it there), every other header is on.
    assert [m for m in missing_security_headers(health) if "Strict" not in m] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,status",
    [
        ("/healthz", 200),
        ("/en/no-such-page/", 404),
        ("/ar/no-such-page/", 404),
        ("/static/reviews/js/editor.js", 200),
        ("/api/v1/", 200),
        ("/api/v1/schema/", 200),
        ("/feeds/publications/", 200),
        ("/sitemap.xml", 200),
        ("/en/accounts/login/", 200),
    ],
)
def test_answers_outside_the_route_table_carry_the_headers(
    client, production_https, reference_data, path, status
):
    response = client.get(path, secure=True, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == status
    assert missing_security_headers(response) == []


def test_the_500_page_carries_the_headers(client, production_https, settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    client.raise_request_exception = False
    response = client.get("/fail/", secure=True)
    assert response.status_code == 500
    assert missing_security_headers(response) == []


@pytest.mark.django_db
def test_the_policy_allows_no_inline_code_and_no_other_origin(client, production_https):
    directives = csp_directives(client.get("/healthz", secure=True))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
