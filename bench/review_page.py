"""Benchmark: the public review page cold, its templates before and after issue 17's item 2
(the review's body, its table of objectives, its table of contents and "what changed" written in
Python in one pass, `reviews.document_html`), alternately in one process.

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/review_page.py [--reviews 800] [--rounds 15]

"Before" is the previous templates, kept for this comparison only in
bench/templates/review_page_before/ and put in the template cache in place of the current ones
while it is measured; the views, queries and stored texts are the same. First, both variants
render the pages of `--check` reviews in the six languages and must give the same bytes (the
bench stops otherwise). Then, round after round, for each page (a review with what changed since
the previous cycle, one without) and variant in turn, the order swapped every round: flush every
cache and memo (`bench.cold.flush_memos`), time one GET. Prints the load average, min and median,
the ratio of after to before (median of the per-round ratios) and to the floor (`/bench/floor/`).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cold import flush_memos, single_review_url
from bench.seeding import add_seed_arguments, review_url, seeded_portal

BEFORE = Path(__file__).resolve().parent / "templates" / "review_page_before"
LANGUAGES = ("en", "fr", "es", "ar", "zh-hans", "ru")


def variants() -> dict[str, dict]:
    """{"before": {name: Template}, "after": {...}}: the templates each variant puts in the
    cached loader (the current files, or their previous text)."""
    from django.template import engines  # here: after setup_django

    engine = engines["django"].engine
    names = [str(p.relative_to(BEFORE)) for p in sorted(BEFORE.rglob("*.html"))]
    return {
        "before": {n: engine.from_string((BEFORE / n).read_text()) for n in names},
        "after": {n: engine.get_template(n) for n in names},
    }


def use(templates: dict) -> None:
    """Put `templates` in the cached loader, where the views' render() and includes find them."""
    from django.template import engines

    loader = engines["django"].engine.template_loaders[0]
    loader.get_template_cache.update(templates)


def check_same_output(client, chosen: dict[str, dict], count: int) -> int:
    """Both variants render the pages of `count` published reviews in every language alike."""
    from reviews.models import VoluntaryReview

    reviews = VoluntaryReview.objects.filter(published_revision__isnull=False).select_related(
        "cycle"
    )[:count]
    checked = 0
    for review in reviews:
        for language in LANGUAGES:
            url = f"/{language}/reviews/{review.cycle.slug}/{review.member_state_id}/"
            pages = {}
            for name, templates in chosen.items():
                use(templates)
                flush_memos()
                pages[name] = client.get(url).content
            if pages["before"] != pages["after"]:
                sys.exit(f"{url}: the two variants differ")
            checked += 1
    return checked


def measure(client, pages: dict[str, str], chosen: dict[str, dict], rounds: int) -> dict:
    times = {(page, name): [] for page in pages for name in [*chosen, "floor"]}
    for i in range(rounds):
        order = list(chosen) if i % 2 == 0 else list(reversed(chosen))
        for page, url in pages.items():
            for name in [*order, "floor"]:
                use(chosen.get(name, chosen["after"]))
                flush_memos()
                started = time.perf_counter()
                response = client.get("/bench/floor/" if name == "floor" else url)
                times[(page, name)].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
    return times


def report(pages: dict[str, str], times: dict) -> None:
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'page':14} {'variant':8} {'min ms':>8} {'median ms':>10} {'x floor':>8} {'after/before':>13}"
    )
    for page in pages:
        floor = statistics.median(times[(page, "floor")])
        before, after = times[(page, "before")], times[(page, "after")]
        ratio = statistics.median(a / b for a, b in zip(after, before, strict=True))
        for name, values in (("before", before), ("after", after)):
            median = statistics.median(values)
            shown = f"{ratio:13.2f}" if name == "after" else ""
            print(
                f"{page:14} {name:8} {min(values):8.1f} {median:10.1f} {median / floor:8.1f} {shown}"
            )
        print(f"{page:14} {'floor':8} {min(times[(page, 'floor')]):8.1f} {floor:10.1f}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_seed_arguments(parser)
    parser.add_argument("--rounds", type=int, default=15, help="cold requests per page and variant")
    parser.add_argument(
        "--check", type=int, default=20, help="reviews whose pages both variants must render alike"
    )
    args = parser.parse_args()
    with seeded_portal(args):
        from django.test import Client

        client = Client(HTTP_HOST="localhost")
        chosen = variants()
        pages = {"with changes": review_url(), "alone": single_review_url()}
        pages = {page: url for page, url in pages.items() if url}
        checked = check_same_output(client, chosen, args.check)
        print(f"same output, before and after: {checked} pages (reviews x languages)", flush=True)
        report(pages, measure(client, pages, chosen, args.rounds))


if __name__ == "__main__":
    main()
