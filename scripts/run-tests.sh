#!/usr/bin/env bash
# The whole suite in two phases (`make test`, inside scripts/with-services.sh):
#   1. everything that shares no running service's state, on two processes (pytest-xdist: each
#      has its own test database);
#   2. alone, one after the other: browser journeys, tests with a real Celery worker (which
#      consumes the shared Redis queue and stops redis-server) and tests marked `serial`
#      (they restart PostgreSQL).
# Both phases run whatever the first gives; the exit status is non-zero if either failed.
# With arguments, runs just `pytest ARGS` (e.g. `make test PYTEST_ARGS="tests/reviews -x"`).
set -uo pipefail
pytest=("${PYTHON:-.venv/bin/python}" -m pytest)
if [ $# -gt 0 ]; then
  exec "${pytest[@]}" "$@"
fi
alone="browser or worker or serial"
"${pytest[@]}" -n 2 -m "not ($alone)"
first=$?
"${pytest[@]}" -m "$alone"
second=$?
[ "$first" -eq 0 ] && [ "$second" -eq 0 ]
