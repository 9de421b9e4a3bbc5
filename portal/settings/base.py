"""Settings shared by every environment. Secrets are read only in production.py."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str
from portal.languages import language_choices, prefixed

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


INSTALLED_APPS = [
    "base",
    "organisations",
    "outbox",
    "guidance",
    "staff",
    "recordkeeping",
    "samrad",
    "translations",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    # Translations are made with wagtail-localize (see translations/ and README "Translating
    # the portal"); its locales app replaces wagtail.locales, and Wagtail's
    # simple_translation (an unsynced copy) is not offered beside it.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    # Wagtail's users app with the portal's user forms (party, password by e-mail link).
    "staff.apps.StaffUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "csp",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.security.PermissionsPolicyMiddleware",
    "portal.middleware.request_guard.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.page_cache.ContentGenerationMiddleware",
    # Before sessions: a cached anonymous page needs nothing further down.
    "portal.middleware.page_cache.AnonymousPageCacheMiddleware",
    # Inside the page cache (pages are cached compressed), outside everything that sets a
    # cookie or renders the body (it must see both): see portal/middleware/compression.py.
    "portal.middleware.compression.PublicPageGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL prefix only (see portal/urls.py), never from a cookie.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Both answer before or instead of a view: no DELETE around Wagtail's deletion, no
    # 500 for a POST without the fields its form reads.
    "portal.middleware.request_guard.DeleteByPostOnlyMiddleware",
    "portal.middleware.request_guard.MissingFieldMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The case data each request reads: its user's county's only (samrad/scope.py).
    "samrad.scope.CountyScopeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.middleware.PartyRequiredMiddleware",
    "staff.middleware.SecondFactorRequiredMiddleware",
    "staff.middleware.PrivateResponseMiddleware",
    "portal.middleware.security.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.fragment_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite file by default; DATABASE_URL selects PostgreSQL (psycopg) or another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the mail worker write to the same file (make run). A transaction
    # takes the write lock when it begins (IMMEDIATE), so it waits for the other process
    # (timeout, seconds) instead of failing with "database is locked" when a read turns
    # into a write; WAL lets readers go on while one writes (Django 5.1+ options).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "staff.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/personal/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Passwords are chosen through allauth's one-time links only.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_REQUIRED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

# Accounts: e-mail and password, no sign-up (see staff.adapters), a second factor.
ACCOUNT_ADAPTER = "staff.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# A mailed code alone is weaker than the password or the second factor it would replace.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Behind a load balancer every visitor would share the proxy's address (and its rate limit):
# set the number of proxies in front of the app so allauth reads the client's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# ...and X-Forwarded-For is read only from these peers (addresses or networks; the same
# variable gunicorn reads), so a client that reaches gunicorn directly cannot choose its
# address (staff.adapters.AccountAdapter.get_client_ip).
TRUSTED_PROXIES = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A reset asked for an unknown address sends nothing: no mail to whoever is typed in.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Operation Norrsken] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Operation Norrsken"
MFA_TRUST_ENABLED = False
# Accept the neighbouring 30-second code too: phones drift.
MFA_TOTP_TOLERANCE = 1
# Every signed-in user must have a second factor; dev.py may switch this off for the demo.
MFA_REQUIRED = True
USERSESSIONS_TRACK_ACTIVITY = True

# Sessions end when the browser closes and after 30 minutes without activity.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
# ...and 12 hours after login whatever the activity (staff.middleware).
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# The site's languages: the default first (its pages have no prefix), the others under
# /<code>/. Adding a language is a code here (or in the environment) plus its translations:
# see README "Adding a language". Names, right-to-left and the paths below are derived.
PORTAL_LANGUAGES = env_list("PORTAL_LANGUAGES", "sv,en,ar")

# Responses under these paths are private: never stored, never indexed.
PRIVATE_PATH_PREFIXES = (
    *prefixed(["/personal/"], PORTAL_LANGUAGES),
    "/accounts/",
    "/documents/",
    "/admin/",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish is the site's language; the others live under their prefix (/en/, /ar/).
LANGUAGE_CODE = PORTAL_LANGUAGES[0]
# Each language named in its own script, for the language menu (portal/languages.py).
LANGUAGES = language_choices(PORTAL_LANGUAGES)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, hash-named files served by whitenoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: SMTP when EMAIL_HOST is set (dev.py falls back to the console).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Operation Norrsken <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The quick-exit destination must never learn where the visitor came from.
SECURE_REFERRER_POLICY = "no-referrer"

# Wagtail
WAGTAIL_SITE_NAME = "Operation Norrsken"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# Draftail, refusing a post that is not its JSON with a 400 (base/editor_widgets.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "base.editor_widgets.RichTextArea"}}
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft: a person publishes it (README "Translating the portal").
# No WAGTAILLOCALIZE_MACHINE_TRANSLATOR: nothing is sent to a translation service.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Swedish word forms on PostgreSQL ("våldet" finds "våld"); SQLite ignores the setting.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "swedish"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always served through Django so that collection privacy applies to every URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# A shared password would be a second login beside allauth's, without a second factor.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Documents are served to anyone only from this collection, the first county's, or another
# county's public collection (or below them); every other
# document, those uploaded with the defaults included, needs a staff role (staff/wagtail_hooks.py).
PUBLIC_DOCUMENT_COLLECTION = "Offentliga dokument"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per background task and page save drowns what matters.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Background tasks: Wagtail's own run at once; the outbox's e-mail (outbox/tasks.py) goes
# through the database queue (durable, retried) and is run by
# `manage.py db_worker --queue-name mail`, retried after these delays while unsent.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "durable": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]},
}
OUTBOX_RETRY_SECONDS = [60, 300, 900, 3600]

# Samråd requests. Keys live outside the database; see README "Encryption keys".
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
PERSON_KEY_SECRET = env_str("PERSON_KEY_SECRET")

# Security headers (HSTS and secure cookies are in production.py).
SELF, NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Wagtail's admin still has inline script and style; only editors with a second factor reach it.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Shown by the error pages, which must work without the database (and so without site settings).
QUICK_EXIT_FALLBACK_URL = "https://www.smhi.se/"

# Caches: Redis when REDIS_URL is set (shared by several app servers), else files shared by
# the processes of one machine.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / ".cache")),
        }
    }
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Wagtail's {% wagtailcache %} and {% wagtailpagecache %} fragments of public pages, keyed
# on the content generation (portal/cache.py): a fragment never changes under its key, so
# every process keeps its own copy in memory (a page reads five or six of them, each a
# round trip to Redis or the disk otherwise). Only the generation and whole pages are shared.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# This process's short-lived copies of the page cache's pages, for the same reason: a hit
# then reads only the generation from the shared cache (portal/middleware/page_cache.py).
# At most 1,000 pages (5-16 kB each).
PAGE_COPIES_ALIAS = "page_copies"
CACHES[PAGE_COPIES_ALIAS] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "page-copies",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
PAGE_CACHE_EXCLUDED_PREFIXES = (
    *PRIVATE_PATH_PREFIXES,
    "/healthz/",
    *prefixed(["/sok/"], PORTAL_LANGUAGES),
    "/static/",
    "/media/",
)
