"""`/healthz`: the state of the database, the cache (Redis when configured) and file storage.

Answers 200 `{"status": "ok"}` when all three work and 503 `{"status": "error"}` when any does
not, so a load balancer or docker-compose can take an instance out of rotation. The public
learns nothing more: which part failed, and why, goes to the log (a warning per failed part),
since error texts name hosts, ports and paths. Nothing here is cached.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

log = logging.getLogger(__name__)


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:  # a health check reports every failure, whatever its type
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not answer 1")


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the value written could not be read back")
    cache.delete(key)


def check_storage() -> None:
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("the file written could not be read back")
    finally:
        default_storage.delete(name)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def run_checks() -> dict:
    """Each part's result; every failed part is logged as a warning naming it."""
    results = {name: _timed(check) for name, check in CHECKS.items()}
    for name, result in results.items():
        if not result["ok"]:
            log.warning("Health check failed: %s: %s", name, result["error"])
    return results


def is_healthy() -> bool:
    return all(result["ok"] for result in run_checks().values())
