"""The benchmarks' database: Django set up on bench.settings_bench against the PostgreSQL and
Redis of scripts/with-services.sh (`setup_django`), migrated with reference data and static files
(`prepare_database`), published reviews of synthetic text (`seed`, bench/synthetic.py) and what
the archive holds (`database_facts`). Django is imported inside the functions: it can only be
imported once `setup_django` has set the environment.
"""

import contextlib
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

from bench.synthetic import LANGUAGES, review_content, vocabulary


def setup_django(static_root: str):
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
    os.environ["BEHIND_TLS_PROXY"] = "0"  # plain HTTP on loopback: no TLS proxy in front
    os.environ["STATIC_ROOT"] = static_root
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit(f"{sys.argv[0]} needs PostgreSQL: run it through scripts/with-services.sh")
    if not os.environ.get("REDIS_URL"):
        sys.exit(f"{sys.argv[0]} needs REDIS_URL: run it through scripts/with-services.sh")
    import django

    django.setup()


def prepare_database():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def seed(n_reviews: int, words: int, seed_value: int) -> dict:
    """Publish reviews until `n_reviews` are published (none added if there are already enough)."""
    from django.db import transaction

    from reviews.models import (
        GuidingPrinciple,
        MemberState,
        ModerationEvent,
        PdfRendition,
        ReviewCycle,
        ReviewRevision,
        VoluntaryReview,
    )
    from reviews.public_index import index_published_review

    published = VoluntaryReview.objects.filter(published_revision__isnull=False).count()
    wanted = n_reviews - published
    if wanted <= 0:
        return {"created": 0, "seconds": 0.0, "generate_s": 0.0, "index_s": 0.0}
    rng = random.Random(seed_value)
    states = list(MemberState.objects.order_by("iso3").values_list("iso3", flat=True))
    taken = set(VoluntaryReview.objects.values_list("member_state_id", "cycle_id"))
    cycles = list(ReviewCycle.objects.order_by("year", "slug"))
    free = sum(1 for s in states for c in cycles if (s, c.pk) not in taken)
    year = max(c.year for c in cycles)
    while free < wanted:  # more reviews than States × cycles: bench-only cycles
        year += 4
        cycle, created = ReviewCycle.objects.get_or_create(
            slug=f"bench-{year}",
            defaults={"kind": "imrf", "year": year, "title": f"Benchmark review cycle {year}"},
        )
        if created:
            cycles.append(cycle)
            free += len(states)
    pairs = [(s, c) for c in cycles for s in states if (s, c.pk) not in taken]
    rng.shuffle(pairs)
    pairs = sorted(pairs[:wanted], key=lambda p: (p[1].year, p[0]))
    principles = list(GuidingPrinciple.objects.values_list("key", flat=True))
    vocabularies = {lang: vocabulary(lang, random.Random(lang)) for lang in LANGUAGES}
    now = datetime.now(UTC)
    started = time.perf_counter()
    generate_s = index_s = 0.0
    batch_size = 50
    for start in range(0, len(pairs), batch_size):
        t0 = time.perf_counter()
        batch = []
        for i, (iso3, cycle) in enumerate(pairs[start : start + batch_size], start=start):
            language = LANGUAGES[i % len(LANGUAGES)]
            content, _ = review_content(
                rng,
                language,
                vocabularies[language],
                rng.randint(words * 94 // 100, words * 106 // 100),
                principles,
            )
            when = min(datetime(cycle.year, 3, 1, tzinfo=UTC), now - timedelta(days=30))
            when -= timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 1440))
            batch.append((iso3, cycle, language, content, when))
        generate_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        with transaction.atomic():
            # A national review is a kind of document (multi-table inheritance): Django cannot
            # bulk-create those, so each is one create().
            reviews = [
                VoluntaryReview.objects.create(
                    member_state_id=iso3,
                    cycle=cycle,
                    language=language,
                    status="published",
                    **{f"section_{n}": content["sections"][str(n)] for n in range(1, 6)},
                    published_language=language,
                    published_at=when,
                    first_published_at=when,
                    submitted_at=when - timedelta(days=20),
                )
                for iso3, cycle, language, content, when in batch
            ]
            PdfRendition.objects.bulk_create(
                [
                    PdfRendition(
                        document=review,
                        status="ready",
                        file=f"bench/{review.member_state_id}-{review.cycle.slug}.pdf",
                        hash="0" * 64,
                    )
                    for review in reviews
                ]
            )
            revisions = ReviewRevision.objects.bulk_create(
                [
                    ReviewRevision(
                        document=review,
                        number=1,
                        kind="submission",
                        version=1,
                        content=content,
                        created_at=when,
                        updated_at=when,
                    )
                    for review, (_, _, _, content, when) in zip(reviews, batch, strict=True)
                ]
            )
            ModerationEvent.objects.bulk_create(
                [
                    ModerationEvent(
                        document=review,
                        action="publish",
                        from_status="submitted",
                        to_status="published",
                        revision=revision,
                        created_at=when,
                        notified_at=when,
                    )
                    for review, revision, (*_, when) in zip(reviews, revisions, batch, strict=True)
                ]
            )
            for review, revision in zip(reviews, revisions, strict=True):
                review.published_revision = revision
            VoluntaryReview.objects.bulk_update(reviews, ["published_revision"])
            for review in reviews:
                index_published_review(review, refresh=False)
        index_s += time.perf_counter() - t0
    return {
        "created": len(pairs),
        "seconds": round(time.perf_counter() - started, 1),
        "generate_s": round(generate_s, 1),
        "index_s": round(index_s, 1),
    }


