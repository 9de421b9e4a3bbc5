"""Local development: `make run`. Never used by wsgi.py."""

from portal.env import env_bool, env_list, env_str

from .nonproduction import *  # noqa: F403
from .nonproduction import samrad_keys

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

if not env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The local demo may skip the second factor (MFA_REQUIRED=true turns it back on).
MFA_REQUIRED = env_bool("MFA_REQUIRED", False)

FIELD_ENCRYPTION_KEYS, PERSON_KEY_SECRET = samrad_keys(SECRET_KEY)
