"""Gunicorn settings, read from the working directory by `gunicorn cvi_assess.wsgi:application`.

The Docker image (its CMD adds --bind 0.0.0.0:8000) and bench/serve.sh (--bind 127.0.0.1:PORT)
both start gunicorn this way, so they serve with the same settings.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 3)
# Cached pages are keyed by version numbers in the cache (cvi_assess/versions.py): workers that
# each kept their own would serve each other's out-of-date pages. So several workers need the
# shared cache; a single worker may use its own.
if workers > 1 and not os.environ.get("CACHE_URL", "").strip():
    raise SystemExit(
        f"WEB_CONCURRENCY={workers} workers need a shared cache: set CACHE_URL to a Redis "
        "server (redis://host:6379/0; Docker Compose sets it), or set WEB_CONCURRENCY=1."
    )
accesslog = "-"  # standard output
errorlog = "-"  # standard error
# Method and path without the query string; no user agent, no referrer; every link that carries a
# secret masked, and invitees' addresses left out (see cvi_assess/gunicorn_logging.py).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
logger_class = "cvi_assess.gunicorn_logging.PrivateAccessLogger"
# No management socket (gunicorn 25+ opens one in $HOME/.gunicorn by default; nothing here
# uses it, and two servers run by one user would share it).
control_socket_disable = True
