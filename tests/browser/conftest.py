"""Real-browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browser here, so it launches /usr/bin/chromium with the
flags that keep it off the network. Screenshots land in tests/browser/screenshots/ (ignored by
git) for a person to look at.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from django.db import connection

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _browser_database(transactional_db, reference_data):
    """The live server reads committed rows: start every journey from fresh reference data."""


@pytest.fixture(autouse=True)
def _requests_finished(_browser_database):
    """After a journey, before its rows are flushed: the live server's requests are over.
    Closing a page whose editor holds typed text sends a last save (pagehide, keepalive), which
    can reach the live server after the page is gone; flushed meanwhile, the tables it read
    deadlocked with the TRUNCATE (seen once in `make test`, at teardown of a keyboard journey).
    Set up after the database and before the browser's page, so torn down between the two."""
    yield
    if connection.vendor != "postgresql":
        return
    time.sleep(0.3)  # a save sent as the page closed is on its way by then
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """The live server serves /static/ through the staticfiles finders, which know the source
    names, not the fingerprinted ones of the production manifest storage."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def start_draft(settings, iso3: str, email: str = "fp@gov.example"):
    """A focal point of `iso3` (who logs in with `tests.factories.PASSWORD`, hashed quickly) and
    the draft they start for imrf-2026, the cycle opened: the start of the drafting journeys."""
    # Here, not at the top: conftest is read before Django is set up.
    from reviews.editing import start_review
    from reviews.models import ReviewCycle
    from tests.factories import FocalPointFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id=iso3, user__email=email).user
    return author, start_review(iso3, cycle, by=author)


def log_in(page, live_server, email):
    """Log in through the form, without a `?next=`, and wait for the signed-in page."""
    from playwright.sync_api import expect  # here: only the browser journeys need it

    from tests.factories import PASSWORD  # here: conftest is read before Django is set up

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
