"""Docker health check: exit 0 when GET /healthz answers 200 (the database is reachable).

Django answers 400 to a Host it does not allow, so the request names the first host of
ALLOWED_HOSTS. /healthz is exempt from the HTTPS redirect, so plain HTTP inside the container
is enough.
"""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
if host in ("", "*"):
    host = "localhost"
request = urllib.request.Request("http://127.0.0.1:8000/healthz", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (fixed URL)
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:
    print(f"healthz: {error}", file=sys.stderr)
    sys.exit(1)
