"""Benchmark: public pages of the portal under HTTP load (wrk → gunicorn → PostgreSQL, Redis).

    SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost \\
        scripts/with-services.sh .venv/bin/python bench/web.py
    ... bench/web.py --duration 5 --modes off --workers 3 --worker-class gthread --threads-per-worker 4

Seeds 800 published reviews of about 5,000 words each, spread over the six UN languages (straight
through the ORM and `index_published_review`: no workflow, so no PDF or e-mail task is queued),
then starts gunicorn (bench.settings_bench: the portal's settings plus `/bench/floor/`) and loads
each page with wrk at 16 concurrent connections: home, list, filtered list, search (English and
Chinese), review page, objective page, API list, and the framework floor, a minimal Django view
that renders a small template without database access through the same middleware. Two modes,
gunicorn restarted in between: "cache on" (PUBLIC_CACHE_SECONDS=600, as the portal is served)
and "cache off" (PUBLIC_CACHE_SECONDS=0: every request renders from PostgreSQL).

Prints per mode: requests/s, p50/p95/p99 latency, throughput as a ratio to the floor, and the
goal (every public page at least 0.5 of the floor and p95 at most 50 ms, search at most 100 ms).
Exits 0 when goals are missed (a benchmark, not a test); the misses are listed at the end.
Needs a PostgreSQL DATABASE_URL and a REDIS_URL (scripts/with-services.sh gives throwaway ones);
installs wrk with apt-get when it is missing and we are root. Static files are collected into a
temporary directory, so nothing is written to the project.
"""

import argparse
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
STATUSES = ["not_started", "planned", "under_way", "achieved", "not_applicable", "not_addressed"]
STATUS_WEIGHTS = [10, 20, 35, 15, 5, 15]
GOAL_RATIO, GOAL_P95_MS, GOAL_SEARCH_P95_MS = 0.5, 50, 100
# Section shares of a review's words (the template's suggested limits 500/1000/700/400/400);
# the objective entries and their promising practices get the rest.
SECTION_SHARES = [0.10, 0.20, 0.14, 0.08, 0.08]

