"""Benchmark: what ONE cold request costs (issue 17, item 2), through Django's test client.

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/cold.py [--reviews 800] [--rounds 15]

Seeds N published reviews of about 5,000 words (bench/seeding.py's `seed`) in the PostgreSQL of
scripts/with-services.sh, then, round after round, for each page in turn (the pages interleaved,
so that a burst of load from elsewhere falls on all of them alike): flush every cache and memo
(`flush_memos`), then time one GET of the page. Prints the load average, the min and median per
page, the goal, and the ratio to the baseline measured in the same rounds: `/bench/floor/`
(bench.settings_bench), a minimal view that renders a small template without the database.

The database connection is kept between requests (as a server's persistent connection is):
PostgreSQL's own buffers and catalog caches stay warm; only what the portal keeps is flushed.
Django's compiled templates and translation catalogs stay loaded too (they are per process, not
per page: a cold process is not what this measures).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seeding import add_seed_arguments, review_url, seeded_portal

# Median goals of issue 17, item 2 (milliseconds); the floor has none.
GOALS_MS = {"home": 12, "list": 12, "review page": 15, "objective page": 12}


def flush_memos() -> None:
    """Forget every cache and memo the portal keeps between requests: the cache (cached pages,
    `reviews.public_cache.memoized`: rendered Markdown, diffs) and the per-process memos.
    Whoever adds a process-lifetime memo to the portal adds it here."""
    from django.core.cache import caches  # here: after setup_django

    from reviews import choice_memo, parts  # here: after setup_django

    for alias in caches:
        caches[alias].clear()
    parts._registry.cache_clear()
    choice_memo.forget_choices()


def single_review_url() -> str:
    """A review whose State published no other: its page has no "what changed" to compute,
    which shows what assembling the page itself costs."""
    from django.db.models import Count

    from reviews.models import VoluntaryReview

    published = VoluntaryReview.objects.filter(published_revision__isnull=False)
    alone = (
        published.values("member_state_id").annotate(n=Count("pk")).filter(n=1).order_by()
    ).values_list("member_state_id", flat=True)
    review = published.filter(member_state_id__in=alone).select_related("cycle").first()
    if review is None:
        return ""
    return f"/en/reviews/{review.cycle.slug}/{review.member_state_id}/"


def cold_pages() -> dict[str, str]:
    pages = {
        "floor": "/bench/floor/",
        "home": "/en/",
        "list": "/en/reviews/",
        "review page": review_url(),
        "review alone": single_review_url(),
        "objective page": "/en/objectives/5/",
    }
    return {page: url for page, url in pages.items() if url}


def measure(pages: dict[str, str], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per page: `rounds` cold GETs each, pages interleaved round by round."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for url in pages.values():  # once, so that templates and translations are loaded
        assert client.get(url).status_code == 200, url
    times: dict[str, list[float]] = {page: [] for page in pages}
    for _ in range(rounds):
        for page, url in pages.items():
            flush_memos()
            started = time.perf_counter()
            response = client.get(url)
            times[page].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return times


def report(times: dict[str, list[float]]) -> list[str]:
    """Prints the table; returns the goals missed."""
    floor = statistics.median(times["floor"])
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average {load}; cold: cache and memos flushed before every request")
    print(f"{'page':16} {'min ms':>8} {'median ms':>10} {'x floor':>8} {'goal ms':>8}  met")
    missed = []
    for page, values in times.items():
        median = statistics.median(values)
        goal = GOALS_MS.get(page)
        met = "" if goal is None else ("yes" if median <= goal else "NO")
        if met == "NO":
            missed.append(f"{page}: median {median:.1f} ms > {goal} ms")
        print(
            f"{page:16} {min(values):8.1f} {median:10.1f} {median / floor:8.1f} "
            f"{goal if goal else '':>8}  {met}"
        )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_seed_arguments(parser)
    parser.add_argument("--rounds", type=int, default=15, help="cold requests per page")
    parser.add_argument(
        "--pages",
        help="only these pages, comma-separated (e.g. 'floor,home,list,objective page'); "
        "the floor is always measured",
    )
    parser.add_argument(
        "--profile", help="cProfile these pages' cold requests instead (e.g. 'home,list')"
    )
    parser.add_argument(
        "--calls",
        action="store_true",
        help="count the Python function calls of a cold request per page instead (the same on "
        "a loaded machine as on a quiet one), with a search and the list in French",
    )
    args = parser.parse_args()
    with seeded_portal(args):
        pages = cold_pages()
        if args.pages:
            wanted = {"floor", *args.pages.split(",")}
            pages = {page: url for page, url in pages.items() if page in wanted}
        if args.calls:
            count_calls({**pages, **CALLS_ALSO}, args.rounds)
            return
        if args.profile:
            for page in args.profile.split(","):
                print(f"\n=== {page}")
                profile(pages.get(page, page), args.rounds)  # a page's name, or a path
            return
        missed = report(measure(pages, args.rounds))
    print("\n".join(["goals missed:", *missed]) if missed else "every goal met")


CALLS_ALSO = {"search en": "/en/reviews/?q=labour+migration", "list fr": "/fr/reviews/"}


def count_calls(pages: dict[str, str], rounds: int) -> None:
    """Function calls per cold request (cProfile's count, over `rounds` requests): a measure of
    the Python work that the machine's load does not move, unlike milliseconds."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    print(f"\nfunction calls per cold request ({rounds} requests each)")
    for page, url in pages.items():
        client.get(url)
        profiler = cProfile.Profile()
        for _ in range(rounds):
            flush_memos()
            profiler.enable()
            client.get(url)
            profiler.disable()
        print(f"{page:16} {pstats.Stats(profiler).total_calls // rounds:8d}")


def profile(url: str, rounds: int) -> None:
    """cProfile of `rounds` cold requests of one page, and their queries."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    client.get(url)
    profiler = cProfile.Profile()
    for _ in range(rounds):
        flush_memos()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            client.get(url)
            profiler.disable()
    print(f"{len(queries)} queries")
    for q in queries.captured_queries:
        print(f"  {q['time']}s {q['sql'][:160]}")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
