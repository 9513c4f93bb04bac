"""bench/web.py measures honestly: its cold server remembers nothing, its unique-phrase search
never asks a phrase twice, and its ratios compare each page with the floor of the same round."""

import http.server
import json
import math
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from bench import servers, synthetic, web, wrk
from bench.cold_server import ForgetMemosMiddleware
from reviews import parts
from reviews.national import NATIONAL_REVIEW

ROOT = Path(__file__).resolve().parent.parent
DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def bench_settings(cold: str | None) -> dict:
    """The cache, page cache and first middleware of bench.settings_bench, read in a fresh
    interpreter (settings are read once per process)."""
    env = {k: v for k, v in os.environ.items() if k != "BENCH_COLD"}
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    if cold is not None:
        env["BENCH_COLD"] = cold
    code = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.CACHES['default']['BACKEND'], sorted(s.CACHES), s.PUBLIC_CACHE_SECONDS, "
        "s.MIDDLEWARE[0]]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_cold_server_has_no_cache_and_forgets_memos_first():
    assert bench_settings("1") == [
        "django.core.cache.backends.dummy.DummyCache",
        ["default"],
        0,
        "bench.cold_server.ForgetMemosMiddleware",
    ]


def test_the_warm_server_is_the_portal_as_served():
    backend, aliases, seconds, first = bench_settings(None)
    assert (backend, aliases, seconds, first) == (
        "gcm_portal.cache.RedisCache",
        ["default"],
        600,
        "django_guid.middleware.guid_middleware",
    )


@override_settings(CACHES=DUMMY)  # flush_memos() clears every cache: never the test's Redis
def test_the_cold_middleware_forgets_the_memos_before_the_view():
    parts._registry.cache_clear()  # other tests of this process may have filled it
    parts.parts_of(NATIONAL_REVIEW)
    assert parts._registry.cache_info().currsize == 1
    seen = []

    def view(request):
        seen.append(parts._registry.cache_info().currsize)
        return HttpResponse("page")

    response = ForgetMemosMiddleware(view)(RequestFactory().get("/en/"))
    assert (seen, response[servers.COLD_HEADER]) == ([0], "memos-forgotten")


