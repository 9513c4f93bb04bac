"""Benchmark: an objective's public page cold, before and after issue 17's item 2 for that page
(`reviews/objective_page.py`: entries read as plain rows, the number of entries taken from the
chart's GROUP BY, the filters' form cleaned once, the field include inlined), alternately in one
process.

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/objective_page.py [--reviews 800] [--rounds 15]

"Before" is the previous view (`before_view` below) and template, kept for this comparison only
in bench/templates/objective_page_before/, put in the URL pattern in place of the current view
while it is measured. First, both variants render objectives 1, 5 and 23 in the six languages
under a dozen filters and pages, and must give the same bytes (CSP nonces aside); the bench stops
otherwise. Then, round after round, for each page (`/en/objectives/5/`, with `?status=partly`,
and `?page=2`) and variant in turn, the order swapped every round: flush every cache and memo
(`bench.cold.flush_memos`), time one GET. Prints the load average, min and median, the ratio of
after to before (median of the per-round ratios) and to the floor (`/bench/floor/`).
"""

import argparse
import functools
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cold import flush_memos
from bench.seeding import add_seed_arguments, seeded_portal

BEFORE = Path(__file__).resolve().parent / "templates" / "objective_page_before" / "objective.html"
LANGUAGES = ("en", "fr", "es", "ar", "zh-hans", "ru")
QUERIES = (
    "", "?status=achieved", "?page=2", "?page=3&status=partly", "?commission=ECA",
    "?language=ar", "?status=bogus", "?page=99", "?state=XXX", "?state=GHA",
    "?cycle=imrf-2022", "?status=achieved&page=2", "?group=african",
)  # fmt: skip
PAGES = ("/en/objectives/5/", "/en/objectives/5/?status=partly", "/en/objectives/5/?page=2")


@functools.cache
def before_template():
    from django.template import engines  # here: after setup_django

    return engines["django"].engine.from_string(BEFORE.read_text())


def before_view(request, number):
    """The objective page's view before (reviews/views/browse.py at the start of the item)."""
    # here: after setup_django
    from django.core.paginator import Paginator
    from django.http import Http404, HttpResponse
    from django.template import RequestContext

    from reviews.filters import ObjectiveEntryFilter
    from reviews.models import Objective, PublishedPart
    from reviews.names import all_languages, name_order
    from reviews.selectors import status_distribution
    from reviews.views import browse

    around = {
        o.number: o for o in Objective.objects.filter(number__in=[number - 1, number, number + 1])
    }
    if number not in around:
        raise Http404
    objective = around[number]
    entries = (
        PublishedPart.objects.filter(
            kind=PublishedPart.Kind.OBJECTIVE,
            objective=objective,
            document__published_revision__isnull=False,
        )
        .select_related("document__national_review__member_state", "document__cycle")
        .only(
            "number",
            "status",
            "language",
            "html",
            "document_id",
            "document__national_review__member_state__iso3",
            *all_languages("document__national_review__member_state__name"),
            "document__cycle__slug",
            *all_languages("document__cycle__title"),
            "document__cycle__year",
            "document__published_at",
            "document__kind",
        )
        # The States in the reader's order, as the page now lists them (it listed them by their
        # English names in every language, a defect fixed since): the bytes compared are equal.
        .order_by(
            "-document__cycle__year",
            name_order("document__national_review__member_state__"),
        )
    )
    filters = ObjectiveEntryFilter(request.GET or None, queryset=entries)
    others = request.GET.copy()
    others.pop("status", None)
    chart_filters = ObjectiveEntryFilter(others or None, queryset=entries.order_by())
    distribution = status_distribution(chart_filters.qs)
    page = Paginator(filters.qs.values_list("pk", flat=True), browse.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(filters.qs.filter(pk__in=page.object_list))
    context = {
        "objective": objective,
        "filter": filters,
        "page": page,
        "distribution": distribution,
        "total": sum(d["count"] for d in distribution),
        "query_string": browse._query_string(request),
        "csv_query": browse._query_string(request),
        "previous": around.get(number - 1),
        "next": around.get(number + 1),
    }
    return HttpResponse(before_template().render(RequestContext(request, context)))


def objective_pattern():
    """The URL pattern of the objective page, whose callback each variant takes in turn."""
    from django.urls import get_resolver  # here: after setup_django

    def find(patterns):
        for pattern in patterns:
            found = (
                find(pattern.url_patterns)
                if hasattr(pattern, "url_patterns")
                else (pattern if getattr(pattern, "name", None) == "objective_page" else None)
            )
            if found:
                return found
        return None

    return find(get_resolver().url_patterns)


def get(client, pattern, view, url) -> tuple[int, str, float]:
    """(status, HTML without CSP nonces, milliseconds) of one cold GET of `url` by `view`."""
    pattern.callback = view
    flush_memos()
    started = time.perf_counter()
    response = client.get(url)
    took = (time.perf_counter() - started) * 1000
    return response.status_code, re.sub(r'nonce="[^"]*"', "", response.content.decode()), took


def check_same_output(client, pattern, variants: dict) -> int:
    """Both variants answer every language, objective, filter and page alike."""
    compared = 0
    for language in LANGUAGES:
        for number in (1, 5, 23):
            for query in QUERIES:
                url = f"/{language}/objectives/{number}/{query}"
                before, after = (get(client, pattern, v, url)[:2] for v in variants.values())
                if before != after:
                    sys.exit(f"{url}: the variants differ")
                compared += 1
    return compared


def measure(client, pattern, variants: dict, rounds: int) -> dict:
    times = {(page, name): [] for page in ("floor", *PAGES) for name in variants}
    for round_ in range(rounds):
        order = list(variants.items())[:: 1 if round_ % 2 == 0 else -1]
        for page in PAGES:
            for name, view in order:
                times[page, name].append(get(client, pattern, view, page)[2])
        for name, view in order:
            times["floor", name].append(get(client, pattern, view, "/bench/floor/")[2])
    return times


def report(times: dict, rounds: int) -> None:
    floor = statistics.median(times["floor", "before"] + times["floor", "after"])
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {rounds} rounds")
    print(
        f"{'page':36} {'variant':7} {'min ms':>7} {'median':>7} {'x floor':>7} {'after/before':>12}"
    )
    for page in PAGES:
        ratio = statistics.median(
            a / b for a, b in zip(times[page, "after"], times[page, "before"], strict=True)
        )
        for name in ("before", "after"):
            values = times[page, name]
            median = statistics.median(values)
            shown = f"{ratio:12.2f}" if name == "after" else ""
            print(
                f"{page:36} {name:7} {min(values):7.1f} {median:7.1f} {median / floor:7.1f} {shown}"
            )
    print(f"floor median {floor:.1f} ms")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_seed_arguments(parser)
    parser.add_argument("--rounds", type=int, default=15, help="cold requests per page and variant")
    args = parser.parse_args()
    with seeded_portal(args):
        # here: after setup_django
        from django.test import Client
        from django.views.decorators.http import require_GET

        from reviews.views.common import cache_public_page, scope_of_objective

        client = Client(HTTP_HOST="localhost")
        pattern = objective_pattern()
        # Both through the same decorators: the cache's look-up and store cost alike.
        before = cache_public_page(scope=scope_of_objective)(require_GET(before_view))
        variants = {"before": before, "after": pattern.callback}
        print(f"same output: {check_same_output(client, pattern, variants)} pages", flush=True)
        report(measure(client, pattern, variants, args.rounds), args.rounds)


if __name__ == "__main__":
    main()
