"""Settings for every environment, read from environment variables (see README, Configuration).

The embedded default needs no service: SQLite, files under ``var/``, mail to the console and a
Celery broker on the local file system. Production (``APP_ENV=production``) requires a secret
key and refuses the development conveniences.
"""

import secrets
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.settings.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_optional,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

APP_ENV = env_choice("APP_ENV", "development", ("development", "production"))
PRODUCTION = APP_ENV == "production"


def _secret_key() -> str:
    """Production takes the key from the environment; the embedded default keeps one in var/."""
    if PRODUCTION:
        return env_str("SECRET_KEY")
    explicit = env_optional("SECRET_KEY")
    if explicit:
        return explicit
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Off unless asked for (DEBUG=1): `make run` shows the product's own Vietnamese error pages, and
# tracebacks go to the console through LOGGING below.
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when APP_ENV=production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "common.admin_choices.ThiDuaAdminConfig",  # django.contrib.admin with labelled autocomplete
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "config.apps.AxesConfig",  # django-axes, named in Vietnamese (labels: locale/vi)
    "bootstrap",
    "common",
    "campaigns",
    "criteria",
    "registrations",  # after criteria (award forms), before submissions (which asks it about entrants)
    "submissions",
    "awards",
    "honours",  # the award register: reads awards (the approved lists); nothing to its left imports it
    # The council's secret ballot: reads awards' nominee lists; approval asks it through
    # ``awards.services.approval.approval_checks``, which it fills when ready.
    "ballots",
    "demo",  # load_demo: every app's demo data in the story's order; above every app
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "campaigns.context_processors.site",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands when DATABASE_URL is set.
DATABASE_URL = env_optional("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {exc}") from None
else:
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL is required when APP_ENV=production.")
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite creates its file but not the folder it is in
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves as Celery broker and cache when REDIS_URL is set.
REDIS_URL = env_optional("REDIS_URL")
# A Redis that is down is a cache that holds nothing (config/cache.py): pages, sign-in and sessions
# (read from the database) keep working; the timeouts bound what a hanging Redis costs a request.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": VAR_DIR / "cache"}
    }

# A copy in each process's memory, for at most a minute, of values every page reads from the cache
# above (the ranking table under its version, the footer's agency): see config/cache.py.
CACHES["local"] = {
    "BACKEND": "config.cache.LocalCopyCache",
    "LOCATION": "local-copies",  # its own memory, apart from any other in-memory cache
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 32},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in after repeated failures
    "campaigns.backends.RoleAwareBackend",  # signs in; loads the user with their role groups
    "rules.permissions.ObjectPermissionBackend",  # every permission: the rules in <app>/permissions.py
]
# Throttled sign-in: after AXES_FAILURE_LIMIT failures for one username from one address, that
# pair waits AXES_COOLOFF_MINUTES; other users and addresses are not affected.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "campaigns.views.locked_out"  # says when to try again and who unlocks


def client_address_settings(trusted_proxies: int) -> dict:
    """How axes (through django-ipware) finds the client's address (issue 13, item 2).

    With no proxy, the connection's address. Behind ``trusted_proxies`` reverse proxies that each
    append the address they received the request from to X-Forwarded-For (nginx's
    ``$proxy_add_x_forwarded_for``), the client is the entry that many places from the right:
    the last proxy's own address is REMOTE_ADDR, so the header holds ``trusted_proxies - 1``
    proxies after the client. Entries further left are whatever the client sent and are ignored,
    so nobody chooses the address their failures are counted against.
    """
    if trusted_proxies == 0:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",), "AXES_IPWARE_PROXY_COUNT": None}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR",),
        "AXES_IPWARE_PROXY_COUNT": trusted_proxies - 1,
    }


