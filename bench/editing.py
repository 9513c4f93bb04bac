"""Benchmark: autosave under load (issue 17, item 4): 50 editors on gunicorn and PostgreSQL.

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/editing.py
    ... bench/editing.py --seconds 20 --editors 50 --pairs 5 --repeat 3

Seeds national review drafts of about 5,000 words (bench/synthetic.py's English text, saved
part by part through `save_part`) and focal points of their States, each logged in with a
session of their own (focal points need no second factor), starts gunicorn (bench.settings_bench,
4 sync workers unless told: the production image runs sync workers, and 2 per core keeps both
cores busy while one worker waits on PostgreSQL) and runs the editors of bench/editors.py: every
editor autosaves a part of its own every 5 s through the editor's real endpoint
(`/<lang>/workspace/<cycle>/<iso3>/autosave/<part>/`, the page's form with the version it was
read at), and each pair of colleagues posts the same part at the same moment from the same
version. A review has 28 parts with free text (5 sections, 23 objective entries): solo parts
past the first draft's go to a second State's draft; the pairs are on the first.

Each repeat runs the baseline first, the same people on the same schedule GETting
`/bench/floor/` (a small template, no database, the whole middleware), then the editors; and
prints beside the load average: p50/p95/p99/max of the saves, the floor's p95 and the ratio,
saves acknowledged, saves lost (each part's stored text, in the document and in its latest
revision, against its last acknowledged save), conflicts where parts differ, and real
conflicts reported of provoked. Goal: p95 <= 100 ms; 0 lost, 0 false, every real conflict.
Exits 1 when a save is lost or a conflict is wrong, 0 otherwise (a missed time is printed).

`make_plan` (drafts, focal points, sessions), bench.editors' `run_editors` (the load) and
`check_saves` (the verdict) are also run by tests/test_bench_editing.py against a live server.
Their imports of the portal's modules are local: Django is set up by `main()` (or pytest) only.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ is on sys.path, the project is not
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.editors import PARTS, TEXT_FIELD, Slot, Tally, run_editors, run_floor
from bench.seeding import prepare_database, setup_django
from bench.servers import start_gunicorn, stop_gunicorn, tail
from bench.synthetic import review_content, vocabulary

GOAL_P95_MS = 100
CYCLE = "imrf-2026"
PAGE = {"section": "section/{}/", "objective": "objectives/{}/"}

# --- Seeding ----------------------------------------------------------------------------------


def make_plan(editors: int, pairs: int, *, words: int = 5000, seed_value: int = 1) -> list[Slot]:
    """Drafts and sessions for `editors` people, `pairs` of them two by two on the same part.

    Every editor of a solo part has a part of their own, so `editors - pairs` parts are edited:
    past the 28 parts of one review, the next State's draft takes the rest. The pairs go to the
    first draft, which therefore takes the most saves.
    """
    from reviews.models import ReviewCycle  # Django is set up by the caller

    if pairs < 0 or editors < 2 * pairs:
        raise ValueError("need at least two editors per pair")
    cycle = ReviewCycle.objects.get(slug=CYCLE)
    cycle.is_open = True
    cycle.save(update_fields=["is_open"])
    rng = random.Random(seed_value)
    people = [2] * pairs + [1] * (editors - 2 * pairs)  # editors of each part, pairs first
    slots = []
    for start in range(0, len(people), len(PARTS)):
        on_draft = people[start : start + len(PARTS)]
        slots += _seed_draft(cycle, on_draft, words, rng, len(slots))
    return slots


def _seed_draft(cycle, people: list[int], words: int, rng, numbered_from: int) -> list[Slot]:
    """One State's draft filled with text through `save_part`, and its focal points."""
    from django.contrib.auth import get_user_model  # Django is set up by the caller

    from reviews.editing import save_part, start_review
    from reviews.models import (
        FocalPointMembership,
        GuidingPrinciple,
        MemberState,
        VoluntaryReview,
    )
    from reviews.parts import part_of

    taken = VoluntaryReview.objects.filter(cycle=cycle).values("member_state_id")
    iso3 = (
        MemberState.objects.exclude(pk__in=taken).order_by("iso3").values_list("pk", flat=True)[0]
    )
    users = []
    for i in range(sum(people)):
        user = get_user_model().objects.create(
            email=f"editor{numbered_from + i}.{iso3.lower()}@bench.example",
            full_name=f"Editor {numbered_from + i} of {iso3}",
        )
        FocalPointMembership.objects.create(
            user=user, member_state_id=iso3, role=FocalPointMembership.Role.FOCAL_POINT
        )
        users.append(user)
    review = start_review(iso3, cycle, by=users[0])
    principles = list(GuidingPrinciple.objects.values_list("key", flat=True))
    content, _ = review_content(rng, "en", vocabulary("en", rng), words, principles)
    for key in PARTS:
        value = part_of(review.kind, key).read(content)
        if key.startswith("objective"):
            # A priority belongs to one entry only: the editor's form refuses a duplicate.
            value = {**value, "priority": None}
        review = save_part(
            review, key, value, by=users[0], base_version=review.version, kind="save"
        )
    base = f"/en/workspace/{cycle.slug}/{iso3}/"
    sessions = iter(_session(user) for user in users)
    return [
        Slot(review.pk, base + _page(key), key, [next(sessions) for _ in range(n)])
        for key, n in zip(PARTS, people, strict=False)
    ]


