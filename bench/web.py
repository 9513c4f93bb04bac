"""Benchmark: public pages of the portal under HTTP load (wrk → gunicorn → PostgreSQL, Redis).

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/web.py
    ... bench/web.py --reviews 50 --duration 2 --rounds 1          (a quick check, a minute)
    ... bench/web.py --variants cold --pages "review page" --worker-class gthread --threads-per-worker 4

Seeds 800 published reviews of about 5,000 words each, spread over the six UN languages (straight
through the ORM and `index_published_review`: no workflow, so no PDF or e-mail task is queued),
then starts two gunicorns (bench.settings_bench: the portal's settings plus `/bench/floor/`),
both kept running, only one of them under load at a time:

- "warm": the portal as it is served (PUBLIC_CACHE_SECONDS=600, cache and memos in Redis);
- "cold": every request pays for everything: no page cache, a DummyCache (no memo of rendered
  Markdown or diffs survives), and the per-process memos forgotten before every request
  (bench/cold_server.py says what stays loaded: compiled templates, translations, connections).

Pages, with wrk at 16 connections: home, list, filtered list, search (English and Chinese, the
same phrase every time), search with a unique phrase per request, review page, objective page,
API list, and the framework floor: a minimal Django view that renders a small template without
database access through the same middleware. Round after round (--rounds), the floor first, then
for each page the two variants back to back (their order swapped every round), so that load from
elsewhere falls on both alike. Every measurement line prints the load average before → after.

Prints per variant and page: min and median req/s over the rounds, median and worst p95, and the
median of the per-round ratios to the warm floor of the same round; the goals (warm: every page
≥ 0.5 × floor, p95 ≤ 50 ms, search ≤ 100 ms; a unique-phrase search, warm or cold, ≥ 50/s with
p95 ≤ 400 ms); and the load average during the run. Exits 0 when goals are missed (a benchmark,
not a test); the misses are listed at the end. Needs a PostgreSQL DATABASE_URL and a REDIS_URL
(scripts/with-services.sh gives throwaway ones); installs wrk with apt-get when it is missing
and we are root. Static files are collected into a temporary directory, so nothing is written
to the project.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ is on sys.path, the project is not
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rounds import Runner, run_rounds
from bench.seeding import (
    add_seed_arguments,
    database_facts,
    prepare_database,
    review_url,
    seed,
    setup_django,
)
from bench.servers import (
    COLD_HEADER,
    check_page,
    logged_problems,
    start_gunicorn,
    stop_gunicorn,
    tail,
)
from bench.wrk import SEARCH_PATH, ensure_wrk

GOAL_RATIO, GOAL_P95_MS, GOAL_SEARCH_P95_MS = 0.5, 50, 100
# A search with a phrase never asked before, warm or cold (issue 17, item 3).
GOAL_UNIQUE_SEARCH_RPS, GOAL_UNIQUE_SEARCH_P95_MS = 50, 400


def pages() -> list[dict]:
    """The pages to load, in order (the floor first); `search` marks the search goal, `unique`
    a search whose wrk script asks a different phrase every request (`unique_phrases`).

    A search is never kept in the cache of public pages (`cache_public_page` keeps no page with
    a `q`), so the same phrase again costs what a new one does; the unique-phrase page shows it
    under load, and keeps showing it should searches ever be cached."""
    chinese = urllib.parse.quote("移民工人")
    return [
        {"page": "floor", "url": "/bench/floor/"},
        {"page": "home", "url": "/en/"},
        {"page": "list", "url": "/en/reviews/"},
        {"page": "filtered list", "url": "/en/reviews/?commission=ECA&objective=5&language=fr"},
        {"page": "search", "url": "/en/reviews/?q=labour+migration", "search": True},
        {"page": "search (zh)", "url": f"/en/reviews/?q={chinese}", "search": True},
        {"page": "search, unique", "url": SEARCH_PATH, "search": True, "unique": True},
        {"page": "review page", "url": review_url()},
        {"page": "objective page", "url": "/en/objectives/5/"},
        {"page": "API list", "url": "/api/v1/reviews/"},
    ]


# --- Rounds: the variants alternately, the floor in every round ----------------------------------

VARIANTS = {"warm": "cache on, as served", "cold": "no cache, every memo forgotten"}


def goal_of(variant: str, page: dict) -> dict:
    """The goal a page is held to: warm pages near the floor; a search with a new phrase each
    time at least 50/s with p95 ≤ 400 ms warm or cold (issue 17, item 3); other cold pages none
    here (bench/cold.py holds them to milliseconds per request)."""
    if page["page"] == "floor":
        return {}
    if page.get("unique"):
        return {"rps": GOAL_UNIQUE_SEARCH_RPS, "p95_ms": GOAL_UNIQUE_SEARCH_P95_MS}
    if variant != "warm":
        return {}
    return {
        "ratio": GOAL_RATIO,
        "p95_ms": GOAL_SEARCH_P95_MS if page.get("search") else GOAL_P95_MS,
    }


def summarize(measurements: list[dict], page_list: list[dict], variants: list[str]) -> list[dict]:
    """Per variant and page over the rounds: min and median req/s, median and worst p95, errors,
    and the median of the per-round ratios to the warm floor measured in the same round."""
    floors = {
        m["round"]: m["rps"]
        for m in measurements
        if m["page"] == "floor" and m["variant"] == "warm"
    }
    rows = []
    for variant in variants:
        for page in page_list:
            found = [
                m for m in measurements if m["variant"] == variant and m["page"] == page["page"]
            ]
            if not found:
                continue
            rps = [m["rps"] for m in found]
            p95 = [m["p95_ms"] for m in found if m["requests"]] or [float("nan")]
            ratios = [m["rps"] / floors[m["round"]] for m in found if floors.get(m["round"])]
            rows.append(
                {
                    "variant": variant,
                    "page": page["page"],
                    "url": page["url"],
                    "rounds": len(found),
                    "min_rps": min(rps),
                    "median_rps": statistics.median(rps),
                    "median_p95_ms": statistics.median(p95),
                    "max_p95_ms": max(p95),
                    "ratio": statistics.median(ratios) if ratios else float("nan"),
                    "errors": sum(m["errors"] for m in found),
                    "goal": goal_of(variant, page),
                }
            )
    return rows


def judge(rows: list[dict]) -> list[str]:
    """Marks each row ok / MISSED / - against its goal (medians); returns the misses."""
    misses = []
    for row in rows:
        goal, why = row["goal"], []
        if "ratio" in goal and not row["ratio"] >= goal["ratio"]:
            why.append(f"{row['ratio']:.2f} of the floor < {goal['ratio']}")
        if "rps" in goal and not row["median_rps"] >= goal["rps"]:
            why.append(f"{row['median_rps']:.1f} req/s < {goal['rps']}")
        if "p95_ms" in goal and row["median_p95_ms"] > goal["p95_ms"]:
            why.append(f"p95 {row['median_p95_ms']:.1f} ms > {goal['p95_ms']} ms")
        if goal and math.isnan(row["median_p95_ms"]):
            why.append("no request answered")
        if goal and row["errors"]:
            why.append(f"{row['errors']} errors")
        row["verdict"] = "-" if not goal else ("MISSED" if why else "ok")
        if why:
            misses.append(f"{row['variant']} {row['page']}: " + ", ".join(why))
    return misses


def load_range(measurements: list[dict]) -> tuple[float, float]:
    loads = [m[key] for m in measurements for key in ("load_before", "load_after")]
    return (min(loads), max(loads)) if loads else (float("nan"), float("nan"))


def print_table(rows: list[dict], checks: dict, measurements: list[dict]):
    low, high = load_range(measurements)
    rounds = max((row["rounds"] for row in rows), default=0)
    print(f"\nOver {rounds} round(s); load average {low:.1f}-{high:.1f} during the run")
    header = (
        f"{'variant':<5} {'page':<15} {'URL':<52} {'min r/s':>8} {'med r/s':>8} {'p95 ms':>7} "
        f"{'worst':>7} {'×floor':>7} {'KB':>4} {'1st ms':>6} {'err':>4}  goal"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        url = urllib.parse.unquote(row["url"]) + ("<phrase>" if row["url"] == SEARCH_PATH else "")
        check = checks[row["variant"], row["page"]]
        print(
            f"{row['variant']:<5} {row['page']:<15} {url[:52]:<52} {row['min_rps']:>8.1f} "
            f"{row['median_rps']:>8.1f} {row['median_p95_ms']:>7.1f} {row['max_p95_ms']:>7.1f} "
            f"{row['ratio']:>7.2f} {check['kb']:>4} {check['first_ms']:>6} {row['errors']:>4}  "
            f"{row['verdict']}"
        )


def check_servers(page_list, variants, bases, logs) -> tuple[list[dict], dict]:
    """One GET of every page on every server, before any load: pages that fail are dropped (and
    said so); a cold server whose answer lacks the cold header stops the run."""
    checks, failed = {}, set()
    for page in page_list:
        url = page["url"] + ("labour+migration" if page.get("unique") else "")
        for variant in variants:
            check = check_page(bases[variant], url)
            checks[variant, page["page"]] = check
            if check["status"] != 200:
                failed.add(page["page"])
                print(
                    f"  {variant} {page['page']}: HTTP {check['status']}, skipped\n{tail(logs[variant], 10)}"
                )
            elif check["cold"] != (variant == "cold"):
                sys.exit(
                    f"the {variant} server answered {url} {'with' if check['cold'] else 'without'} {COLD_HEADER}"
                )
            elif check["cookie"] and variant == "warm":
                print(f"  warning: {url} sets a cookie (never cached)")
    if "floor" in failed:
        sys.exit("the floor failed: nothing to compare with")
    return [p for p in page_list if p["page"] not in failed], checks


def print_setup(facts, args, version, cores):
    print("\nDatabase:")
    print(
        f"  {facts['published_reviews']} published reviews, {facts['published_parts']} published parts, "
        f"{facts['cycles']} cycles; words per review: average {facts['average_words']}, "
        f"min {facts['min_words']}, max {facts['max_words']}"
    )
    print(
        f"  by language: {', '.join(f'{k} {v}' for k, v in sorted(facts['by_language'].items()))}"
    )
    print(
        f"  database {facts['database_size']}, reviews_publishedpart with indexes "
        f"{facts['publishedpart_size']}; PostgreSQL {facts['postgresql']}"
    )
    print(
        f"Load: {version}; {args.threads} threads, {args.connections} connections, "
        f"{args.duration:g} s per page and variant after {args.warmup:g} s warm-up, {args.rounds} "
        f"round(s); gunicorn {args.workers} {args.worker_class} workers (threads "
        f"{args.threads_per_worker}) per server, one server under load at a time, on {cores} cores, "
        f"same machine as wrk, PostgreSQL and Redis"
    )
    for variant in args.variant_list:
        print(f"  {variant}: {VARIANTS[variant]}")
    print(
        f"Goals (medians over the rounds): warm pages ≥ {GOAL_RATIO} × floor req/s and p95 ≤ "
        f"{GOAL_P95_MS} ms (search ≤ {GOAL_SEARCH_P95_MS} ms); unique-phrase search, warm or cold, "
        f"≥ {GOAL_UNIQUE_SEARCH_RPS} req/s and p95 ≤ {GOAL_UNIQUE_SEARCH_P95_MS} ms"
    )


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    cores = os.cpu_count() or 1
    add_seed_arguments(parser)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every page and variant")
    parser.add_argument(
        "--duration", type=int, default=5, help="seconds of load per page, variant and round"
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers", type=int, default=2 * cores, help="gunicorn workers per server"
    )
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads-per-worker", type=int, default=1, help="gthread threads")
    parser.add_argument(
        "--variants",
        default="warm,cold",
        help="warm (cache on, as served), cold (nothing remembered)",
    )
    parser.add_argument(
        "--pages", default="", help="comma-separated page names (floor is always run)"
    )
    parser.add_argument("--json", help="also write the results to this file (e.g. bench/results/)")
    args = parser.parse_args()
    args.variant_list = [v.strip() for v in args.variants.split(",") if v.strip()]
    if not args.variant_list or not set(args.variant_list) <= set(VARIANTS):
        parser.error("--variants takes warm, cold or warm,cold")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def main():
    args = parse_args()
    started = time.perf_counter()
    load_at_start = os.getloadavg()
    wrk = ensure_wrk()
    servers = {}
    with tempfile.TemporaryDirectory(prefix="gcm-bench-web.") as workdir:
        setup_django(str(Path(workdir) / "static"))
        t0 = time.perf_counter()
        prepare_database()
        print(
            f"migrate, reference data, collectstatic: {time.perf_counter() - t0:.1f} s", flush=True
        )
        seeding = seed(args.reviews, args.words, args.seed)
        print(
            f"seeded {seeding['created']} published reviews in {seeding['seconds']} s "
            f"(text {seeding['generate_s']} s, insert + index {seeding['index_s']} s)",
            flush=True,
        )
        facts = database_facts()
        page_list = pages()
        if args.pages:
            wanted = {p.strip() for p in args.pages.split(",")} | {"floor"}
            page_list = [p for p in page_list if p["page"] in wanted]
        from django.db import connections  # set up by setup_django() above

        connections.close_all()
        version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.splitlines()
        # The floor is always measured on the warm server: it is every ratio's baseline.
        server_variants = sorted({"warm", *args.variant_list}, key=list(VARIANTS).index)
        try:
            for variant in server_variants:
                servers[variant] = start_gunicorn(
                    args, 0 if variant == "cold" else 600, workdir, cold=variant == "cold"
                )
            bases = {variant: base for variant, (_, base, _) in servers.items()}
            logs = {variant: log for variant, (_, _, log) in servers.items()}
            page_list, checks = check_servers(page_list, server_variants, bases, logs)
            processes = [process for process, _, _ in servers.values()]
            runner = Runner(args, wrk, workdir, bases, processes)
            run_rounds(runner, page_list, args.variant_list, args.rounds)
        finally:
            for process, _, _ in servers.values():
                stop_gunicorn(process)
        problems = {variant: logged_problems(log) for variant, (_, _, log) in servers.items()}

    measurements = runner.measurements
    rows = summarize(measurements, page_list, server_variants)
    misses = judge(rows)
    print_setup(facts, args, version[0] if version else "wrk", os.cpu_count() or 1)
    print_table(rows, checks, measurements)
    load_at_end = os.getloadavg()
    load = (
        " ".join(f"{x:.2f}" for x in load_at_start)
        + " → "
        + " ".join(f"{x:.2f}" for x in load_at_end)
    )
    print(f"Load average (1, 5, 15 min) at start → end: {load}")
    for variant, found in problems.items():
        if found:
            print(f"The {variant} server logged {sum(found.values())} warnings or errors:")
            for message, times in sorted(found.items(), key=lambda item: -item[1])[:8]:
                print(f"  {times:>6} × {message}")
    print()
    if misses:
        print("Goals missed:")
        for miss in misses:
            print(f"  - {miss}")
    else:
        print("All goals met.")
    total = time.perf_counter() - started
    print(f"\nTotal run time: {total / 60:.1f} min")
    if args.json:
        low, high = load_range(measurements)
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(
                {
                    "facts": facts,
                    "seeding": seeding,
                    "summary": rows,
                    "measurements": measurements,
                    "first_requests": {f"{v} {p}": c for (v, p), c in checks.items()},
                    "misses": misses,
                    "logged_problems": problems,
                    "load_average": {
                        "min": low,
                        "max": high,
                        "start": load_at_start,
                        "end": load_at_end,
                    },
                    "args": vars(args),
                    "seconds": round(total),
                },
                indent=2,
                default=str,
            )
        )


if __name__ == "__main__":
    main()