# The number of reverse proxies in front of gunicorn that set X-Forwarded-For (README, Deployment).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if PRODUCTION else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
_client_address = client_address_settings(TRUSTED_PROXY_COUNT)
AXES_IPWARE_META_PRECEDENCE_ORDER = _client_address["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_COUNT = _client_address["AXES_IPWARE_PROXY_COUNT"]
AXES_IPWARE_PROXY_ORDER = "left-most"
# A longer chain than expected (a client behind its own proxy, or one forging the header) still
# yields the entry the trusted proxies wrote; django-ipware's strict mode would discard it instead.
IPWARE_STRICT = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# Sessions are read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # expired rows purged by a beat job
# An invitation to set a password (admin → accounts → "Gửi thư mời đặt mật khẩu") is valid this long.
ACCOUNT_INVITATION_DAYS = env_int("ACCOUNT_INVITATION_DAYS", 3)

# Vietnamese first, English second; Vietnam time everywhere.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))  # made by collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION  # development serves static files without collectstatic
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua@localhost")
# The address people open the site at: every mail links to its page there (required in production).
SITE_URL = env_str("SITE_URL") if PRODUCTION else env_str("SITE_URL", "http://127.0.0.1:8000")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: secure by default in production, overridable where a deployment needs it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", PRODUCTION) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Preloading is an operator's choice for the whole .gov.vn domain, hard to undo: off unless asked for.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]  # W021: "preload is off"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
# No inline scripts anywhere; inline style attributes only because the Django admin uses them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Celery: Redis when REDIS_URL is set, otherwise a broker on the local file system (no server).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem-atomic://")
if CELERY_BROKER_URL.startswith(("filesystem://", "filesystem-atomic://")):
    _broker_dir = VAR_DIR / "celery" / "broker"  # made by the transport (config/broker.py)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    # A message taken by a worker that dies whole comes back after the visibility timeout: a little
    # longer than any task may run (the hard time limit), so a running task is never handed out twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_TASK_TIME_LIMIT", 600) + 300,
        "socket_connect_timeout": 1.0,  # a request that enqueues on a Redis that is down waits this long
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 540)
# Acknowledged when done, one at a time: a task whose worker dies before the end is run again.
# Idempotent tasks also ask to be requeued when their pool process is killed (awards/tasks.py).
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
CELERY_BEAT_SCHEDULER = "config.beat:Scheduler"  # makes the schedule file's folder on a fresh machine
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# One import is previewed within a web request: larger files are refused with a message to split them.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5000)  # a cell never runs a formula from user data
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Excel only (CSV opened by Excel garbles Vietnamese without a byte-order mark): the formats are set
# on the admins (common.imports.ImportMessagesAdmin), since django-import-export takes classes.

# Evidence files: largest accepted upload, in megabytes.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 20) * 1024 * 1024
# Files one entry form may send at once: with EVIDENCE_MAX_MB it sizes the proxy's body limit.
EVIDENCE_MAX_FILES = env_int("EVIDENCE_MAX_FILES", 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Registration (đăng ký thi đua): a new campaign's policy for entries of participants who did not
# register, "flag" (accepted, for the council to decide) or "refuse". The Law on Emulation and
# Commendation 2022 (06/2022/QH15, its principles article: number to be confirmed) says a title is not
# considered without registration; whether an entry is refused is the agency's regulation, hence a setting.
REGISTRATION_DEFAULT_POLICY = env_choice("REGISTRATION_DEFAULT_POLICY", "flag", ("flag", "refuse"))

# The council's secret ballot (ballots/): the share of the council's members who must be present for
# it to vote. The council's regulation (quy chế hoạt động của Hội đồng Thi đua - Khen thưởng) sets it;
# 2/3 is common and what we believe, to be confirmed per agency. A fraction ("2/3") or a decimal ("0.5").
try:
    BALLOT_QUORUM = str(Fraction(env_str("BALLOT_QUORUM", "2/3")))
except (ValueError, ZeroDivisionError):
    raise ImproperlyConfigured("BALLOT_QUORUM must be a fraction such as 2/3 or 0.5.") from None
if not 0 < Fraction(BALLOT_QUORUM) <= 1:
    raise ImproperlyConfigured("BALLOT_QUORUM must be more than 0 and at most 1.")

# The demo password: the README names its default; set DEMO_PASSWORD to change it.
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "thidua2022")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Requests are listed by the server (runserver's django.server, gunicorn's access log); here
    # only server errors, once each, with their traceback. An expected 403 or 404 is no error.
    "loggers": {"django.request": {"level": "ERROR"}},
}
