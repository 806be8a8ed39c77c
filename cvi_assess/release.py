"""Which release of the application is running, as a fingerprint of its code and templates.

Cached values whose content depends on the code (a rendered page) carry it in their key, so
that a new release, or two releases side by side during a rolling deploy, never serve each
other's pages. RELEASE in the environment (a version or a commit) is used when set; otherwise
the files are hashed once per process.
"""

import functools
import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["templates", "cvi_assess", "accounts", "guidance", "questionnaire", "perspectives",
           "plans", "benchmarks", "reports", "program", "static/css"]  # fmt: skip
SUFFIXES = {".py", ".html", ".txt", ".css"}


@functools.cache
def release() -> str:
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.sha256()
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in SUFFIXES and "migrations" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
