import contextlib
import os

# Playwright's sync API keeps an event loop running in the main thread; Django would otherwise
# refuse ORM calls from tests that use a browser page.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.utils import translation

from gcm_portal import celery_app
from reviews.permissions import SECRETARIAT_GROUP
from reviews.reference import load_reference_data
from tests import factories
from tests.waiting import wait_for

# `make test` runs two xdist workers on one Redis: each keeps its own cache keys, or one
# worker's publication (which renders pages into the cache and moves versions) would change
# what the other's tests find cached; and its own Redis database, because Django's
# `RedisCache.clear()` empties the whole database (FLUSHDB), prefix or not: a test that
# clears the cache in one worker would empty the pages the other had just warmed.
if os.environ.get("PYTEST_XDIST_WORKER"):
    _worker = os.environ["PYTEST_XDIST_WORKER"]
    _cache = django_settings.CACHES["default"]
    _cache["KEY_PREFIX"] = f"{_cache.get('KEY_PREFIX', '')}-{_worker}"
    if str(_cache.get("LOCATION", "")).startswith("redis://"):
        _number = 1 + int(_worker.removeprefix("gw") or 0)  # 0 is the broker's
        _cache["LOCATION"] = f"{_cache['LOCATION'].rsplit('/', 1)[0]}/{_number}"
    with contextlib.suppress(AttributeError):  # made before the prefix changed: made again
        del caches["default"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgresql: needs PostgreSQL (stemming, ranking, query plans); skipped on SQLite",
    )
    config.addinivalue_line(
        "markers",
        "serial: stops or restarts a service the other tests share; `make test` runs it alone",
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
def _filter_options_rebuilt():
    """A test's rolled-back reference data (a renamed State) leave no trace in the memo of the
    public filters' options (`reviews.choice_memo`): a rollback sends no signal."""
    from reviews.choice_memo import forget_choices

    forget_choices()


@pytest.fixture(autouse=True)
def _celery_eager_unless_worker(request, settings):
    """Tests run tasks in-process unless they ask for the real worker (marker `worker`)."""
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    if not eager and "celery_worker" in request.fixturenames:
        _until_the_worker_is_idle()
    celery_app.conf.task_always_eager = previous


def _until_the_worker_is_idle(seconds: float = 30) -> None:
    """Until the session's worker runs and holds no task (three checks in a row), at most
    `seconds`: a test that has seen what it waited for may end while the worker still renders
    the rest (the warming of a publication renders many pages), and the emptying of the
    database after a transactional test (TRUNCATE) then deadlocked with the worker's reads,
    which also kept the test database from being dropped (make test, 2026-11-27 08:57)."""
    from celery.worker import state

    wait_for(
        lambda: not (state.active_requests or state.reserved_requests),
        seconds,
        times=3,
        every=0.1,
    )


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


@pytest.fixture
def postgres_restart():
    """Stop or restart the test PostgreSQL for real (`pg_ctl -m fast`, as a deploy would).

    `postgres_restart.restart()` restarts it; `with postgres_restart.down(): ...` keeps it
    stopped inside the block. Needs the services started by scripts/with-services.sh.
    """
    import contextlib
    import shlex
    import subprocess
    import types
    from pathlib import Path

    pgbin, data, log = (os.environ.get(n) for n in ("PGBIN", "PGDATA_DIR", "PGLOG"))
    if not (pgbin and data and log):
        pytest.skip("needs PostgreSQL from scripts/with-services.sh (make test)")
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def pg_ctl(*args):
        # -l: without a log file the server would keep pg_ctl's captured output open.
        command = [*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-l", log, "-w", "-m", "fast", *args]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        connection.close()  # this thread's connection died with the server

    @contextlib.contextmanager
    def down():
        # `pg_ctl start` forgets the port and socket options; `restart` reads them from here.
        words = shlex.split(Path(data, "postmaster.opts").read_text())[1:]
        options = [w for n, w in enumerate(words) if "-D" not in (w, words[n - 1] if n else "")]
        pg_ctl("stop")
        try:
            yield
        finally:
            pg_ctl("start", "-o", shlex.join(options))

    return types.SimpleNamespace(restart=lambda: pg_ctl("restart"), down=down, pg_ctl=pg_ctl)


# --- two-factor authentication ---------------------------------------------------------------

_two_factor_shortcut = {"on": True}


@pytest.fixture(scope="session", autouse=True)
def _two_factor_verified_at_login():
    """Whoever must use two-factor authentication (secretariat, staff) is verified as they log
    in (`client.force_login`, `client.login`, and the browser's log-in form on the live server,
    which runs in this process): they get a confirmed authenticator and a session that
    django_otp.login marked verified. Session-wide, so module-scoped fixtures that log in are
    covered too. Tests of two-factor itself opt out with the marker `real_two_factor`. The
    enforcement itself (RequireTwoFactorMiddleware) stays on."""
    # Function-local: importing django-otp's models needs the app registry, ready only now.
    import django_otp
    from django.contrib.auth.signals import user_logged_in
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gcm_portal.accounts.two_factor.policy import must_use_two_factor

    def verify(sender, request, user, **kwargs):
        if _two_factor_shortcut["on"] and must_use_two_factor(user) and hasattr(request, "session"):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            # What django_otp.login stores (it needs request.user; force_login's request has none).
            request.session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id

    user_logged_in.connect(verify, dispatch_uid="tests-two-factor-verified")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-two-factor-verified")


@pytest.fixture(autouse=True)
def _real_two_factor(request):
    """The marker `real_two_factor` turns the log-in shortcut above off for one test."""
    if request.node.get_closest_marker("real_two_factor") is None:
        yield
        return
    _two_factor_shortcut["on"] = False
    yield
    _two_factor_shortcut["on"] = True


@pytest.fixture
def audit_trail_unlocked(db):
    """Lets a test age or remove audit rows, which PostgreSQL otherwise refuses
    (gcm_portal.accounts.audit_trail): for set-ups that stand for time passing."""
    from gcm_portal.accounts.audit_trail import UNLOCK_SETTING  # after Django's set-up

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET {UNLOCK_SETTING} = 'on'")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"RESET {UNLOCK_SETTING}")
