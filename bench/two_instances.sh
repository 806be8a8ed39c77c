#!/usr/bin/env bash
# Two app instances side by side, as behind a load balancer: two gunicorn servers on different
# ports sharing one PostgreSQL database and one Redis, then bench/two_instances.py checks that
# they behave as one application (a session, an admin edit, the invitation rate limit and a
# reassessment, each made through one instance and seen through the other). Exits non-zero if
# any check fails.
#
#   bench/two_instances.sh
#
# Redis: set CACHE_URL to use a running server; otherwise the script starts Debian's
# redis-server (package redis-server) on REDIS_PORT (default 6390), without persistence, and
# stops it at the end. Ports: PORT_A and PORT_B (defaults 8011 and 8012); database BENCH_DB
# (default cvi_two). PostgreSQL as for bench/serve.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT_A=${PORT_A:-8011}
PORT_B=${PORT_B:-8012}
REDIS_PORT=${REDIS_PORT:-6390}
export BENCH_DB=${BENCH_DB:-cvi_two}
# A small limit, so that the check can pass it through both instances quickly.
export INVITATION_RATE_LIMIT=${INVITATION_RATE_LIMIT:-4}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
state=${TMPDIR:-/tmp}/cvi-two-instances
mkdir -p "$state"

cleanup() {
  PORT=$PORT_B bench/serve.sh stop >/dev/null || true
  PORT=$PORT_A bench/serve.sh stop >/dev/null || true
  if [ -f "$state/redis.pid" ]; then
    kill "$(cat "$state/redis.pid")" 2>/dev/null || true
    rm -f "$state/redis.pid"
  fi
}
trap cleanup EXIT

if [ -z "${CACHE_URL:-}" ]; then
  if ! command -v redis-server >/dev/null; then
    echo "bench/two_instances.sh needs Redis: apt-get install redis-server, or set CACHE_URL" >&2
    exit 1
  fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log"
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
  echo "Redis on 127.0.0.1:$REDIS_PORT (log $state/redis.log)"
fi
# Both instances sign sessions and links with the same key, as every instance of one site must.
export SECRET_KEY="two-instances-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
# A key prefix of this run's own, so that an existing Redis keeps nothing of an earlier run.
export CACHE_KEY_PREFIX="cvi-two-$$"

PORT=$PORT_A bench/serve.sh start
# CACHE_URL_B (another Redis, or another database of it) gives B a cache of its own: then the
# checks must fail, which shows that they test the sharing.
PORT=$PORT_B BENCH_SHARED_DB=1 CACHE_URL=${CACHE_URL_B:-$CACHE_URL} bench/serve.sh start

status=0
# A's worker sends the emails of both instances (serve.sh starts none for B).
export BENCH_MAIL_LOG=${TMPDIR:-/tmp}/cvi-bench-$PORT_A/worker.log
.venv/bin/python bench/two_instances.py "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" \
  --database-url "postgres://postgres@127.0.0.1:5432/$BENCH_DB" || status=$?
for port in "$PORT_A" "$PORT_B"; do
  log=${TMPDIR:-/tmp}/cvi-bench-$port/gunicorn.log
  if grep -q Traceback "$log"; then
    echo "Tracebacks in the log of the instance on port $port:"
    grep -A 40 Traceback "$log" | head -n 120
    status=1
  fi
done
exit "$status"
