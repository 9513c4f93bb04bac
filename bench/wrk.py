"""wrk, the HTTP load generator of the benchmarks: installed when missing (`ensure_wrk`), run
with a Lua script that prints one parsable result line (`run_wrk`, `WRK_SCRIPT`), and the Lua
script that asks a different search phrase on every request (`unique_search_script`).
"""

import itertools
import os
import random
import shutil
import subprocess
import sys

from bench.synthetic import vocabulary

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


def milliseconds(report: dict, key: str) -> float:
    """A latency of wrk's report; not a number when no request was answered (wrk says 0 then,
    which would read as fast)."""
    return report[key] / 1000 if report["requests"] else float("nan")


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
    phrases = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_PHRASES ")), None)
    if phrases:  # unique_search_script's
        r["phrases_used"] = int(phrases.partition("=")[2])
    return {
        **({"phrases_used": r["phrases_used"]} if "phrases_used" in r else {}),
        "rps": r["requests"] / (r["duration_us"] / 1e6),
        "requests": r["requests"],
        "errors": r["socket_errors"] + r["non2xx"],
        "p50_ms": milliseconds(r, "p50_us"),
        "p95_ms": milliseconds(r, "p95_us"),
        "p99_ms": milliseconds(r, "p99_us"),
        "max_ms": milliseconds(r, "max_us"),
    }


# --- A different search phrase for every request -----------------------------------------------

SEARCH_PATH = "/en/reviews/?q="
PHRASES_PER_SCRIPT = 20_000


def unique_phrases() -> list[str]:
    """Every pair of two English words of the seeded text (`vocabulary("en")` as `seed` builds
    it, without its 21 function words, down to rank 320: each still appears about twice in a
    5,000-word review, so a pair matches many reviews), in a fixed shuffled order, as URL query
    values: 44,850 phrases, no two alike."""
    words = vocabulary("en", random.Random("en"))[0][21:321]
    phrases = [f"{a}+{b}" for a, b in itertools.combinations(words, 2)]
    random.Random(17).shuffle(phrases)
    return phrases


def unique_search_script(phrases: list[str], start: int, threads: int) -> str:
    """wrk's Lua: requests that each take the next phrase of `phrases` from `start` on (thread t
    of n takes t, t + n, t + 2n...), and WRK_SCRIPT's report plus a line `BENCH_PHRASES used=N`:
    the phrases taken or skipped, where the next script must start so as to ask none again."""
    chosen = [phrases[(start + i) % len(phrases)] for i in range(PHRASES_PER_SCRIPT)]
    table = ",\n".join(f'"{phrase}"' for phrase in chosen)
    return f"""
local phrases = {{
{table}
}}
local threads = {{}}
setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
count = 0
request = function()
  local i = (count * {threads} + (id or 0)) % #phrases + 1
  count = count + 1
  return wrk.format("GET", "{SEARCH_PATH}" .. phrases[i])
end
{WRK_SCRIPT}
local report = done
done = function(summary, latency, requests)
  local most = 0
  for _, thread in ipairs(threads) do
    most = math.max(most, thread:get("count"))
  end
  io.write(string.format("BENCH_PHRASES used=%d\\n", most * {threads}))
  report(summary, latency, requests)
end
"""
