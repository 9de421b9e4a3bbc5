"""Fail when requirements.lock and pyproject.toml disagree.

Every dependency pyproject.toml names (with the dev extra) must be pinned in the lock at a
version its specifier allows, and the lock must name no direct dependency pyproject.toml
has dropped. `make lock` rewrites the lock; this check runs in `make install` and `make test`.
"""

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT_NAME = "norrsken-portal"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def project_requirements(pyproject):
    project = tomllib.loads(pyproject)["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [Requirement(line) for line in lines]


def locked(lock):
    """{name: {versions}} and the names the lock says pyproject.toml asked for."""
    pins, direct, current = {}, set(), None
    for line in lock.splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins.setdefault(current, set()).add(Version(match.group(2)))
        elif current and f"{PROJECT_NAME} (pyproject.toml)" in line:
            direct.add(current)
    return pins, direct


def disagreements(pyproject, lock):
    pins, direct = locked(lock)
    wanted = project_requirements(pyproject)
    problems = []
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        versions = pins.get(name)
        if not versions:
            problems.append(f"{requirement.name} is in pyproject.toml but not in the lock")
            continue
        outside = [v for v in versions if v not in requirement.specifier]
        if outside:
            problems.append(
                f"{requirement.name}: the lock pins {', '.join(map(str, outside))}, "
                f"pyproject.toml allows {requirement.specifier}"
            )
    dropped = direct - {canonicalize_name(r.name) for r in wanted}
    problems += [
        f"{name} is locked for pyproject.toml, which no longer names it" for name in dropped
    ]
    return problems


def main():
    problems = disagreements(
        (ROOT / "pyproject.toml").read_text(), (ROOT / "requirements.lock").read_text()
    )
    for problem in problems:
        print(f"requirements.lock: {problem}", file=sys.stderr)
    if problems:
        print("Run `make lock` to resolve pyproject.toml into the lock again.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