def database_facts() -> dict:
    from django.db import connection
    from django.db.models import Count

    from reviews.content import section_counts
    from reviews.models import PublishedPart, ReviewCycle, VoluntaryReview

    published = VoluntaryReview.objects.filter(published_revision__isnull=False)
    words = [
        sum(c.words for c in section_counts(content))
        for content in published.values_list("published_revision__content", flat=True).iterator()
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        db_size = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('reviews_publishedpart'))")
        parts_size = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    return {
        "published_reviews": published.count(),
        "published_parts": PublishedPart.objects.count(),
        "average_words": round(sum(words) / len(words)) if words else 0,
        "min_words": min(words, default=0),
        "max_words": max(words, default=0),
        "by_language": dict(
            published.values_list("published_language").annotate(n=Count("pk")).order_by()
        ),
        "cycles": ReviewCycle.objects.count(),
        "database_size": db_size,
        "publishedpart_size": parts_size,
        "postgresql": pg_version,
    }


def review_url() -> str:
    """The latest English review of a State that has an earlier one: its page also shows what
    changed since the previous cycle, as most review pages will."""
    from django.db.models import Exists, OuterRef  # Django only once setup_django() has run

    from reviews.models import VoluntaryReview

    published = VoluntaryReview.objects.filter(published_revision__isnull=False)
    earlier = published.filter(
        member_state_id=OuterRef("member_state_id"), cycle__year__lt=OuterRef("cycle__year")
    )
    candidates = published.select_related("cycle").order_by("-cycle__year", "member_state_id")
    review = (
        candidates.filter(Exists(earlier), published_language="en").first() or candidates.first()
    )
    return f"/en/reviews/{review.cycle.slug}/{review.member_state_id}/"


def add_seed_arguments(parser) -> None:
    """The options every bench seeding published reviews takes: how many, how long, which text."""
    parser.add_argument("--reviews", type=int, default=800, help="published reviews to seed")
    parser.add_argument("--words", type=int, default=5000, help="words per review (about)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic text")


def vacuum() -> None:
    """VACUUM ANALYZE after the bulk load, as autovacuum soon does on a server: the planner's
    statistics and the visibility map (which index-only scans need) are then those of a
    database in service, not of one loaded a second ago."""
    from django.db import connection  # here: after setup_django

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


@contextlib.contextmanager
def seeded_portal(args):
    """Django set up on the bench's PostgreSQL with `args.reviews` published reviews
    (`add_seed_arguments`), vacuumed; static files collected into a directory removed after."""
    with tempfile.TemporaryDirectory() as static_root:
        setup_django(static_root)
        prepare_database()
        print("seeding:", seed(args.reviews, args.words, args.seed), flush=True)
        vacuum()
        yield
