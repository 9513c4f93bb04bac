"""Benchmark: registrations through the real HTTP form under load (gunicorn → PostgreSQL, Redis).

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/registration.py
    ... bench/registration.py --registrations 1000 --duplicates 0.05 --clients 32 --capacity 100

Creates one published event with `--capacity` places and an open registration window, starts
gunicorn (gthread), then 32 client threads, each with its own cookie jar, register
`--registrations` distinct addresses through /en/events/<slug>/register/ exactly as a browser
does (GET the form for the CSRF cookie and token, POST the fields), plus `--duplicates` of them
again with the address in other letter case, shuffled in among the rest (some race their
original). Then every registration is verified through its signed link (the token read from
the database with `stakeholders.links`; GET the page, POST the confirmation), and a burst of
approvals (`stakeholders.decisions.decide_registration`, 32 threads) races for the event's
places: three candidates per place.

Checks afterwards: every distinct address has exactly one row (none lost, none duplicated),
all verified, approved <= capacity (and == capacity: the burst had enough candidates). Prints
registrations/s, POST latency p50/p90/p99/max, the same for a baseline measured in the same
run (GET /healthz under the same 32 clients), their ratio, and the load average before and
after. The per-client rate limit is raised for the run (REGISTRATION_RATE_LIMIT), since every
client is 127.0.0.1. No e-mail is sent: the queued notices wait in Redis, no worker runs.
Exits 1 when a check fails.
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SLUG = "bench-registration"
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def setup_django():
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gcm_portal.settings"
    os.environ["REGISTRATION_RATE_LIMIT"] = "100000000/m"
    # Plain HTTP on the loopback: a Secure CSRF cookie would never be sent back.
    os.environ["SECURE_COOKIES"] = "0"
    os.environ["BEHIND_TLS_PROXY"] = "0"  # plain HTTP on loopback: no TLS proxy in front
    # Pages need the static manifest (DEBUG off): collected into a throwaway directory.
    os.environ["STATIC_ROOT"] = tempfile.mkdtemp(prefix="bench-registration-static-")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("bench/registration.py needs PostgreSQL: run it through scripts/with-services.sh")
    if not os.environ.get("REDIS_URL"):
        sys.exit("bench/registration.py needs REDIS_URL: run it through scripts/with-services.sh")
    import django  # after the environment above is set: the settings read it

    django.setup()


def prepare(capacity: int):
    # Django is set up in main(): imported here, not at the top, for that reason.
    from django.core.management import call_command
    from django.utils import timezone

    from stakeholders.models import Event

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    now = timezone.now()
    Event.objects.filter(slug=SLUG).delete()
    return Event.objects.create(
        slug=SLUG,
        kind=Event.Kind.CONSULTATION,
        title="Registration benchmark",
        starts_on=(now + timedelta(days=30)).date(),
        ends_on=(now + timedelta(days=31)).date(),
        mode=Event.Mode.HYBRID,
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=20),
        capacity=capacity,
        is_published=True,
    )


# --- gunicorn --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(args, workdir: str):
    port = free_port()
    log = Path(workdir) / "gunicorn.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "gcm_portal.wsgi:application",
        "--chdir", str(ROOT),
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers),
        "--worker-class", "gthread",
        "--threads", str(args.threads_per_worker),
        "--backlog", "2048",
        "--log-level", "warning",
    ]  # fmt: skip
    with log.open("ab") as output:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310
                return process, base, log
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    stop(process)
    sys.exit("gunicorn did not answer within 60 s")


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


# --- HTTP clients ----------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we measure, not the page after it


class Client:
    """One browser: its own cookie jar (the CSRF cookie), no redirects followed."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(self, url, data=None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def form_token(self, url) -> str:
        status, page = self.request(url)
        match = TOKEN_RE.search(page)
        if status != 200 or not match:
            raise RuntimeError(f"GET {url}: {status}, no CSRF token")
        return match.group(1)


_local = threading.local()


def client() -> Client:
    if not hasattr(_local, "client"):
        _local.client = Client()
    return _local.client


def percentiles(values) -> dict:
    ordered = sorted(values)
    if not ordered:
        return {}

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": ordered[-1] * 1000}


def show(label, stats):
    print(
        f"  {label:<28} p50 {stats['p50']:7.1f} ms  p90 {stats['p90']:7.1f} ms  "
        f"p99 {stats['p99']:7.1f} ms  max {stats['max']:7.1f} ms"
    )


def run_pool(clients, jobs, work):
    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(work, jobs))


def register_one(job):
    base, address, row = job
    url = f"{base}/en/events/{SLUG}/register/"
    c = client()
    token = c.form_token(url)
    data = {**row, "email": address, "csrfmiddlewaretoken": token}
    started = time.perf_counter()
    status, _page = c.request(url, data)
    elapsed = time.perf_counter() - started
    return status, elapsed


def healthz_one(base):
    started = time.perf_counter()
    status, _ = client().request(f"{base}/healthz")
    return status, time.perf_counter() - started


def verify_one(job):
    base, path = job
    c = client()
    token = c.form_token(base + path)
    status, _ = c.request(base + path, {"csrfmiddlewaretoken": token})
    return status


