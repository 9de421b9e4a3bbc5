"""Local development: `make run`. Never used by wsgi.py."""

import os

from .base import *  # noqa: F403
from .base import derived_key

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")  # noqa: S105
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")

if not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Serve unhashed files straight from the source folders while developing.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# The local demo may skip the second factor (MFA_REQUIRED=true turns it back on).
MFA_REQUIRED = os.environ.get("MFA_REQUIRED", "false").lower() in {"1", "true", "yes", "on"}

# Serve static files straight from the source folders (no collectstatic outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Keys derived from the (non-secret) development key so the demo works without set-up.
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [derived_key(SECRET_KEY, "fields")]  # noqa: F405
PERSON_KEY_SECRET = PERSON_KEY_SECRET or derived_key(SECRET_KEY, "person")  # noqa: F405
