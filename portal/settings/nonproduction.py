"""What local development (dev.py) and the tests (test.py) share: nothing to set up, no
real secrets, static files straight from the source folders. Never used in production."""

import base64
import hashlib

from .base import *  # noqa: F403

# Serve unhashed files straight from the source folders (no collectstatic outside production).
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True


def derived_key(secret, purpose):
    """A Fernet-shaped key derived from another secret: for development and tests only."""
    digest = hashlib.sha256(f"{purpose}:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def samrad_keys(secret_key):
    """FIELD_ENCRYPTION_KEYS and PERSON_KEY_SECRET from the environment, else derived from
    the (non-secret) development or test SECRET_KEY, so that samråd works without set-up."""
    return (
        FIELD_ENCRYPTION_KEYS or [derived_key(secret_key, "fields")],  # noqa: F405
        PERSON_KEY_SECRET or derived_key(secret_key, "person"),  # noqa: F405
    )
