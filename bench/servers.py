"""The gunicorn servers the benchmarks load: start one on a free port and wait until it
answers (`start_gunicorn`), stop it, wait until the servers are idle between measurements
(`wait_until_idle`), one GET of a page (`check_page`), and what a server logged
(`tail`, `logged_problems`).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Set by the cold server's middleware (bench/cold_server.py) on every answer.
COLD_HEADER = "X-Bench-Cold"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(args, cache_seconds: int, workdir: str, *, cold: bool = False):
    """gunicorn on a free port, once it answers: (process, base URL, log). `cold`: the cold
    server (bench.settings_bench with BENCH_COLD=1: no cache, memos forgotten every request)."""
    port = free_port()
    log = Path(workdir) / f"gunicorn-{'cold' if cold else cache_seconds}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "PYTHONPATH": str(ROOT),
        "PUBLIC_CACHE_SECONDS": str(cache_seconds),
        "API_RATE_LIMIT": "100000000/minute",
        "SEARCH_RATE_LIMIT": "100000000/m",
        "BENCH_COLD": "1" if cold else "0",
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


def logged_problems(path: Path) -> dict[str, int]:
    """What a server logged at WARNING or above, message → times. A cache that times out under
    load (its client gives up after a second) serves warm pages cold: the figures must say so."""
    counts: dict[str, int] = {}
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return counts
    for line in lines:
        try:
            record = json.loads(line)  # the portal logs JSON lines (LOG_JSON, on when DEBUG=0)
        except ValueError:
            record = None
        if isinstance(record, dict):
            if str(record.get("level", "")).upper() not in {"WARNING", "ERROR", "CRITICAL"}:
                continue
            message = f"{record.get('logger', '')}: {record.get('message', '')}"
        elif any(word in line for word in ("WARNING", "ERROR", "CRITICAL", "Traceback")):
            message = line
        else:
            continue
        counts[message[:160]] = counts.get(message[:160], 0) + 1
    return counts


def check_page(base: str, url: str) -> dict:
    """One GET: status, size, whether it sets a cookie (a cookie keeps a page out of the cache),
    and whether the cold server's middleware forgot the memos for it."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + url, timeout=30) as response:  # noqa: S310
            body = response.read()
            return {
                "status": response.status,
                "kb": round(len(body) / 1024),
                "cookie": bool(response.headers.get("Set-Cookie")),
                "cold": bool(response.headers.get(COLD_HEADER)),
                "first_ms": round((time.perf_counter() - started) * 1000),
            }
    except urllib.error.HTTPError as error:
        return {"status": error.code, "kb": 0, "cookie": False, "cold": False, "first_ms": 0}


def cpu_ticks(pid: int) -> int:
    """CPU time (clock ticks) used so far by a gunicorn master and its workers, from /proc."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        pids += [int(child) for child in task.read_text().split()]
    ticks = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rpartition(")")[2].split()
        except OSError:  # a worker that has just exited
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def wait_until_idle(processes, timeout: float = 120) -> float:
    """Wait until the servers have finished what earlier load left them: a sync worker keeps
    working through requests whose client wrk has closed, and that work must not fall into the
    next measurement, on the other server least of all. Idle: no CPU time at all used in a
    quarter of a second. Returns the seconds waited."""
    started = time.monotonic()
    before = sum(cpu_ticks(p.pid) for p in processes)
    while time.monotonic() - started < timeout:
        time.sleep(0.25)
        now = sum(cpu_ticks(p.pid) for p in processes)
        if now == before:
            break
        before = now
    return time.monotonic() - started
