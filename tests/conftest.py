import os

# Playwright's sync API keeps an event loop running in the main thread; Django would otherwise
# refuse ORM calls from tests that use a browser page.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import translation

from gcm_portal import celery_app
from reviews.permissions import SECRETARIAT_GROUP
from reviews.reference import load_reference_data
from tests import factories


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgresql: needs PostgreSQL (stemming, ranking, query plans); skipped on SQLite",
    )


def pytest_itemcollected(item):
    """Plain `pytest` runs on SQLite, whose fallback search neither stems nor ranks: a test of
    what only PostgreSQL does says so and is skipped there, instead of failing."""
    if item.get_closest_marker("postgresql") and connection.vendor != "postgresql":
        item.add_marker(
            pytest.mark.skip(
                reason="needs PostgreSQL: run through scripts/with-services.sh or make test"
            )
        )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run transactional tests (live server, worker) after all the others.

    They empty the database when they finish, and the rolled-back tests rely on the reference
    data loaded once per session. pytest-django sorts this way too, but pytest-playwright's
    session-scoped `browser_name` parametrization regroups items after it; so sort last.
    """

    def transactional(item):
        marker = item.get_closest_marker("django_db")
        flagged = bool(marker and marker.kwargs.get("transaction"))
        names = getattr(item, "fixturenames", [])
        return flagged or "transactional_db" in names or "live_server" in names

    items.sort(key=transactional)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once into the test database; `db` tests roll back on top of it."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data(django_db_blocker):
    """For transactional tests (live server, worker), which start from an emptied database."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a language a test activates (a request under
    /fr/ does) must not change what `reverse()` gives the next one."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's million rounds cost half a second per user; tests need no such protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _public_pages_uncached(request, settings):
    """Inside a test's transaction the on-commit invalidation never runs, so a cached page
    would outlive its data. Tests see fresh pages unless marked `public_cache`, which starts
    them on a new cache generation."""
    if request.node.get_closest_marker("public_cache") is None:
        settings.PUBLIC_CACHE_SECONDS = 0
    else:
        from reviews.public_cache import invalidate_public_pages

        invalidate_public_pages()


@pytest.fixture(autouse=True)
def _celery_eager_unless_worker(request, settings):
    """Tests run tasks in-process unless they ask for the real worker (marker `worker`)."""
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


# --- personas ------------------------------------------------------------------------------


@pytest.fixture
def secretariat_user(db):
    user = factories.UserFactory(full_name="Sam Secretariat", is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return user


@pytest.fixture
def focal_point(db):
    """Alice: focal point of Mexico."""
    return factories.FocalPointFactory(user__full_name="Alice Focal", member_state_id="MEX").user


@pytest.fixture
def colleague(db):
    """Bob: a second focal point of Mexico."""
    return factories.FocalPointFactory(user__full_name="Bob Colleague", member_state_id="MEX").user


@pytest.fixture
def other_focal_point(db):
    """Charlie: focal point of France, who must not see Mexico's drafts."""
    return factories.FocalPointFactory(user__full_name="Charlie Other", member_state_id="FRA").user


# --- a real Celery worker on the real Redis ------------------------------------------------


@pytest.fixture(scope="session")
def celery_worker(django_db_setup):
    """Start one Celery worker thread for the session, consuming from the test Redis.

    Tests that use it are marked `worker` (so tasks are sent to the broker, not run eagerly)
    and use `transactional_db`, because the worker reads the database on its own connection
    and sees only committed rows.
    """
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: run through `make test`, which starts redis-server")
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    with start_worker(
        celery_app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=20
    ) as worker:
        yield worker


@pytest.fixture
def redis_outage():
    """Stop the test redis-server for real, and start it again with the same settings.

    Usage: `with redis_outage(): ...`. Needs the services started by scripts/with-services.sh.
    """
    import contextlib
    import subprocess
    import time

    port, workdir = os.environ.get("REDIS_PORT"), os.environ.get("REDIS_DIR")
    if not (port and workdir):
        pytest.skip("needs redis-server from scripts/with-services.sh (make test)")

    def ping() -> bool:
        done = subprocess.run(["redis-cli", "-p", port, "ping"], capture_output=True, text=True)
        return done.stdout.strip() == "PONG"

    @contextlib.contextmanager
    def outage():
        subprocess.run(["redis-cli", "-p", port, "shutdown", "nosave"], capture_output=True)
        for _ in range(50):
            if not ping():
                break
            time.sleep(0.1)
        try:
            yield
        finally:
            subprocess.run(
                ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--daemonize", "yes", "--dir", workdir,
                 "--pidfile", os.environ["REDIS_PIDFILE"], "--logfile", f"{workdir}/redis.log"],
                check=True, capture_output=True,
            )  # fmt: skip
            for _ in range(50):
                if ping():
                    break
                time.sleep(0.1)

    return outage
