"""The production settings with a cache that every gunicorn worker shares, for
bench/pdf_flood.py.

Production shares its cache between processes through Redis. Until the settings configure it,
a table in the bench's PostgreSQL database (Django's database cache) stands in, so that the
workers see each other's PDF render slots. Create the table with `manage.py createcachetable`.
"""

from cvi_assess.settings import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "bench_shared_cache",
    }
}
