"""The production settings: Django's deployment checks, required secrets, media storage,
and the one helper that reads the environment (portal/env.py)."""

import subprocess
import sys

from .helpers import clean_environ

PRODUCTION_SECRETS = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "FIELD_ENCRYPTION_KEYS": "2mF1mM7zvzQ8h4Rj0rH3l8b0m9l0b6wS1Yk9pP5uX3o=",
}


def test_deploy_check_is_clean_with_production_settings():
    env = {
        **clean_environ(),
        **PRODUCTION_SECRETS,
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-1234567890",
        "ALLOWED_HOSTS": "norrsken.example.se",
        "PERSON_KEY_SECRET": "another-long-random-secret",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secrets():
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def production_setting(expression, **extra):
    script = f"from django.conf import settings; print({expression})"
    env = {
        **clean_environ(),
        **PRODUCTION_SECRETS,
        "SECRET_KEY": "s" * 60,
        "PERSON_KEY_SECRET": "p" * 40,
        **extra,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_puts_media_on_s3_only_when_a_bucket_is_configured():
    # Read the settings only: the S3 extra need not be installed for this.
    expression = "settings.STORAGES['default']['BACKEND']"
    assert production_setting(expression).endswith("FileSystemStorage")
    assert production_setting(expression, AWS_STORAGE_BUCKET_NAME="norrsken").endswith("S3Storage")


def test_environment_values_are_parsed_in_one_way(monkeypatch):
    from portal.env import env_bool, env_int, env_list, env_str

    monkeypatch.setenv("NORRSKEN_FLAG", " Yes ")
    monkeypatch.setenv("NORRSKEN_NUMBER", " 42 ")
    monkeypatch.setenv("NORRSKEN_LIST", "a.example, ,b.example,")
    monkeypatch.setenv("NORRSKEN_EMPTY", "  ")
    assert env_bool("NORRSKEN_FLAG") is True
    assert env_bool("NORRSKEN_EMPTY", True) is True  # empty means the default
    assert env_int("NORRSKEN_NUMBER", 1) == 42
    assert env_int("NORRSKEN_EMPTY", 7) == 7
    assert env_list("NORRSKEN_LIST") == ["a.example", "b.example"]
    assert env_str("NORRSKEN_EMPTY", "default") == "default"
    # The same parsing in production: an empty variable means the default there too.
    assert production_setting("settings.SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="") == str(
        60 * 60 * 24 * 365
    )
    assert production_setting("settings.SECURE_SSL_REDIRECT", SECURE_SSL_REDIRECT="off") == "False"
