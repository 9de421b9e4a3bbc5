"""The one place that reads settings' values from the environment (settings modules and
portal/gunicorn.conf.py). An unset or empty variable means the default."""

import os

TRUE = {"1", "true", "yes", "on"}


def env_str(name, default=""):
    value = os.environ.get(name, "")
    return value if value.strip() else default


def env_bool(name, default=False):
    value = env_str(name).strip()
    return value.lower() in TRUE if value else default


def env_int(name, default):
    value = env_str(name).strip()
    return int(value) if value else default


def env_list(name, default=""):
    """A comma-separated list, without empty items."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]
