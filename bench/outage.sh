#!/usr/bin/env bash
# The page people get while PostgreSQL or Redis is down, under production settings: gunicorn
# (bench/serve.sh: DEBUG=0, collected static files) on a PostgreSQL cluster and a Redis of this
# script's own, which bench/outage.py stops and starts again while it browses.
#
#   bench/outage.sh
#
# Needs Debian's postgresql (pg_createcluster, run as root) and redis-server. Environment: PORT
# (default 8021), OUTAGE_PG_PORT (default 5499), OUTAGE_REDIS_PORT (default 6399). The cluster
# (named cvi-outage) and Redis are removed at the end. Exits non-zero if a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT=${PORT:-8021}
PG_PORT=${OUTAGE_PG_PORT:-5499}
REDIS_PORT=${OUTAGE_REDIS_PORT:-6399}
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
CLUSTER=cvi-outage
state=${TMPDIR:-/tmp}/cvi-outage
mkdir -p "$state"
redis_start="redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no \
--daemonize yes --pidfile $state/redis.pid --logfile $state/redis.log"
redis_stop="redis-cli -p $REDIS_PORT shutdown nosave"

cleanup() {
  bench/serve.sh stop >/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  pg_dropcluster --stop "$VERSION" "$CLUSTER" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup  # what an interrupted run left

pg_createcluster "$VERSION" "$CLUSTER" --port "$PG_PORT" --start \
  -- --auth-local=trust --auth-host=trust >/dev/null
eval "$redis_start"
echo "PostgreSQL $VERSION on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT, for this run"

PGPORT=$PG_PORT CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0 bench/serve.sh start

status=0
.venv/bin/python bench/outage.py "http://127.0.0.1:$PORT" \
  --stop-database "pg_ctlcluster $VERSION $CLUSTER stop --mode fast" \
  --start-database "pg_ctlcluster $VERSION $CLUSTER start" \
  --stop-cache "$redis_stop" \
  --start-cache "sh -c \"$redis_start\"" || status=$?

log=${TMPDIR:-/tmp}/cvi-bench-$PORT/gunicorn.log
echo "Server: $(grep -cE '" 500 ' "$log" || true) responses with status 500 (log: $log)"
if grep -qE '" 500 ' "$log" || grep -q Traceback "$log"; then
  echo "Errors in the server log:"
  grep -E -A 30 'Traceback|" 500 ' "$log" | head -n 120
  status=1
fi
exit "$status"
