"""Benchmark: render a 5,000-word review with 23 objective entries in each UN language.

    .venv/bin/python bench/pdf.py            # all six languages, 5 renders each
    .venv/bin/python bench/pdf.py --runs 3 ar

Prints per language: median seconds of N renders, pages, file size, peak RSS of the process
(one fresh process per language) and PDFs per minute for one worker process. Runs on a
throwaway SQLite database; nothing is written to the project.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
SENTENCES = {
    "en": "The national plan strengthens regular pathways and protects migrant workers' rights.",
    "fr": "Le plan national renforce les voies régulières et protège les droits des travailleurs migrants.",
    "es": "El plan nacional fortalece las vías regulares y protege los derechos de los trabajadores migrantes.",
    "ar": "تعزز الخطة الوطنية المسارات النظامية وتحمي حقوق العمال المهاجرين منذ عام 2022 وفق GCM.",
    "zh-hans": "国家计划加强正常移民渠道并保护移民工人的权利。",
    "ru": "Национальный план расширяет легальные пути миграции и защищает права трудящихся-мигрантов.",
}  # fmt: skip


def text_of(language: str, words: int) -> str:
    from reviews.wordcount import count_words

    sentence = SENTENCES[language]
    per = count_words(sentence)
    paragraphs = []
    for i in range(max(1, words // per)):
        paragraphs.append(sentence)
        if i % 6 == 5:
            paragraphs.append("\n\n")
    return " ".join(paragraphs)


def one_language(language: str, runs: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reviews.models import MemberState, ReviewCycle, ReviewRevision, VoluntaryReview
    from reviews.pdf import render_pdf
    from reviews.reference import load_reference_data

    load_reference_data()
    content = {
        "language": language,
        "sections": {str(n): text_of(language, w) for n, w in
                     [(1, 500), (2, 1000), (3, 700), (4, 400), (5, 400)]},
        "objectives": {
            str(n): {"status": "under_way", "priority": None, "narrative": text_of(language, 85),
                     "principles": ["human_rights"], "practices": []}
            for n in range(1, 24)
        },
        "details": {"stakeholders": [], "part_of_national_plan": False,
                    "limits_justification": "", "contacts": []},
    }  # fmt: skip
    review = VoluntaryReview.objects.create(
        member_state=MemberState.objects.get(iso3="MEX"),
        cycle=ReviewCycle.objects.get(slug="imrf-2026"),
        language=language,
    )
    revision = ReviewRevision.objects.create(
        document=review, number=1, kind="submission", version=1, content=content
    )
    timings, data = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        data = render_pdf(review, revision)
        timings.append(time.perf_counter() - started)
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    median = statistics.median(timings)
    return {
        "language": language,
        "median_s": round(median, 3),
        "pages": pages,
        "size_kb": round(len(data) / 1024),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "pdfs_per_minute": round(60 / median, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*", default=LANGUAGES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--variant", default=None, help="override the PDF variant, e.g. 'none' to skip PDF/UA"
    )
    args = parser.parse_args()
    if args.variant:
        os.environ["GCM_BENCH_PDF_VARIANT"] = args.variant
    if args.child:
        if os.environ.get("GCM_BENCH_PDF_VARIANT"):
            import django

            django.setup()
            from reviews import pdf

            variant = os.environ["GCM_BENCH_PDF_VARIANT"]
            pdf.PDF_VARIANT = None if variant == "none" else variant
        print(json.dumps(one_language(args.child, args.runs)))
        return
    print(
        f"{'language':<9} {'median s':>9} {'pages':>6} {'size KB':>8} {'peak RSS MB':>12} {'PDFs/min':>9}"
    )
    for language in args.languages:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gcm_portal.settings", "DEBUG": "1",
                   "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "MEDIA_ROOT": tmp,
                   "LOG_LEVEL": "WARNING"}  # fmt: skip
            env.pop("REDIS_URL", None)
            out = subprocess.run(
                [sys.executable, __file__, "--child", language, "--runs", str(args.runs)],
                env=env, cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{r['language']:<9} {r['median_s']:>9} {r['pages']:>6} {r['size_kb']:>8} "
                  f"{r['peak_rss_mb']:>12} {r['pdfs_per_minute']:>9}")  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
