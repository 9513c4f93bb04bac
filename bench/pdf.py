"""Benchmark: render a 5,000-word review with 23 objective entries in each UN language.

    .venv/bin/python bench/pdf.py            # all six languages, 5 renders each
    .venv/bin/python bench/pdf.py --runs 3 ar
    .venv/bin/python bench/pdf.py --in-a-row              # time goal: before-speed vs on-demand
    .venv/bin/python bench/pdf.py --in-a-row --variants whole,on-demand,trim --runs 2

Prints per language: median seconds of N renders, pages, file size, peak RSS of the process
(one fresh process per language) and PDFs per minute for one worker process. Runs on a
throwaway SQLite database; nothing is written to the project.

`--in-a-row` is what a worker does: one process renders the six languages one after the other
(--runs each, after one untimed English render: a worker's start-up, printed as "first"),
and its peak RSS (ru_maxrss: resident memory, mapped font files included) is read
after each language; every render's wall-clock and CPU seconds are kept. The variants run
alternately, a fresh process each time, --repeat rounds:
  before-speed  the portal before item 5's time work: the garbage collector running through
              each render, both stylesheets parsed for every render, word counts computed,
              every PDF stream serialised twice (the default baseline)
  whole       on-demand but with WeasyPrint copying every font file whole
              (`copy_fonts_whole`): the baseline of item 5's memory work
  on-demand   the portal now: font files read on demand (`reviews.pdf_fonts`), the collector
              paused during a render, stylesheets parsed once per thread and language, each
              stream serialised once (`reviews.pdf_streams`)
  trim        on-demand, plus gc.collect() and glibc's malloc_trim(0) after every render
  per-render  whole, and a new font configuration for every render (WeasyPrint's default)
(--variants picks some, the first is the baseline). The load average is printed with every
figure; the summary gives, per variant, peak RSS min and median, and per language the min,
median and max seconds of all its renders (CPU seconds beside them: less disturbed by other
processes on a shared machine), with the ratio of the medians to the baseline's.
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
VARIANTS = ["before-speed", "on-demand", "whole", "trim", "per-render"]
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


def set_up_database():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reviews.reference import load_reference_data

    load_reference_data()


def make_review(language: str, iso3: str = "MEX"):
    from reviews.models import MemberState, ReviewCycle, ReviewRevision, VoluntaryReview

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
        member_state=MemberState.objects.get(iso3=iso3),
        cycle=ReviewCycle.objects.get(slug="imrf-2026"),
        language=language,
    )
    revision = ReviewRevision.objects.create(
        document=review, number=1, kind="submission", version=1, content=content
    )
    return review, revision


def peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def release_memory():
    """What a worker could do after each render: collect the cycles, give free heap to the OS."""
    import ctypes
    import gc

    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def in_a_row(variant: str, runs: int) -> dict:
    """One process, the six languages one after the other, as a worker renders them."""
    set_up_database()
    from weasyprint.text.fonts import FontConfiguration

    from reviews import pdf, pdf_fonts

    if variant in ("whole", "per-render"):
        pdf_fonts.copy_fonts_whole()
    if variant == "per-render":
        pdf.font_config = FontConfiguration  # a new one for every render
    if variant == "before-speed":
        use_slower_render(pdf)
    release = release_memory if variant == "trim" else (lambda: None)
    states = ["MEX", "GHA", "FRA", "JOR", "CHN", "RUS"]
    documents = [make_review(lang, iso3) for lang, iso3 in zip(LANGUAGES, states, strict=True)]
    # The process's first render also loads fonts and fills WeasyPrint's caches, once per
    # worker: timed apart ("first"), not among the renders of its language.
    started = time.perf_counter()
    pdf.render_pdf(*documents[0])
    first = round(time.perf_counter() - started, 3)
    peaks, seconds, cpu = {}, {}, {}
    for language, (review, revision) in zip(LANGUAGES, documents, strict=True):
        seconds[language], cpu[language] = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            pdf.render_pdf(review, revision)
            release()
            seconds[language].append(round(time.perf_counter() - started, 3))
            cpu[language].append(round(time.process_time() - started_cpu, 3))
        peaks[language] = peak_rss_mb()
    return {"variant": variant, "peak_rss_mb": peak_rss_mb(), "peaks": peaks,
            "seconds": seconds, "cpu": cpu, "first": first}  # fmt: skip


def use_slower_render(pdf):
    """The render as it was before item 5's time work (the "before-speed" baseline)."""
    import contextlib

    from weasyprint import CSS

    from reviews import pdf_streams, selectors

    pdf_streams.serialise_streams_twice()
    pdf.collector_paused = contextlib.nullcontext

    def stylesheets(language):
        fonts = pdf.font_config()
        return [CSS(filename=str(pdf.STYLESHEET), font_config=fonts),
                CSS(string=pdf.page_css(language), font_config=fonts)]  # fmt: skip

    pdf.stylesheets = stylesheets
    pdf.review_document = lambda content, **kwargs: selectors.review_document(content)


