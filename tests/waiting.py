"""Waiting on what a real worker (Celery, PostgreSQL, Redis) does in its own time."""

import time


def wait_for(predicate, seconds: float = 60, *, times: int = 1, every: float = 0.2) -> bool:
    """Whether `predicate()` held at `times` checks in a row, `every` seconds apart, before
    `seconds` ran out (several in a row: a state that must have settled, not flickered)."""
    deadline, held = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        held = held + 1 if predicate() else 0
        if held >= times:
            return True
        time.sleep(every)
    return False
