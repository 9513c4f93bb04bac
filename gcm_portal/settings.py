"""Settings for the GCM Review Portal: every value comes from the environment.

`.env.example` lists each variable. With none set, the portal runs on the embedded default:
SQLite under var/, Celery tasks run eagerly in-process, local-memory cache, console e-mail.
"""

import re
import warnings
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from gcm_portal.env import (
    SettingsError,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_key_weakness,
)
from gcm_portal.logs import DJANGO_GUID_SETTINGS, logging_config
from gcm_portal.openapi import OPENAPI_SETTINGS
from gcm_portal.schedule import BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise SettingsError(
            "SECRET_KEY is required when DEBUG is off: set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))') or set DEBUG=1."
        )
    # Only for local development: a fixed key would make signed links forgeable in production.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
elif not DEBUG and (weakness := secret_key_weakness(SECRET_KEY)):
    # A guessable key lets anyone forge sessions, password-reset and invitation links.
    raise SettingsError(
        f"SECRET_KEY {weakness} when DEBUG is off; generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# Former keys, accepted (never used to sign) while what they signed expires: rotation without
# signing everyone out (docs/operations.md). Never after a leak.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
# Reverse proxies in front of the portal, each appending to X-Forwarded-For: the API's rate
# limit and the log-in throttle read the client's address the same way.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address, for links in e-mails and feeds written outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # reference names in six languages (reviews/translation.py)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "csp",
    "axes",
    "django_otp",  # two-factor authentication (gcm_portal/accounts/two_factor)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "django_guid",  # a request id in every log line, carried into Celery tasks
    "gcm_portal.accounts",
    "gcm_portal",
    "reviews",
    "regional",
    "stakeholders",
]

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",
    # The security headers come first, so every answer carries them, /healthz's included.
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gcm_portal.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Idle and absolute session lifetimes, then the second factor where it is required.
    "gcm_portal.accounts.sessions.SessionLifetimeMiddleware",
    "gcm_portal.accounts.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as axes asks: it turns a lockout noted during authentication into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gcm_portal.urls"
WSGI_APPLICATION = "gcm_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gcm_portal.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_env = environ.Env()
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
try:
    with warnings.catch_warnings():  # an unknown scheme is reported below, in one line
        warnings.simplefilter("ignore")
        DATABASES = {"default": _env.db_url_config(DATABASE_URL)}
except Exception as exc:  # django-environ raises several types for a malformed URL
    raise SettingsError(f"DATABASE_URL could not be read ({exc})") from None
if not DATABASES["default"].get("ENGINE"):
    raise SettingsError(
        f"DATABASE_URL could not be read ({DATABASE_URL.split('://')[0]!r} is not a database "
        "scheme; use postgres://user:password@host:5432/name or sqlite:////absolute/path)"
    )
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default: make var/ on first start, and let readers work while one writes.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker ---------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# The cache may live in a Redis of its own, bounded and evicting (docker-compose.yml does so):
# cached pages then never compete with Celery's queues for memory.
REDIS_CACHE_URL = env_str("REDIS_CACHE_URL") or REDIS_URL
if REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "gcm_portal.cache.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "gcm"),
            # A cache that is down must not take the site with it: fail fast, then render.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ---------------------------------------------------------------------------------
# Public pages are cached for anonymous readers; publishing or unpublishing invalidates them at
# once (reviews.public_cache), this is only the longest a page can live. 0 turns the cache off.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 600)
# A worker renders the pages a publication changes before visitors ask (reviews.warming); with
# tasks run in-process (no Redis) a change empties the cache instead.
PUBLIC_CACHE_WARM = env_bool("PUBLIC_CACHE_WARM", bool(REDIS_URL))

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without Redis there is no broker: tasks run in-process, so `make run` needs no services.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# On a lost broker connection, stop running late-ack tasks: Redis redelivers them and every
# task is idempotent (Celery 6's default; setting it also silences its deprecation warning).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# Side effects report on their rows, not in results; a task that must answer says so itself.
# (Without this, every enqueue also talks to the result store, and retries it for seconds.)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND_ALWAYS_RETRY = False
# Enqueueing must never hang a web request when Redis is down: bounded connect and retry.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
    "visibility_timeout": 3600,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Periodic sweeps (celery beat, static schedule): gcm_portal/schedule.py says what and why.
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE

