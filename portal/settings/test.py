"""Fast, isolated settings for the test suite."""

from .nonproduction import *  # noqa: F403
from .nonproduction import samrad_keys

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

FIELD_ENCRYPTION_KEYS, PERSON_KEY_SECRET = samrad_keys(SECRET_KEY)

# Tasks run at once in tests; the mail outbox (outbox.models.Notification) keeps
# what could not be sent, as with the database queue.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "durable": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["mail"]},
}
