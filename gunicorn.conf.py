"""Gunicorn settings, read from the working directory by `gunicorn cvi_assess.wsgi:application`.

The Docker image (its CMD adds --bind 0.0.0.0:8000) and bench/serve.sh (--bind 127.0.0.1:PORT)
both start gunicorn this way, so they serve with the same settings.
"""

import os

# Without CACHE_URL each worker keeps its own cache: nothing in it can be stale (no page is
# cached; PDFs are keyed by their content), only the rate limits count per worker.
workers = int(os.environ.get("WEB_CONCURRENCY") or 3)
accesslog = "-"  # standard output
errorlog = "-"  # standard error
# Method and path without the query string; no user agent, no referrer; every link that carries a
# secret masked, and invitees' addresses left out (see cvi_assess/gunicorn_logging.py).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
logger_class = "cvi_assess.gunicorn_logging.PrivateAccessLogger"
# No management socket (gunicorn 25+ opens one in $HOME/.gunicorn by default; nothing here
# uses it, and two servers run by one user would share it).
control_socket_disable = True