def test_unique_phrases_are_all_different_pairs_of_words_of_the_seeded_text():
    phrases = wrk.unique_phrases()
    words = set(synthetic.vocabulary("en", random.Random("en"))[0][21:321])
    pairs = [phrase.split("+") for phrase in phrases]
    assert len(phrases) == 44_850
    assert len(set(phrases)) == 44_850
    assert {len(pair) for pair in pairs} == {2}
    assert {word for pair in pairs for word in pair} == words
    assert words.isdisjoint({"the", "of", "and", "through", "under"})


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_wrk_asks_every_phrase_once_from_the_offset_on(tmp_path):
    """The Lua script, run by wrk with 2 threads against a small server that notes the paths."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    phrases = [f"word{n}+other{n}" for n in range(wrk.PHRASES_PER_SCRIPT + 10)]
    script = tmp_path / "unique.lua"
    script.write_text(wrk.unique_search_script(phrases, 5, threads=2))
    args = SimpleNamespace(threads=2, connections=2)
    try:
        result = wrk.run_wrk(
            shutil.which("wrk"), str(script), f"http://127.0.0.1:{server.server_port}/", 1, args
        )
    finally:
        server.shutdown()
        server.server_close()
    offsets = sorted(phrases.index(path.removeprefix(wrk.SEARCH_PATH)) - 5 for path in asked)
    assert result["errors"] == 0
    assert result["requests"] > 20
    assert len(asked) == len(set(asked))
    # Every phrase asked lies before where the next script starts, none far before it (a
    # thread's last request may still be on its way when wrk stops).
    assert offsets[0] >= 0 and offsets[-1] < result["phrases_used"] <= offsets[-1] + 2 * 2


def measurement(round_number, variant, page, rps, p95=10.0, errors=0):
    return {
        "round": round_number,
        "variant": variant,
        "page": page,
        "rps": rps,
        "requests": round(rps * 5),
        "p95_ms": p95 if rps else float("nan"),
        "errors": errors,
    }


PAGES = [
    {"page": "floor", "url": "/bench/floor/"},
    {"page": "home", "url": "/en/"},
    {"page": "search, unique", "url": wrk.SEARCH_PATH, "search": True, "unique": True},
]


def test_each_ratio_is_to_the_warm_floor_of_its_own_round_and_the_median_is_reported():
    measurements = [
        measurement(1, "warm", "floor", 1000),
        measurement(2, "warm", "floor", 500),
        measurement(3, "warm", "floor", 2000),
        measurement(1, "cold", "floor", 900),
        measurement(1, "warm", "home", 300, p95=8),
        measurement(2, "warm", "home", 400, p95=30),
        measurement(3, "warm", "home", 1400, p95=9),
        measurement(1, "cold", "home", 50, p95=200),
    ]
    rows = web.summarize(measurements, PAGES, ["warm", "cold"])
    home = next(r for r in rows if (r["variant"], r["page"]) == ("warm", "home"))
    # Per round 0.3, 0.8, 0.7: median 0.7. Against the median floor (1000) it would be 0.4.
    assert (home["min_rps"], home["median_rps"], home["ratio"]) == (300, 400, 0.7)
    assert (home["median_p95_ms"], home["max_p95_ms"], home["rounds"]) == (9, 30, 3)
    cold = next(r for r in rows if (r["variant"], r["page"]) == ("cold", "home"))
    assert cold["ratio"] == 0.05
    assert [(r["variant"], r["page"]) for r in rows] == [
        ("warm", "floor"),
        ("warm", "home"),
        ("cold", "floor"),
        ("cold", "home"),
    ]


def test_goals_warm_pages_near_the_floor_unique_search_in_both_variants():
    measurements = [
        measurement(1, "warm", "floor", 1000),
        measurement(1, "warm", "home", 400),
        measurement(1, "cold", "home", 40),
        measurement(1, "warm", "search, unique", 60, p95=300),
        measurement(1, "cold", "search, unique", 40, p95=500),
    ]
    rows = web.summarize(measurements, PAGES, ["warm", "cold"])
    misses = web.judge(rows)
    verdicts = {(r["variant"], r["page"]): r["verdict"] for r in rows}
    assert verdicts == {
        ("warm", "floor"): "-",
        ("warm", "home"): "MISSED",
        ("warm", "search, unique"): "ok",
        ("cold", "home"): "-",
        ("cold", "search, unique"): "MISSED",
    }
    assert misses == [
        "warm home: 0.40 of the floor < 0.5",
        "cold search, unique: 40.0 req/s < 50, p95 500.0 ms > 400 ms",
    ]


def test_a_round_without_a_warm_floor_gives_no_ratio():
    rows = web.summarize([measurement(1, "cold", "home", 40)], PAGES, ["cold"])
    assert math.isnan(rows[0]["ratio"])


def test_a_page_that_answered_nothing_has_no_latency_and_misses_its_goal():
    measurements = [
        measurement(1, "warm", "floor", 1000),
        measurement(1, "warm", "home", 0),
        measurement(2, "warm", "floor", 1000),
        measurement(2, "warm", "home", 600, p95=20),
    ]
    rows = web.summarize(measurements, PAGES[:2], ["warm"])
    home = rows[1]
    assert (home["median_p95_ms"], home["min_rps"], home["ratio"]) == (20, 0, 0.3)
    assert web.judge(rows) == ["warm home: 0.30 of the floor < 0.5"]
    rows = web.summarize(measurements[:2], PAGES[:2], ["warm"])
    assert web.judge(rows) == ["warm home: 0.00 of the floor < 0.5, no request answered"]


def test_wrk_reports_no_latency_when_nothing_was_answered():
    report = {"requests": 0, "p95_us": 0}
    assert math.isnan(wrk.milliseconds(report, "p95_us"))
    assert wrk.milliseconds({"requests": 3, "p95_us": 12_500}, "p95_us") == 12.5


def test_the_next_measurement_waits_until_the_servers_are_idle():
    """A "server" whose worker still burns a second of CPU: the wait ends only once it is done
    and the idle child (sleep) is all that is left."""
    busy = "import time\nwhile time.process_time() < 1: pass"
    server = subprocess.Popen(
        ["sh", "-c", f'{sys.executable} -c "{busy}"; exec sleep 60'], start_new_session=True
    )
    try:
        time.sleep(0.3)  # the worker has started
        waited = servers.wait_until_idle([server], timeout=60)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        comm = Path(f"/proc/{server.pid}/comm").read_text().strip()
        assert (comm, children) == ("sleep", [])
        assert waited > 0.5
    finally:
        server.kill()
        server.wait()


def test_what_the_servers_logged_at_warning_or_above_is_counted(tmp_path):
    log = tmp_path / "gunicorn.log"
    cache_down = {"level": "WARNING", "logger": "reviews.views.common", "message": "cache down"}
    lines = [
        json.dumps({"level": "INFO", "logger": "x", "message": "fine"}),
        json.dumps(cache_down),
        json.dumps(cache_down),
        "[2026-11-26 14:00:00 +0000] [12] [CRITICAL] WORKER TIMEOUT (pid:13)",
        "gunicorn booting",
    ]
    log.write_text("\n".join(lines) + "\n")
    assert servers.logged_problems(log) == {
        "reviews.views.common: cache down": 2,
        "[2026-11-26 14:00:00 +0000] [12] [CRITICAL] WORKER TIMEOUT (pid:13)": 1,
    }
    assert servers.logged_problems(tmp_path / "missing.log") == {}