def one_language(language: str, runs: int) -> dict:
    set_up_database()
    from reviews.pdf import render_pdf

    review, revision = make_review(language)
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
        "peak_rss_mb": peak_rss_mb(),
        "pdfs_per_minute": round(60 / median, 1),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("languages", nargs="*", default=LANGUAGES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--row-child", help=argparse.SUPPRESS)
    parser.add_argument("--in-a-row", action="store_true", help="one process, six languages")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of --in-a-row")
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS[:2]),
        help=f"--in-a-row variants, the first is the baseline (of {', '.join(VARIANTS)})",
    )
    parser.add_argument(
        "--variant", default=None, help="override the PDF variant, e.g. 'none' to skip PDF/UA"
    )
    args = parser.parse_args()
    if args.variant:
        os.environ["GCM_BENCH_PDF_VARIANT"] = args.variant
    if args.row_child:
        print(json.dumps(in_a_row(args.row_child, args.runs)))
        return
    if args.in_a_row:
        compare_in_a_row(args.runs, args.repeat, args.variants.split(","))
        return
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
        r = child(["--child", language, "--runs", str(args.runs)])
        print(f"{r['language']:<9} {r['median_s']:>9} {r['pages']:>6} {r['size_kb']:>8} "
              f"{r['peak_rss_mb']:>12} {r['pdfs_per_minute']:>9}")  # fmt: skip


def child(arguments: list[str]) -> dict:
    """Run this file with `arguments` in a fresh process on a throwaway database."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gcm_portal.settings", "DEBUG": "1",
               "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "MEDIA_ROOT": tmp,
               "LOG_LEVEL": "WARNING"}  # fmt: skip
        env.pop("REDIS_URL", None)
        out = subprocess.run(
            [sys.executable, __file__, *arguments],
            env=env, cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])


def load_average() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def compare_in_a_row(runs: int, repeat: int, variants: list[str]):
    results = {v: [] for v in variants}
    base = variants[0]
    print(f"one process renders {', '.join(LANGUAGES)} in a row, {runs} render(s) each; "
          f"baseline {base}")  # fmt: skip
    for round_number in range(1, repeat + 1):
        for variant in variants:  # alternately, a fresh process each time
            before = load_average()
            r = child(["--row-child", variant, "--runs", str(runs)])
            results[variant].append(r)
            peaks = " ".join(f"{lang}:{mb}" for lang, mb in r["peaks"].items())
            secs = " ".join(
                f"{lang}:{statistics.median(s):.2f}" for lang, s in r["seconds"].items()
            )
            print(f"round {round_number} {variant:<12} first {r['first']:.2f} s, "
                  f"peak {r['peak_rss_mb']:>4} MB  "
                  f"(after each: {peaks})  median s: {secs}  load before: {before}, "
                  f"after: {load_average()}")  # fmt: skip
    for variant in variants:
        summarise(variant, results[variant], results[base], base)
    print(f"load average at the end: {load_average()}")


def summarise(variant: str, rows: list[dict], base_rows: list[dict], base: str):
    """Peak RSS, then per language the seconds of every render of every round."""
    peaks = [r["peak_rss_mb"] for r in rows]
    ratios = [r["peak_rss_mb"] / b["peak_rss_mb"] for r, b in zip(rows, base_rows, strict=True)]
    print(f"{variant}: peak RSS MB min {min(peaks)} median {statistics.median(peaks)} "
          f"(ratio to {base}: min {min(ratios):.2f} median {statistics.median(ratios):.2f})")  # fmt: skip
    for language in LANGUAGES:
        wall = [s for r in rows for s in r["seconds"][language]]
        cpu = [s for r in rows for s in r["cpu"][language]]
        base_wall = statistics.median(s for r in base_rows for s in r["seconds"][language])
        base_cpu = statistics.median(s for r in base_rows for s in r["cpu"][language])
        print(f"  {language:<8} s min {min(wall):.3f} median {statistics.median(wall):.3f} "
              f"max {max(wall):.3f} (median / {base}'s {statistics.median(wall) / base_wall:.2f})"
              f"   CPU s min {min(cpu):.3f} median {statistics.median(cpu):.3f} "
              f"max {max(cpu):.3f} ({statistics.median(cpu) / base_cpu:.2f})  n={len(wall)}")  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
