#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster and redis-server on free loopback ports:
#   scripts/with-services.sh pytest -x
# Exports DATABASE_URL, REDIS_URL, PGBIN, PGDATA_DIR, PGLOG, REDIS_PORT, REDIS_DIR and REDIS_PIDFILE to the command,
# stops both servers afterwards whatever happened, and exits with the command's status.
set -uo pipefail

pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server not found (install redis-server)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d /tmp/gcm-services.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
redis_port=$(free_port)
# PostgreSQL refuses to run as root: run it as the postgres user on a directory it owns.
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$work"; else as_pg=(); fi

cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$work/redis.pid" ]; then kill "$(cat "$work/redis.pid")" 2>/dev/null || true; fi
  sleep 0.2
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; exit 1; }
# Durability is pointless for a throwaway cluster; speed is not.
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o \
  "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
  start >/dev/null || { cat "$work/pg.log" >&2; exit 1; }
"${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres gcm

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --dir "$work" --logfile "$work/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/gcm"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
# Tests that simulate an outage stop and restart redis-server with the same pidfile and dir, or
# PostgreSQL with `pg_ctl -D "$PGDATA_DIR" -l "$PGLOG" restart` (as user postgres when root).
export PGBIN="$pgbin" PGDATA_DIR="$work/pg" PGLOG="$work/pg.log"
export REDIS_PORT="$redis_port" REDIS_DIR="$work" REDIS_PIDFILE="$work/redis.pid"
echo "services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
"$@"
status=$?
exit $status
