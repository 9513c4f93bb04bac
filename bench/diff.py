"""Benchmark: the word diff of two 5,000-word parts (reviews.textdiff.word_diff), worst cases.

    .venv/bin/python bench/diff.py [--repeat 5]

No database or services: the diff is a pure function. Prints the best and worst time of each
case and whether it fell back to showing a stretch as rewritten. The goal is under 0.2 s for
every case (the word diff this replaced took 6 to 45 s on the first three).
"""

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviews.textdiff import word_diff

GOAL = 0.2


def cases() -> dict[str, tuple[str, str]]:
    rng = random.Random(10)
    numbers = [str(rng.randint(0, 99)) for _ in range(5000)]
    rows = [
        f"| {2000 + n % 25} | {rng.randint(0, 99)} | {rng.randint(0, 99)} | "
        f"{rng.randint(0, 9)}.{rng.randint(0, 9)} | {rng.randint(0, 999):,} |"
        for n in range(1000)
    ]
    changed = [
        re.sub(r"\b\d\b", lambda _: str(rng.randint(0, 9)), row) if rng.random() < 0.3 else row
        for row in rows
    ]
    prose = [f"w{n}" for n in range(400)]
    text = [rng.choice(prose) for _ in range(5000)]
    edited = [rng.choice(prose) if rng.random() < 0.1 else word for word in text]
    return {
        "5,000 numbers vs 5,000 others": (" ".join(numbers), " ".join(rng.sample(numbers, 5000))),
        "annex table, 30% of rows changed": ("\n".join(rows), "\n".join(changed)),
        "annex table as one paragraph": (" ".join(rows), " ".join(changed)),
        "prose, 10% of words changed": (" ".join(text), " ".join(edited)),
        "prose, 40 paragraphs, 10% changed": (
            "\n\n".join(" ".join(text[k : k + 125]) for k in range(0, 5000, 125)),
            "\n\n".join(" ".join(edited[k : k + 125]) for k in range(0, 5000, 125)),
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    missed = []
    for name, (old, new) in cases().items():
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            diff = word_diff(old, new)
            times.append(time.perf_counter() - started)
        print(
            f"{name:38s} best {min(times) * 1000:7.1f} ms  worst {max(times) * 1000:7.1f} ms"
            f"  rewritten={diff.rewritten}"
        )
        if max(times) > GOAL:
            missed.append(name)
    print("goal missed: " + ", ".join(missed) if missed else f"every case under {GOAL} s")


if __name__ == "__main__":
    main()
