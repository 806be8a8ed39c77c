"""Check that the lock files still answer pyproject.toml: every dependency, every dev
dependency and the installer (pip) are pinned in them, at a version its range allows. A change
to pyproject.toml without `make lock` fails here instead of going unnoticed. Needs no network.

Usage: .venv/bin/python .ci/check_lock.py
"""

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(lock_file: str) -> dict[str, str]:
    text = (ROOT / lock_file).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def problems(requirements: list[str], lock_file: str) -> list[str]:
    pinned = pins(lock_file)
    found = []
    for line in requirements:
        requirement = Requirement(line)
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            found.append(f"{lock_file}: {requirement.name} is not pinned (pyproject: {line})")
        elif not requirement.specifier.contains(version, prereleases=True):
            found.append(f"{lock_file}: {requirement.name}=={version} is outside {line}")
    return found


def main() -> int:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = pyproject["project"]
    runtime = project["dependencies"]
    dev = project["optional-dependencies"]["dev"]
    installer = pyproject["dependency-groups"]["installer"]
    found = (
        problems(installer, "requirements-pip.txt")
        + problems(runtime, "requirements.txt")
        + problems(runtime + dev, "requirements-dev.txt")
    )
    for problem in found:
        print(problem)
    if found:
        print("The lock files do not match pyproject.toml: run `make lock` and commit them.")
        return 1
    print(
        f"The lock files pin the installer, all {len(runtime)} dependencies and "
        f"{len(dev)} dev dependencies."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