# A sentence that search finds: English "labour migration", Chinese 移民工人.
KEY_SENTENCES = {
    "en": "Labour migration policies expand regular pathways and protect the rights of migrant workers.",
    "fr": "La politique de migration de main-d'œuvre élargit les voies régulières et protège les travailleurs migrants.",
    "es": "La política de migración laboral amplía las vías regulares y protege a los trabajadores migrantes.",
    "ar": "تعزز سياسة هجرة اليد العاملة المسارات النظامية وتحمي حقوق العمال المهاجرين.",
    "zh-hans": "国家计划加强正常移民渠道并保护移民工人的权利。",
    "ru": "Политика трудовой миграции расширяет легальные пути и защищает права трудящихся-мигрантов.",
}
# Frequent words first (they get the highest Zipf weights), then pseudo-words from SYLLABLES
# give each language a vocabulary of a few thousand words, as real text has.
WORDS = {
    "en": "the of and to in for with on by as was were has have been which their this that through under "
    "migration migrants migrant workers labour regular pathways national plan government ministry policy "
    "policies rights protection data border consular services integration return reintegration remittances "
    "skills recognition trafficking smuggling children women families detention alternatives access health "
    "education employment recruitment fair decent work cooperation regional bilateral agreement implementation "
    "review stakeholders civil society local authorities framework strategy programme capacity training "
    "information evidence diaspora climate disasters vulnerability documentation identity legal safe orderly",
    "fr": "la le les de des du et à en pour dans sur par avec une un est sont ont été qui que ce cette leur "
    "migration migrants travailleurs main-d'œuvre voies régulières plan national gouvernement ministère "
    "politique droits protection données frontières services consulaires intégration retour réintégration "
    "envois fonds compétences reconnaissance traite trafic enfants femmes familles rétention alternatives "
    "accès santé éducation emploi recrutement équitable travail décent coopération régionale bilatéral "
    "accord œuvre examen parties prenantes société civile autorités locales cadre stratégie programme "
    "capacités formation information diaspora climat catastrophes vulnérabilité identité sûre ordonnée",
    "es": "la el los las de del y a en para por con una un es son han sido que este esta su sus migración "
    "migrantes trabajadores laboral vías regulares plan nacional gobierno ministerio política derechos "
    "protección datos fronteras servicios consulares integración retorno reintegración remesas "
    "competencias reconocimiento trata tráfico niños mujeres familias detención alternativas acceso salud "
    "educación empleo contratación equitativa trabajo decente cooperación regional bilateral acuerdo "
    "aplicación examen partes interesadas sociedad civil autoridades locales marco estrategia programa "
    "capacidades formación información diáspora clima desastres vulnerabilidad identidad segura ordenada",
    "ar": "في من على إلى أن التي الذي مع عن هذه هذا كما قد تم الهجرة المهاجرين العمال العمل المسارات النظامية "
    "الخطة الوطنية الحكومة وزارة السياسة الحقوق الحماية البيانات الحدود الخدمات القنصلية الإدماج العودة "
    "إعادة التحويلات المهارات الاعتراف الاتجار التهريب الأطفال النساء الأسر الاحتجاز بدائل الوصول الصحة "
    "التعليم التوظيف الاستقدام العادل اللائق التعاون الإقليمي الثنائي الاتفاق التنفيذ الاستعراض أصحاب "
    "المصلحة المجتمع المدني السلطات المحلية الإطار الاستراتيجية البرنامج القدرات التدريب المعلومات "
    "الشتات المناخ الكوارث الهشاشة الهوية الآمنة المنظمة",
    "zh-hans": "的 和 在 是 了 与 对 为 等 中 将 已 移民 工人 国家 计划 政府 部门 政策 权利 保护 数据 边境 领事 "
    "服务 融合 返回 汇款 技能 承认 贩运 偷运 儿童 妇女 家庭 拘留 替代 获得 卫生 教育 就业 招聘 公平 "
    "体面 工作 合作 区域 双边 协定 执行 审查 利益 社会 地方 当局 框架 战略 方案 能力 培训 信息 侨民 "
    "气候 灾害 脆弱 身份 安全 有序 正常 渠道 劳动 进展 措施 目标 实施 报告 机制 包括 通过 加强 支持 "
    "促进 以及",
    "ru": "и в на с по для из что как это его их был были также миграция мигрантов трудящихся трудовой "
    "легальные пути национальный план правительство министерство политика права защита данные границы "
    "консульские услуги интеграция возвращение реинтеграция денежные переводы навыки признание торговля "
    "людьми незаконный ввоз детей женщин семей задержание альтернативы доступ здравоохранение образование "
    "занятость наем справедливый достойный труд сотрудничество региональное двустороннее соглашение "
    "осуществление обзор заинтересованные стороны гражданское общество местные органы власти рамки "
    "стратегия программа потенциал обучение информация диаспора климат бедствия уязвимость документы",
}
SYLLABLES = {
    "en": "ka ri to men sa lo ver na pe tion al der mo li ra ne co ti bu go fa pi se ma ro di lu te vi zo",
    "fr": "ra té lo ment si ve con pré ma ne tion ri è que di sa bo lu fé mi ge an ou",
    "es": "ra to lo ción se ma ne ri ta do pe gu ña fi co lu mi ve sa be dí ti",
    "ar": "مد نا سل كر تب رح عل قو حم فا يس بر جد لو مي ها شر طب",
    "zh-hans": "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
               "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
               "好应开它合还因由其些然前外天政四日那社义事平形相全表间样关各重新线内数正心反明看原又利比或但质气第向道",
    "ru": "ко ра ни ст ва ло ми пре до ге ту за ше бы ле жи но про ве ка",
}  # fmt: skip
PARTNERS = "IOM, ILO, UNHCR, UNICEF, UN Women, OHCHR"
HAN = re.compile(r"[\u4e00-\u9fff]")


# --- Synthetic text ----------------------------------------------------------------------------


def vocabulary(language: str, rng: random.Random, size: int = 3000):
    """(words, cumulative Zipf weights): the language's frequent words, then pseudo-words."""
    words = WORDS[language].split()
    syllables = SYLLABLES[language].split() if language != "zh-hans" else list(SYLLABLES[language])
    seen = set(words)
    while len(words) < size:
        n = rng.randint(2, 2 if language == "zh-hans" else 4)
        word = "".join(rng.choice(syllables) for _ in range(n))
        if word not in seen:
            seen.add(word)
            words.append(word)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    return words, cumulative