def _page(part: str) -> str:
    kind, number = part.split("-")
    return PAGE[kind].format(number)


def _session(user) -> dict:
    """The cookies of a session logged in as `user` (a focal point needs no second factor)."""
    from django.test import Client  # Django is set up by the caller

    client = Client()
    client.force_login(user)
    return {name: morsel.value for name, morsel in client.cookies.items()}


# --- The checks -------------------------------------------------------------------------------


def percentiles(values: list) -> dict:
    """p50, p95, p99 and max of `values` (ms); nan when there are none."""
    if len(values) < 2:
        one = values[0] if values else float("nan")
        return {"p50": one, "p95": one, "p99": one, "max": one}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": max(values)}


def check_saves(tally: Tally) -> dict:
    """Compare what the editors were told with what the database holds.

    Returns the figures and `failures`, a sentence per broken promise: a part whose stored text
    (in the document, or in its latest revision) is not its last acknowledged save (a lost
    save), a conflict reported on a part nobody else edits, a pair round with no conflict
    reported, a request that failed. Latency is not judged here: the benchmark does that.
    """
    from reviews.content import snapshot  # Django is set up by the caller
    from reviews.models import VoluntaryReview
    from reviews.parts import part_of

    lost, drifted = [], []
    for pk in sorted({pk for pk, _ in tally.acked}):
        review = VoluntaryReview.objects.get(pk=pk)
        stored = snapshot(review)
        revision = review.revisions.order_by("-number").first().content
        for (review_pk, key), text in sorted(tally.acked.items()):
            if review_pk != pk:
                continue
            part = part_of(review.kind, key)
            field_name = TEXT_FIELD[key.split("-")[0]]
            if part.read(stored)[field_name] != text:
                lost.append(f"{review.member_state_id} {key}")
            elif part.read(revision)[field_name] != text:
                drifted.append(f"{review.member_state_id} {key}")
    failures = []
    if not tally.saves:
        failures.append("no save was acknowledged")
    if lost:
        failures.append(f"saves lost: {len(lost)} ({', '.join(lost)})")
    if drifted:
        failures.append(f"latest revision differs from the document: {', '.join(drifted)}")
    if tally.false_conflicts:
        failures.append(f"conflicts reported where nobody else edited: {tally.false_conflicts}")
    if tally.reported != tally.provoked:
        failures.append(f"conflicts reported {tally.reported} of {tally.provoked} provoked")
    if tally.errors:
        failures.append(f"{len(tally.errors)} requests failed, first: {tally.errors[0]}")
    return {
        **percentiles(tally.latencies_ms),
        "requests": len(tally.latencies_ms),
        "saves": tally.saves,
        "lost": len(lost) + len(drifted),
        "false_conflicts": tally.false_conflicts,
        "reported": tally.reported,
        "provoked": tally.provoked,
        "missed": tally.missed,
        "errors": len(tally.errors),
        "failures": failures,
    }


# --- The command ------------------------------------------------------------------------------


def draft_words(plan: list[Slot]) -> list[int]:
    """Words of each draft, as the portal counts them."""
    from reviews.content import section_counts, snapshot  # Django is set up by main()
    from reviews.models import VoluntaryReview

    pks = sorted({slot.review_pk for slot in plan})
    return [
        sum(c.words for c in section_counts(snapshot(VoluntaryReview.objects.get(pk=pk))))
        for pk in pks
    ]


def measure(args, base: str, plan: list[Slot], run: int) -> dict:
    """One repeat: the baseline, then the editors, each with the load average beside it."""
    from reviews.models import ReviewRevision  # Django is set up by main()

    revisions = ReviewRevision.objects.filter(document__in={s.review_pk for s in plan})
    before = revisions.count()
    load_floor = os.getloadavg()[0]
    floor = run_floor(
        base, plan, args.baseline_url, seconds=args.seconds, interval=args.interval, seed_value=run
    )
    load_saves = os.getloadavg()[0]
    tally = run_editors(base, plan, seconds=args.seconds, interval=args.interval, seed_value=run)
    result = check_saves(tally)
    floor_figures = percentiles(floor.latencies_ms)
    result.update(
        run=run,
        load_floor=load_floor,
        load_saves=load_saves,
        load_after=os.getloadavg()[0],
        floor_p95=floor_figures["p95"],
        floor_p50=floor_figures["p50"],
        floor_requests=len(floor.latencies_ms),
        floor_errors=len(floor.errors),
        ratio=result["p95"] / floor_figures["p95"],
        revisions=revisions.count() - before,
    )
    return result


