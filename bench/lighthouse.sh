#!/usr/bin/env bash
# Lighthouse on the results page of issue 25's engaged agency (bench/engaged_scenario.py),
# served as in production (gunicorn, DEBUG=0, compressed static files), on SQLite.
#
#   npm install --prefix /tmp/lh lighthouse@12     # once, outside the repository
#   bench/lighthouse.sh                            # PORT (default 8750), LIGHTHOUSE (its path)
#
# Prints the performance and accessibility scores; the full report is in $STATE/report.json.
# Chromium is Debian's (CHROME_PATH=/usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8750}
LIGHTHOUSE=${LIGHTHOUSE:-/tmp/lh/node_modules/.bin/lighthouse}
STATE=${TMPDIR:-/tmp}/cvi-lighthouse-$PORT
rm -rf "$STATE" && mkdir -p "$STATE"
export SECRET_KEY="lighthouse-$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')" DEBUG=0 \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 DATABASE_URL="sqlite:///$STATE/db.sqlite3" \
  STATIC_ROOT="$STATE/static" WEB_CONCURRENCY=1
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_guidance -v0
.venv/bin/python manage.py collectstatic --noinput -v0
read -r ASSESSMENT COOKIE < <(.venv/bin/python bench/engaged_scenario.py | tail -1)
.venv/bin/gunicorn cvi_assess.wsgi --config gunicorn.conf.py --bind "127.0.0.1:$PORT" \
  --daemon --pid "$STATE/gunicorn.pid" --error-logfile "$STATE/gunicorn.log"
trap 'kill "$(cat "$STATE/gunicorn.pid")"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE" \
  "http://127.0.0.1:$PORT/assessments/$ASSESSMENT/results/" \
  --extra-headers="{\"Cookie\": \"sessionid=$COOKIE\"}" \
  --only-categories=performance,accessibility --output=json --output-path="$STATE/report.json" \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu" --quiet
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); \
print({k: round(v['score']*100) for k, v in r['categories'].items()}); \
print({a: r['audits'][a]['displayValue'] for a in ('first-contentful-paint','largest-contentful-paint','total-blocking-time','cumulative-layout-shift','speed-index')})" \
  "$STATE/report.json"