# Registrants' personal data are erased this many days after their event's last day (counts
# by category, country, gender... are kept for the balance dashboard): stakeholders.retention.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 90)
if REGISTRATION_RETENTION_DAYS < 1:
    raise SettingsError("REGISTRATION_RETENTION_DAYS must be 1 or more (days after the event)")

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "consolemail://")
try:
    globals().update(_env.email_url_config(EMAIL_URL))
except Exception as exc:
    raise SettingsError(f"EMAIL_URL could not be read ({exc})") from None
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "GCM Review Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "secretariat@localhost")

# --- Stakeholder registration ---------------------------------------------------------------
# Registrations and "send the link again" per client address (django-ratelimit's "N/unit",
# unit s, m, h or d): enough for an office behind one address, not for a script. The load
# benchmark and the tests raise it.
REGISTRATION_RATE_LIMIT = env_str("REGISTRATION_RATE_LIMIT", "20/h")

# Searches of the public pages (a `q`) per client address: beyond it a 429 with Retry-After.
SEARCH_RATE_LIMIT = env_str("SEARCH_RATE_LIMIT", "60/m")
for _name in ("REGISTRATION_RATE_LIMIT", "SEARCH_RATE_LIMIT"):
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", globals()[_name]):
        raise SettingsError(f"{_name}={globals()[_name]!r} is not a rate; write e.g. 20/h")

# --- Files ----------------------------------------------------------------------------------
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on object storage (django-storages, S3 API) when several machines serve the portal.
if MEDIA_BUCKET := env_str("MEDIA_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env_str("MEDIA_ENDPOINT_URL") or None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # Our user has no username or first/last name: compare with what it does have.
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed log-ins are throttled (gcm_portal.accounts.lockout says the rule): the axes backend
# comes first and refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURES_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "gcm_portal.accounts.lockout.LoginThrottleHandler"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "gcm_portal.accounts.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "gcm_portal.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "gcm_portal.accounts.lockout.lockout_response"
# Throttling needs the failures, not a diary of every successful log-in and its address.
AXES_DISABLE_ACCESS_LOG = True
# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after log-in
# whatever the activity (gcm_portal.accounts.sessions); a password change ends the others.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Two-factor authentication (django-otp): required for the secretariat and staff, offered to
# everyone else; the authenticator app shows this name.
OTP_TOTP_ISSUER = "GCM Review Portal"
# Production runs behind a TLS-terminating proxy: HTTPS only, and browsers are told so (HSTS).
# /healthz stays on plain HTTP for the load balancer's checks.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=not DEBUG)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=BEHIND_TLS_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if BEHIND_TLS_PROXY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Content Security Policy: no inline script or style anywhere ---------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Languages: the six official UN languages -----------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["gcm_portal.formats"]  # UN date order in English, CLDR's in Arabic
# `name` reads the active language's column, else English, marked lang="en" (i18n_names).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es", "ar", "zh-hans", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging: one JSON object per line on stderr, with the request id (gcm_portal/logs.py) --
LOGGING = logging_config(env_str("LOG_LEVEL", "INFO"), json=env_bool("LOG_JSON", default=not DEBUG))
DJANGO_GUID = DJANGO_GUID_SETTINGS

# --- Open data API (djangorestframework + drf-spectacular) ------------------------------------
REST_FRAMEWORK = {
    # Read-only open data: JSON and CSV, no browsable HTML (it needs inline scripts, and CSP).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "reviews.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["reviews.api.throttling.ReaderRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"reader": env_str("API_RATE_LIMIT", "600/minute")},
    # Behind N reverse proxies the client is the Nth address from the end of X-Forwarded-For.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = OPENAPI_SETTINGS  # gcm_portal/openapi.py
