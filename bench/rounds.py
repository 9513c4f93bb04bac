"""The rounds of bench/web.py: wrk against the warm and the cold server, one measurement at a
time, each after a warm-up and once the servers are idle, with the load average before and
after (`Runner`); round after round, the floor first, then every page in both variants back to
back, their order swapped every round (`run_rounds`).
"""

import os
from pathlib import Path

from bench.servers import wait_until_idle
from bench.wrk import (
    PHRASES_PER_SCRIPT,
    WRK_SCRIPT,
    run_wrk,
    unique_phrases,
    unique_search_script,
)


def load_average() -> float:
    """The 1-minute load average, the one that moves within a measurement."""
    return round(os.getloadavg()[0], 2)


class Runner:
    """wrk against the two servers, one measurement at a time; keeps every measurement, and
    where the unique phrases have got to (never one asked twice in a run, until all are used)."""

    def __init__(self, args, wrk: str, workdir: str, bases: dict[str, str], processes=()):
        self.args, self.wrk, self.workdir, self.bases = args, wrk, Path(workdir), bases
        self.processes = list(processes)
        self.report_lua = self.workdir / "report.lua"
        self.report_lua.write_text(WRK_SCRIPT)
        self.phrases = unique_phrases()
        self.phrases_used = 0
        self.measurements: list[dict] = []

    def script(self, page: dict) -> str:
        if not page.get("unique"):
            return str(self.report_lua)
        path = self.workdir / "unique.lua"
        path.write_text(unique_search_script(self.phrases, self.phrases_used, self.args.threads))
        return str(path)

    def load(self, page: dict, variant: str, seconds: float) -> dict:
        result = run_wrk(
            self.wrk, self.script(page), self.bases[variant] + page["url"], seconds, self.args
        )
        if page.get("unique"):
            if result["phrases_used"] > PHRASES_PER_SCRIPT:
                print(f"  warning: more than {PHRASES_PER_SCRIPT} searches: phrases asked again")
            self.phrases_used += result["phrases_used"]
            if self.phrases_used > len(self.phrases):
                print("  warning: every unique phrase used: phrases asked again")
        return result

    def measure(self, round_number: int, variant: str, page: dict) -> dict:
        """Warm-up, then the measurement; prints one line with the load average before → after."""
        self.load(page, variant, self.args.warmup)
        settle_s = wait_until_idle(self.processes)
        before = load_average()
        result = self.load(page, variant, self.args.duration)
        after = load_average()
        entry = {"round": round_number, "variant": variant, "page": page["page"], **result}
        entry.update(load_before=before, load_after=after, settle_s=round(settle_s, 1))
        self.measurements.append(entry)
        waited = f"  (servers idle after {settle_s:.1f} s)" if settle_s >= 1 else ""
        print(
            f"  round {round_number}  {variant:<4}  {page['page']:<15} {result['rps']:>8.1f} req/s"
            f"  p95 {result['p95_ms']:>7.1f} ms  errors {result['errors']:<3}"
            f"  load {before:.2f} → {after:.2f}{waited}",
            flush=True,
        )
        return entry


def run_rounds(runner: Runner, page_list: list[dict], variants: list[str], rounds: int):
    """Each round: the warm floor (the baseline of every ratio) and the cold one, then every page
    in both variants back to back, the first variant of the pair swapped from round to round."""
    floor, rest = page_list[0], page_list[1:]
    for number in range(1, rounds + 1):
        order = variants if number % 2 else variants[::-1]
        print(f"\n== round {number} of {rounds} (load average {load_average():.2f}) ==", flush=True)
        for variant in ["warm", *[v for v in variants if v != "warm"]]:
            runner.measure(number, variant, floor)
        for page in rest:
            for variant in order:
                runner.measure(number, variant, page)
