"""The lock and pyproject.toml agree, and the check says so when they do not."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("check_lock", ROOT / "scripts" / "check_lock.py")
check_lock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_lock)

PYPROJECT = (ROOT / "pyproject.toml").read_text()
LOCK = (ROOT / "requirements.lock").read_text()


def test_the_lock_matches_pyproject():
    assert check_lock.disagreements(PYPROJECT, LOCK) == []


def test_every_locked_package_has_hashes():
    entries = [line for line in LOCK.splitlines() if check_lock.PIN.match(line)]
    assert len(entries) > 50
    for line in entries:
        assert line.rstrip().endswith("\\"), f"{line} has no hash"


def test_a_pin_outside_the_specifier_is_reported():
    lock = LOCK.replace("django-allauth==65.", "django-allauth==64.", 1)
    problems = check_lock.disagreements(PYPROJECT, lock)
    assert any("django-allauth" in problem for problem in problems)


def test_a_new_dependency_missing_from_the_lock_is_reported():
    pyproject = PYPROJECT.replace('"gunicorn>=23,<24",', '"gunicorn>=23,<24",\n    "left-pad>=1",')
    assert check_lock.disagreements(pyproject, LOCK) == [
        "left-pad is in pyproject.toml but not in the lock"
    ]


def test_a_dropped_dependency_still_locked_is_reported():
    pyproject = PYPROJECT.replace('    "redis>=5",\n', "")
    assert check_lock.disagreements(pyproject, LOCK) == [
        "redis is locked for pyproject.toml, which no longer names it"
    ]