def sentence(rng, language, vocab, n_words) -> tuple[str, int]:
    """A sentence of about `n_words` words and its word count (Han characters for Chinese)."""
    words, cumulative = vocab
    chosen = rng.choices(words, cum_weights=cumulative, k=n_words)
    if language == "zh-hans":
        cut = rng.randint(1, max(1, n_words - 1))
        text = "".join(chosen[:cut]) + "，" + "".join(chosen[cut:]) + "。"
        return text, sum(len(w) for w in chosen)
    if rng.random() < 0.1:
        i = rng.randrange(n_words)
        chosen[i] = f"**{chosen[i]}**"
    if n_words > 10:
        i = rng.randrange(3, n_words - 3)
        chosen[i] += ","
    chosen[0] = chosen[0][:1].upper() + chosen[0][1:]
    return " ".join(chosen) + ".", n_words


def count_key(language: str) -> int:
    key = KEY_SENTENCES[language]
    return len(HAN.findall(key)) if language == "zh-hans" else len(key.split())


def text_of(rng, language, vocab, words, key_rate=0.0) -> tuple[str, int]:
    """Markdown paragraphs of four sentences (and a few lists) of about `words` words: it stops
    within half a sentence of the target. `key_rate`: the share of paragraphs that hold the
    sentence search looks for."""
    glue = "" if language == "zh-hans" else " "
    scale = 2 if language == "zh-hans" else 1  # a Chinese word is about two characters
    blocks, count = [], 0
    while count < words - 6:
        if rng.random() < 0.12 and words - count > 20:  # a Markdown list
            items = [
                sentence(rng, language, vocab, rng.randint(4, 9) // scale + 1) for _ in range(3)
            ]
            blocks.append("\n".join(f"- {text}" for text, _ in items))
            count += sum(n for _, n in items)
            continue
        pieces = []
        for _ in range(4):
            if count >= words - 6:
                break
            if rng.random() < key_rate / 4:
                pieces.append(KEY_SENTENCES[language])
                count += count_key(language)
                continue
            text, n = sentence(
                rng, language, vocab, min(rng.randint(8, 24), words - count) // scale + 1
            )
            pieces.append(text)
            count += n
        blocks.append(glue.join(pieces))
    return "\n\n".join(blocks), count


def review_content(rng, language, vocab, words, principles) -> tuple[dict, int]:
    """A revision's content (the shape of reviews.content.snapshot) of about `words` words."""
    key_rate = 0.15 if rng.random() < 0.5 else 0.0  # half the reviews hold the search phrase
    sections, total = {}, 0
    for number, share in enumerate(SECTION_SHARES, start=1):
        sections[str(number)], n = text_of(rng, language, vocab, int(words * share), key_rate)
        total += n
    statuses = rng.choices(STATUSES, weights=STATUS_WEIGHTS, k=23)
    addressed = [s for s in statuses if s != "not_addressed"] or ["under_way"]
    per_entry = max(20, (words - total) // len(addressed))
    objectives = {}
    for number, status in enumerate(statuses, start=1):
        if status == "not_addressed":
            objectives[str(number)] = {
                "status": status,
                "priority": None,
                "narrative": "",
                "principles": [],
                "practices": [],
            }
            continue
        practices = []
        budget = per_entry
        if rng.random() < 0.3:
            title, n_title = sentence(rng, language, vocab, 6)
            description, n_description = text_of(rng, language, vocab, 40)
            practices.append(
                {"title": title.rstrip(".。"), "description": description, "partners": PARTNERS}
            )
            budget -= n_title + n_description + 7
            total += n_title + n_description + 7
        narrative, n = text_of(rng, language, vocab, max(10, budget), key_rate)
        total += n
        objectives[str(number)] = {
            "status": status,
            "priority": rng.choice([None, None, 1, 2, 3]),
            "narrative": narrative,
            "principles": sorted(rng.sample(principles, k=min(len(principles), 3))),
            "practices": practices,
        }
    content = {
        "language": language,
        "sections": sections,
        "objectives": objectives,
        "details": {
            "stakeholders": [],
            "part_of_national_plan": rng.random() < 0.5,
            "limits_justification": "",
            "contacts": [],
        },
    }
    return content, total


# --- The database ------------------------------------------------------------------------------


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
        sys.exit("bench/web.py needs PostgreSQL: run it through scripts/with-services.sh")
    if not os.environ.get("REDIS_URL"):
        sys.exit("bench/web.py needs REDIS_URL: run it through scripts/with-services.sh")
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
                index_published_review(review)
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


def pages() -> list[dict]:
    """The pages to load, in order (the floor first); `search` marks the search goal."""
    from django.db.models import Exists, OuterRef

    from reviews.models import VoluntaryReview

    # The latest English review of a State that has an earlier one: the page also shows what
    # changed since the previous cycle, as most review pages will.
    published = VoluntaryReview.objects.filter(published_revision__isnull=False)
    earlier = published.filter(
        member_state_id=OuterRef("member_state_id"), cycle__year__lt=OuterRef("cycle__year")
    )
    candidates = published.select_related("cycle").order_by("-cycle__year", "member_state_id")
    review = (
        candidates.filter(Exists(earlier), published_language="en").first() or candidates.first()
    )
    chinese = urllib.parse.quote("移民工人")
    return [
        {"page": "floor", "url": "/bench/floor/"},
        {"page": "home", "url": "/en/"},
        {"page": "list", "url": "/en/reviews/"},
        {"page": "filtered list", "url": "/en/reviews/?commission=ECA&objective=5&language=fr"},
        {"page": "search", "url": "/en/reviews/?q=labour+migration", "search": True},
        {"page": "search (zh)", "url": f"/en/reviews/?q={chinese}", "search": True},
        {
            "page": "review page",
            "url": f"/en/reviews/{review.cycle.slug}/{review.member_state_id}/",
        },
        {"page": "objective page", "url": "/en/objectives/5/"},
        {"page": "API list", "url": "/api/v1/reviews/"},
    ]


# --- gunicorn and wrk --------------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d socket_errors=%d non2xx=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def ensure_wrk() -> str:
    """wrk from apt, installed like scripts/install-system-deps.sh does: only when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: install it with `sudo apt-get install wrk`")
    print("Installing wrk with apt-get", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(install, env=env, check=True, capture_output=True)
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(args, cache_seconds: int, workdir: str):
    port = free_port()
    log = Path(workdir) / f"gunicorn-{cache_seconds}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "PYTHONPATH": str(ROOT),
        "PUBLIC_CACHE_SECONDS": str(cache_seconds),
        "API_RATE_LIMIT": "100000000/minute",
        "SEARCH_RATE_LIMIT": "100000000/m",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "gcm_portal.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads_per_worker),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    with log.open("ab") as output:  # gunicorn's and the portal's logs
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"{base}/bench/floor/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return process, base, log
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    stop_gunicorn(process)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{tail(log)}")


def stop_gunicorn(process):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def check_page(base: str, url: str) -> dict:
    """One GET: status, size, and whether it sets a cookie (a cookie keeps a page out of the cache)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + url, timeout=30) as response:  # noqa: S310
            body = response.read()
            return {
                "status": response.status,
                "kb": round(len(body) / 1024),
                "cookie": bool(response.headers.get("Set-Cookie")),
                "first_ms": round((time.perf_counter() - started) * 1000),
            }
    except urllib.error.HTTPError as error:
        return {"status": error.code, "kb": 0, "cookie": False, "first_ms": 0}


def run_wrk(wrk: str, lua: str, url: str, seconds: float, args) -> dict:
    command = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        lua,
        url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    r = {k: int(v) for k, v in (item.split("=") for item in line.split()[1:])}
    return {
        "rps": r["requests"] / (r["duration_us"] / 1e6),
        "requests": r["requests"],
        "errors": r["socket_errors"] + r["non2xx"],
        "p50_ms": r["p50_us"] / 1000,
        "p95_ms": r["p95_us"] / 1000,
        "p99_ms": r["p99_us"] / 1000,
        "max_ms": r["max_us"] / 1000,
    }


def measure_mode(args, wrk, lua, name, cache_seconds, page_list, workdir) -> list[dict]:
    print(f"\n== {name} (PUBLIC_CACHE_SECONDS={cache_seconds}) ==", flush=True)
    process = None
    try:
        process, base, log = start_gunicorn(args, cache_seconds, workdir)
        results = []
        for page in page_list:
            check = check_page(base, page["url"])
            if check["status"] != 200:
                print(
                    f"  {page['page']}: HTTP {check['status']}, skipped\n{tail(log, 10)}",
                    flush=True,
                )
                results.append({**page, **check, "skipped": True})
                continue
            if check["cookie"]:
                print(f"  warning: {page['url']} sets a cookie (never cached)")
            run_wrk(wrk, lua, base + page["url"], args.warmup, args)
            result = run_wrk(wrk, lua, base + page["url"], args.duration, args)
            results.append({**page, **check, **result})
            print(
                f"  {page['page']:<15} {result['rps']:>8.1f} req/s  p95 {result['p95_ms']:.1f} ms",
                flush=True,
            )
        return results
    finally:
        stop_gunicorn(process)


def judge(results: list[dict]) -> list[str]:
    """Adds ratio and goal to each result; returns the misses, as sentences."""
    floor = next((r for r in results if r["page"] == "floor" and not r.get("skipped")), None)
    misses = []
    for r in results:
        if r.get("skipped"):
            r["goal"] = "n/a"
            if r["page"] != "floor":
                misses.append(f"{r['page']}: HTTP {r['status']}")
            continue
        r["ratio"] = r["rps"] / floor["rps"] if floor else float("nan")
        if r["page"] == "floor":
            r["goal"] = "-"
            continue
        limit = GOAL_SEARCH_P95_MS if r.get("search") else GOAL_P95_MS
        why = []
        if not r["ratio"] >= GOAL_RATIO:
            why.append(f"{r['ratio']:.2f} of the floor < {GOAL_RATIO}")
        if r["p95_ms"] > limit:
            why.append(f"p95 {r['p95_ms']:.1f} ms > {limit} ms")
        if r["errors"]:
            why.append(f"{r['errors']} errors")
        r["goal"] = "ok" if not why else "MISSED"
        if why:
            misses.append(f"{r['page']}: " + ", ".join(why))
    return misses


def print_table(name: str, results: list[dict]):
    print(f"\n{name}")
    header = (
        f"{'page':<15} {'URL':<55} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'×floor':>7} {'KB':>4} {'err':>4}  goal"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        url = urllib.parse.unquote(r["url"])
        if r.get("skipped"):
            print(f"{r['page']:<15} {url:<55} HTTP {r['status']}")
            continue
        print(
            f"{r['page']:<15} {url:<55} {r['rps']:>8.1f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} "
            f"{r['p99_ms']:>7.1f} {r['ratio']:>7.2f} {r['kb']:>4} {r['errors']:>4}  {r['goal']}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cores = os.cpu_count() or 1
    parser.add_argument("--reviews", type=int, default=800, help="published reviews to seed")
    parser.add_argument("--words", type=int, default=5000, help="words per review (about)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the synthetic text")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2 * cores, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads-per-worker", type=int, default=1, help="gthread threads")
    parser.add_argument("--modes", default="on,off", help="cache modes to measure: on,off")
    parser.add_argument(
        "--pages", default="", help="comma-separated page names (floor is always run)"
    )
    parser.add_argument("--json", help="also write the results to this file (e.g. bench/results/)")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not set(modes) <= {"on", "off"}:
        parser.error("--modes takes on, off or on,off")

    started = time.perf_counter()
    wrk = ensure_wrk()
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
        t0 = time.perf_counter()
        facts = database_facts()
        page_list = pages()
        if args.pages:
            wanted = {p.strip() for p in args.pages.split(",")} | {"floor"}
            page_list = [p for p in page_list if p["page"] in wanted]
        from django.db import connections

        connections.close_all()
        lua = str(Path(workdir) / "report.lua")
        Path(lua).write_text(WRK_SCRIPT)
        version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.splitlines()
        all_results, all_misses = {}, {}
        for mode in modes:
            name = "cache on" if mode == "on" else "cache off"
            results = measure_mode(
                args, wrk, lua, name, 600 if mode == "on" else 0, page_list, workdir
            )
            all_misses[name] = judge(results)
            all_results[name] = results

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
        f"Load: {version[0] if version else 'wrk'}; {args.threads} threads, {args.connections} connections, "
        f"{args.duration:g} s per page after {args.warmup:g} s warm-up; gunicorn {args.workers} "
        f"{args.worker_class} workers (threads {args.threads_per_worker}) on {cores} cores, "
        f"same machine as wrk, PostgreSQL and Redis"
    )
    print(
        f"Goal: every public page ≥ {GOAL_RATIO} × floor req/s and p95 ≤ {GOAL_P95_MS} ms "
        f"(search ≤ {GOAL_SEARCH_P95_MS} ms)"
    )
    for name, results in all_results.items():
        print_table(name, results)
    print()
    for name, misses in all_misses.items():
        if misses:
            print(f"Goals missed with {name}:")
            for miss in misses:
                print(f"  - {miss}")
        else:
            print(f"All goals met with {name}.")
    total = time.perf_counter() - started
    print(f"\nTotal run time: {total / 60:.1f} min")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(
                {
                    "facts": facts,
                    "seeding": seeding,
                    "results": all_results,
                    "misses": all_misses,
                    "args": vars(args),
                    "seconds": round(total),
                },
                indent=2,
                default=str,
            )
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