HEADER = (
    f"{'run':>3} {'load':>15} {'saves':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6} "
    f"{'floor p95':>9} {'×floor':>6} {'lost':>4} {'false':>5} {'conflicts':>9} {'revs':>5}  failures"
)


def print_row(r: dict) -> None:
    load = f"{r['load_floor']:.2f}/{r['load_saves']:.2f}/{r['load_after']:.2f}"
    print(
        f"{r['run']:>3} {load:>15} {r['saves']:>6} {r['p50']:>6.1f} {r['p95']:>6.1f} "
        f"{r['p99']:>6.1f} {r['max']:>6.1f} {r['floor_p95']:>9.1f} {r['ratio']:>6.2f} "
        f"{r['lost']:>4} {r['false_conflicts']:>5} {r['reported']:>4}/{r['provoked']:<4} "
        f"{r['revisions']:>5}  "
        f"{'; '.join(r['failures']) or '-'}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60, help="seconds of load per run")
    parser.add_argument("--editors", type=int, default=50, help="people editing at once")
    parser.add_argument("--pairs", type=int, default=5, help="pairs among them on one part")
    parser.add_argument("--interval", type=float, default=5, help="seconds between autosaves")
    parser.add_argument("--repeat", type=int, default=3, help="runs (baseline, then editors)")
    parser.add_argument("--words", type=int, default=5000, help="words per draft (about)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the text")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads-per-worker", type=int, default=1, help="gthread threads")
    parser.add_argument("--baseline-url", default="/bench/floor/", help="the trivial page")
    args = parser.parse_args()
    os.environ["SECURE_COOKIES"] = "0"  # plain HTTP on loopback: cookies without Secure

    results, process = [], None
    with tempfile.TemporaryDirectory(prefix="gcm-bench-editing.") as workdir:
        setup_django(str(Path(workdir) / "static"))
        started = time.perf_counter()
        prepare_database()
        plan = make_plan(args.editors, args.pairs, words=args.words, seed_value=args.seed)
        words = draft_words(plan)
        print(
            f"seeded {len(words)} drafts of {', '.join(map(str, words))} words, "
            f"{len(plan)} parts edited by {args.editors} editors ({args.pairs} pairs) "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        from django.db import connections  # Django is set up only now

        connections.close_all()  # gunicorn's workers open their own
        try:
            process, base, log = start_gunicorn(args, 600, workdir)
            print("\nloads: 1-min load average before the baseline/before the saves/after")
            print(HEADER, flush=True)
            for run in range(1, args.repeat + 1):
                results.append(measure(args, base, plan, run))
                print_row(results[-1])
                if results[-1]["errors"] or results[-1]["floor_errors"]:
                    print(f"gunicorn's log ends:\n{tail(log, 60)}", flush=True)
                connections.close_all()
        finally:
            stop_gunicorn(process)
    summarise(args, results)
    sys.exit(1 if any(r["failures"] for r in results) else 0)


def summarise(args, results: list[dict]) -> None:
    p95s = [r["p95"] for r in results]
    ratios = [r["ratio"] for r in results]
    cores = os.cpu_count() or 1
    print(
        f"\n{args.editors} editors ({args.pairs} pairs) autosaving every {args.interval:g} s for "
        f"{args.seconds:g} s per run; gunicorn {args.workers} {args.worker_class} workers "
        f"(threads {args.threads_per_worker}) on {cores} cores, same machine as the editors, "
        f"PostgreSQL and Redis; baseline GET {args.baseline_url} on the same schedule"
    )
    print(
        f"p95 of the saves: min {min(p95s):.1f} ms, median {statistics.median(p95s):.1f} ms "
        f"(goal <= {GOAL_P95_MS} ms: {'met' if statistics.median(p95s) <= GOAL_P95_MS else 'MISSED'}); "
        f"p95 / floor p95: min {min(ratios):.2f}, median {statistics.median(ratios):.2f}; "
        f"1-min load average {min(r['load_saves'] for r in results):.2f}"
        f"–{max(r['load_after'] for r in results):.2f}"
    )
    lost = sum(r["lost"] for r in results)
    false = sum(r["false_conflicts"] for r in results)
    reported = sum(r["reported"] for r in results)
    provoked = sum(r["provoked"] for r in results)
    print(
        f"saves {sum(r['saves'] for r in results)}, lost {lost}, conflicts where parts differ "
        f"{false}, real conflicts reported {reported} of {provoked}"
    )
    if any(r["failures"] for r in results):
        print("FAILED: " + " | ".join(f for r in results for f in r["failures"]))


if __name__ == "__main__":
    main()
