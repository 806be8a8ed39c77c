#!/usr/bin/env bash
# Serve the app as in production, for bench/smoke.py and bench/load.py: gunicorn started as the
# Docker image starts it (gunicorn.conf.py), DEBUG=0, a fresh PostgreSQL database.
#
#   bench/serve.sh start   create the database, migrate, load the guidance, collectstatic, start
#                          gunicorn and the email worker (db_worker) in the background and wait
#                          until /healthz answers
#   bench/serve.sh stop    stop both (the database is kept for inspection until next start)
#
# Environment: PORT (default 8001), BENCH_DB (database name, default cvi_smoke),
# WEB_CONCURRENCY (gunicorn workers, default 3), SIGNUP_RATE_LIMIT (default 100000 here),
# CACHE_URL (a Redis server shared by every instance; without it, serve.sh starts Debian's
# redis-server on port PORT+10000 for this server alone, since several workers need a shared
# cache), BENCH_SHARED_DB=1 (a second instance on another PORT: use the database as the first
# instance left it, without recreating or migrating it, and without a worker of its own: the
# first instance's worker sends every email).
# PostgreSQL: 127.0.0.1:PGPORT (default 5432), user postgres, trust authentication. The server log is
# $STATE/gunicorn.log (printed on start); the worker's is $STATE/worker.log, and without
# EMAIL_HOST the emails the worker sends are written there.
#
# Cookies over plain HTTP: with DEBUG=0 the session and CSRF cookies are marked Secure. The
# server trusts X-Forwarded-Proto (as behind a TLS proxy), the scripts send
# "X-Forwarded-Proto: https", and their HTTP client treats the server as https:// (so it keeps
# and sends Secure cookies) while the bytes go over plain HTTP; see bench/webclient.py.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8001}
BENCH_DB=${BENCH_DB:-cvi_smoke}
STATE=${TMPDIR:-/tmp}/cvi-bench-$PORT
REDIS_PORT=$((PORT + 10000))
PIDFILE=$STATE/gunicorn.pid
WORKER_PIDFILE=$STATE/worker.pid
export PGHOST=127.0.0.1 PGPORT=${PGPORT:-5432} PGUSER=postgres

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
  if running; then
    echo "Already running (pid $(cat "$PIDFILE")); run: $0 stop" >&2
    exit 1
  fi
  if (: >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "Port $PORT is already in use; choose another with PORT=..." >&2
    exit 1
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  if [ -z "${BENCH_SHARED_DB:-}" ]; then
    PGOPTIONS="-c client_min_messages=warning" dropdb --if-exists "$BENCH_DB"
    createdb "$BENCH_DB"
  fi

  # Instances behind one load balancer must share SECRET_KEY (sessions and links are signed
  # with it): a caller starting several sets it; otherwise each start makes a new one.
  SECRET_KEY=${SECRET_KEY:-"bench-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"}
  export SECRET_KEY DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 \
    SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https \
    DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/$BENCH_DB" STATIC_ROOT="$STATE/static"
  # Every simulated executive signs up from 127.0.0.1, which the per-client sign-up limit
  # would otherwise stop after a few (see the README's Security section).
  export SIGNUP_RATE_LIMIT=${SIGNUP_RATE_LIMIT:-100000}
  if [ -z "${BENCH_SHARED_DB:-}" ]; then
    .venv/bin/python manage.py migrate --noinput -v0
    .venv/bin/python manage.py load_guidance -v0
  fi
  .venv/bin/python manage.py collectstatic --noinput -v0
  if [ -z "${CACHE_URL:-}" ]; then
    # Several workers need a shared cache (gunicorn.conf.py): a Redis of this server's own.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
      --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log"
    export CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
  fi

  nohup .venv/bin/gunicorn cvi_assess.wsgi:application --bind "127.0.0.1:$PORT" \
    >"$STATE/gunicorn.log" 2>&1 &
  echo $! >"$PIDFILE"
  if [ -z "${BENCH_SHARED_DB:-}" ]; then
    # The pages enqueue their emails; the worker sends them (cvi_assess/mail.py), as in Compose.
    nohup .venv/bin/python manage.py db_worker >"$STATE/worker.log" 2>&1 &
    echo $! >"$WORKER_PIDFILE"
  fi
  for _ in $(seq 120); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
      echo "Serving http://127.0.0.1:$PORT (database $BENCH_DB, log $STATE/gunicorn.log)"
      return
    fi
    if ! running; then break; fi
    sleep 0.5
  done
  echo "gunicorn did not answer on /healthz; the end of its log:" >&2
  tail -n 20 "$STATE/gunicorn.log" >&2
  stop
  exit 1
}

stop_worker() {
  if [ -f "$WORKER_PIDFILE" ]; then
    kill -TERM "$(cat "$WORKER_PIDFILE")" 2>/dev/null || true  # it finishes the email it sends
    rm -f "$WORKER_PIDFILE"
  fi
}

stop() {
  stop_worker
  if ! running; then
    echo "Not running."
    return
  fi
  local pid
  pid=$(cat "$PIDFILE")
  kill -TERM "$pid"  # gunicorn finishes the requests in progress, then exits
  for _ in $(seq 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"
  if [ -f "$STATE/redis.pid" ]; then
    kill "$(cat "$STATE/redis.pid")" 2>/dev/null || true
    rm -f "$STATE/redis.pid"
  fi
  echo "Stopped (logs: $STATE/gunicorn.log, $STATE/worker.log)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "Usage: $0 start|stop" >&2
    exit 2
    ;;
esac