# --- the run ---------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=1000)
    parser.add_argument("--duplicates", type=float, default=0.05)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--capacity", type=int, default=100)
    cores = os.cpu_count() or 2
    parser.add_argument("--workers", type=int, default=2 * cores)
    parser.add_argument("--threads-per-worker", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    setup_django()
    event = prepare(args.capacity)
    # Imported only now: the settings come from the environment setup_django() prepared.
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count

    from reviews.models import MemberState, StakeholderCategory
    from stakeholders import decisions, links
    from stakeholders.models import Registration, normalize_email

    categories = list(StakeholderCategory.objects.values_list("key", flat=True))
    categories.remove("other")
    states = list(MemberState.objects.values_list("pk", flat=True))
    languages = ["en", "fr", "es", "ar", "zh-hans", "ru"]
    addresses = [f"person.{n:05d}@bench.example.org" for n in range(args.registrations)]
    duplicates = [
        a.upper() if i % 2 else a.title()
        for i, a in enumerate(rng.sample(addresses, int(args.registrations * args.duplicates)))
    ]

    def row(n):
        return {
            "full_name": f"Bench Person {n}",
            "organization": f"Organisation {n % 97}",
            "organization_website": "",
            "category": rng.choice(categories),
            "level": rng.choice(["global", "regional", "national"]),
            "residence": rng.choice(states),
            "nationality": rng.choice(states),
            "gender": rng.choice(["", "woman", "man"]),
            "age_group": rng.choice(["", "25-34", "35-49"]),
            "participation": rng.choice(["in_person", "online"]),
            "language": rng.choice(languages),
            "consent_privacy": "on",
        }

    work = [(a, row(n)) for n, a in enumerate(addresses)]
    work += [(a, row(n)) for n, a in enumerate(duplicates)]
    rng.shuffle(work)

    load_before = os.getloadavg()
    workdir = tempfile.mkdtemp(prefix="bench-registration-")
    process, base, log = start_gunicorn(args, workdir)
    connection.close()  # the threads below open their own
    try:
        # Warm-up: every worker imports and connects once.
        run_pool(args.clients, [base] * (args.clients * 2), healthz_one)
        baseline = run_pool(args.clients, [base] * 1000, healthz_one)
        started = time.perf_counter()
        results = run_pool(
            args.clients, [(base, address, data) for address, data in work], register_one
        )
        wall = time.perf_counter() - started
        load_after_register = os.getloadavg()

        rows = list(Registration.objects.filter(event=event).values_list("pk", flat=True))
        paths = [
            (base, links.link_path(r, links.VERIFY, "en"))
            for r in Registration.objects.filter(event=event)
        ]
        v_started = time.perf_counter()
        verified_status = run_pool(args.clients, paths, verify_one)
        v_wall = time.perf_counter() - v_started

        secretariat, _ = get_user_model().objects.get_or_create(
            email="bench-secretariat@example.org", defaults={"full_name": "Bench"}
        )
        candidates = rng.sample(rows, min(len(rows), 3 * args.capacity))

        def approve(pk):
            try:
                return decisions.decide_registration(pk, "approve", by=secretariat).changed
            except decisions.DecisionRefused as refused:
                return getattr(refused, "code", "refused")
            finally:
                connection.close()

        a_started = time.perf_counter()
        approvals = run_pool(args.clients, candidates, approve)
        a_wall = time.perf_counter() - a_started
        load_after = os.getloadavg()
    finally:
        stop(process)

    # --- checks ---
    failures = []
    statuses = [s for s, _ in results]
    by_key = dict(
        Registration.objects.filter(event=event)
        .values_list("email_key")
        .annotate(n=Count("pk"))
        .values_list("email_key", "n")
    )
    expected = {normalize_email(a) for a in addresses}
    lost = expected - set(by_key)
    doubled = [k for k, n in by_key.items() if n != 1]
    extra = set(by_key) - expected
    approved = Registration.objects.filter(event=event, status="approved").count()
    unverified = Registration.objects.filter(event=event, status="unverified").count()
    if any(s != 302 for s in statuses):
        failures.append(f"registration answers other than 302: {sorted(set(statuses))}")
    if lost:
        failures.append(f"{len(lost)} addresses lost")
    if doubled or extra:
        failures.append(f"{len(doubled)} duplicated, {len(extra)} unexpected rows")
    if unverified:
        failures.append(f"{unverified} registrations not verified")
    if approved > args.capacity:
        failures.append(f"capacity exceeded: {approved} approved for {args.capacity} places")
    if approved < args.capacity:
        failures.append(f"only {approved} approved for {args.capacity} places")

    reg = percentiles([t for _, t in results])
    health = percentiles([t for _, t in baseline])
    print(
        f"\nRegistration benchmark: {len(work)} POSTs ({len(addresses)} addresses + "
        f"{len(duplicates)} duplicates in other letter case), {args.clients} clients, gunicorn "
        f"{args.workers} workers x {args.threads_per_worker} threads (gthread), PostgreSQL, "
        f"{os.cpu_count()} cores"
    )
    print(f"  registrations/s            {len(work) / wall:7.1f}  ({wall:.1f} s)")
    show("POST register (form)", reg)
    show("baseline GET /healthz", health)
    print(
        f"  ratio p50 / p99 to baseline {reg['p50'] / health['p50']:6.1f} x / "
        f"{reg['p99'] / health['p99']:.1f} x"
    )
    print(
        f"  verification (GET + POST)   {len(paths) / v_wall:7.1f} /s, answers "
        f"{sorted(set(verified_status))}"
    )
    counts = dict(Counter(map(str, approvals)))
    print(
        f"  approval burst              {len(candidates)} candidates for {args.capacity} places "
        f"in {a_wall:.2f} s: approved {approved}; outcomes {counts}"
    )
    print(f"  rows {sum(by_key.values())}, distinct addresses {len(by_key)} of {len(expected)}")
    print(f"  load average before {load_before}, after registering {load_after_register}, "
          f"at the end {load_after}")  # fmt: skip
    if failures:
        print("CHECKS FAILED:\n  " + "\n  ".join(failures))
        print(f"(gunicorn log: {log})")
        sys.exit(1)
    print("Checks passed: none lost, none duplicated, all verified, capacity never exceeded.")


if __name__ == "__main__":
    main()
