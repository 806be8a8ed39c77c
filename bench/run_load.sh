#!/usr/bin/env bash
# The smoke and load tests against production-like serving, in one command: start gunicorn on
# PostgreSQL with bench/serve.sh, run bench/smoke.py, then bench/load.py, stop the server.
#
#   bench/run_load.sh                  50 simulated executives
#   bench/run_load.sh --users 10       (any other bench/load.py option passes through)
#
# PORT (default 8001) and BENCH_DB (default cvi_smoke) as for serve.sh. Exits non-zero if either
# test fails, after printing the server's tracebacks.
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT=${PORT:-8001} BENCH_DB=${BENCH_DB:-cvi_smoke}
base_url=http://127.0.0.1:$PORT
log=${TMPDIR:-/tmp}/cvi-bench-$PORT/gunicorn.log  # where serve.sh puts it

if ! .venv/bin/python -c "import httpx" 2>/dev/null; then
  echo "bench/ needs httpx: .venv/bin/pip install 'httpx>=0.28,<1'" >&2
  exit 1
fi

bench/serve.sh start
trap 'bench/serve.sh stop' EXIT

status=0
.venv/bin/python bench/smoke.py "$base_url" || status=$?
if [ "$status" -eq 0 ]; then
  echo
  .venv/bin/python bench/load.py --base-url "$base_url" \
    --database-url "postgres://postgres@127.0.0.1:5432/$BENCH_DB" "$@" || status=$?
fi

echo
echo "Server: $(grep -cE '" 5[0-9]{2} ' "$log" || true) responses with a 5xx status (log: $log)"
if grep -q Traceback "$log"; then
  echo "Tracebacks in the server log:"
  grep -A 40 Traceback "$log" | head -n 200
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
