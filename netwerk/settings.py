"""Netwerk settings: one module, configured from the environment.

Every value that differs between a laptop, CI and production comes from an environment
variable (or a ``*_FILE`` variable naming a file that holds it, for secrets). Defaults are
chosen so that ``make run`` works on a fresh machine with SQLite and no other server, while
production must say explicitly what it wants: with ``DJANGO_DEBUG`` off, a missing
``DJANGO_SECRET_KEY`` stops start-up instead of falling back to a guessable key.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("NETWERK_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.FileAwareEnv()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production"
    )
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set to at least 50 random "
            "characters when DJANGO_DEBUG is off."
        )


def _list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; spaces around the items are ignored."""
    return [item.strip() for item in env.list(name, default=default) if item.strip()]


ALLOWED_HOSTS = _list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = _list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The public address of the site, used in links inside e-mails sent by Celery workers
# (which have no request to derive it from).
SITE_URL = env.str(
    "NETWERK_SITE_URL", default=f"http://localhost:{env.str('PORT', default='8000')}"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "simple_history",
    "django_htmx",
    "django_celery_beat",
    "netwerk",
    "accounts",
    "workmodels",
    "participants",
    "buddies",
    "groups",
    "findings",
    "referrals",
    "safety",
    "notifications",
    "calendars",
    "signalling",
    "messaging",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers to a signed-in person are never cached (after WhiteNoise: static files are).
    "netwerk.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page sends an anonymous visitor to log in first, whatever the method (public
    # views say `login_not_required`; the API answers 401/403 itself).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "netwerk.middleware.PreferredLanguageMiddleware",
    "netwerk.middleware.AbsoluteSessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.OrganisationMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    # A remembered phone's session: bound to its cookie, revocable, password for more.
    "accounts.middleware.RememberedDeviceMiddleware",
    # A policy analyst reaches the signals report only: 404 elsewhere (accounts.analyst_scope).
    "accounts.analyst_scope.AnalystScopeMiddleware",
    # One read event per answer that showed participant files (accounts.audit).
    "accounts.audit.AuditReadMiddleware",
    # Records who made each change in the edit history of case records.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "netwerk.urls"
# Form fields and widgets render through Django's own Jinja2 copies of its form templates:
# the same markup, about three times faster than the template engine on the file page's forms
# (bench/README.md). Page templates stay Django templates.
FORM_RENDERER = "netwerk.forms.FormRenderer"
WSGI_APPLICATION = "netwerk.wsgi.application"

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
                "accounts.context_processors.organisation",
                "netwerk.reauth.download_ready",
                "netwerk.offline.offline_until",
            ],
            # `{% form_token %}` in every create form (netwerk/submit_once.py).
            "builtins": ["netwerk.templatetags.form_tokens"],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'netwerk.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite = Path(DATABASES["default"]["NAME"])
    _sqlite.parent.mkdir(parents=True, exist_ok=True)
    # `make run` writes from the web server, the worker and beat at once: a write transaction
    # waits for the lock instead of failing at once (IMMEDIATE), readers never wait for a
    # writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    # The test database is a file beside the real one, as `make run`'s is, never Django's
    # in-memory default: that one shares a single connection between the live server's
    # threads, so two requests at once (a page and its htmx part, a double click) interleave
    # their transactions, which no real SQLite deployment does.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME", str(_sqlite.with_name(f"test_{_sqlite.name}"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reuse connections between requests, but check them first: after a PostgreSQL
    # restart a stale connection is replaced instead of failing the request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional for a laptop (`make run`) and required in production. When it is not
# configured, caching is per process and Celery uses a broker on the local file system.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and env.str("REDIS_DB", default=""):
    # The database number alone, replacing REDIS_URL's (each worker of `make test` has its own).
    REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{env.int('REDIS_DB')}"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "netwerk.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "netwerk",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery --------------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_FILESYSTEM_DIR = VAR_DIR / "celery-broker"
if CELERY_BROKER_URL == "filesystem://":
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        # kombu's exchange table; its default is "control" in the working directory.
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
        "store_processed": False,
    }
else:
    # Tasks are acknowledged late (after they ran), so the visibility timeout bounds how long
    # a task of a killed worker waits before it is delivered again. No task uses an ETA
    # longer than this.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Brussels"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# One beat, its schedule in the database (django-celery-beat) so an org admin can see it. The
# rows are created by the migration `notifications/0002_periodic_tasks`.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# --- Authentication (django-allauth) -----------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "accounts.adapters.InviteOnlyAccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.login_form.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# People only arrive through an invitation sent to their address, which proves it.
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Netwerk] "
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Netwerk"
# When a new organisation is created, does it require MFA for staff roles? On by default
# in production; `make run` turns it off so that the demo logins work without an app.
NETWERK_MFA_DEFAULT_REQUIRED = env.bool("NETWERK_MFA_DEFAULT_REQUIRED", default=not DEBUG)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: 30 minutes idle (the cookie is renewed on every request) and 12 hours at most
# after log-in (AbsoluteSessionLimitMiddleware), whatever the activity.
SESSION_COOKIE_AGE = env.int("NETWERK_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
NETWERK_SESSION_ABSOLUTE_SECONDS = env.int(
    "NETWERK_SESSION_ABSOLUTE_SECONDS", default=int(timedelta(hours=12).total_seconds())
)
# "Remember this phone" (volunteers only, accounts.devices): the session lasts up to this long.
NETWERK_REMEMBERED_DEVICE_SECONDS = env.int(
    "NETWERK_REMEMBERED_DEVICE_SECONDS", default=int(timedelta(days=30).total_seconds())
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# How long an invitation link stays valid.
NETWERK_INVITATION_DAYS = env.int("NETWERK_INVITATION_DAYS", default=14)

# --- HTTPS and headers --------------------------------------------------------------------

# Off only for local development and the test suite; production keeps every HTTPS setting.
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
if SECURE:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload flag only matters once someone submits the domain to the browsers list.
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    if not env.str("NETWERK_SITE_URL", default="").startswith("https://"):
        raise ImproperlyConfigured(
            "NETWERK_SITE_URL must be set to the site's https:// address in production: "
            "links in e-mails are built from it."
        )
# Behind a TLS-terminating proxy (the docker-compose set-up, a load balancer) Django only
# knows the original request was HTTPS through this header. Enable it only when the proxy
# always sets (and strips client-supplied) X-Forwarded-Proto: see docs/operations.md.
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in Belgian order in English too (netwerk/formats/en): never the American month first.
FORMAT_MODULE_PATH = ["netwerk.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Tests and `make run` serve static files straight from the source folders; production
# serves the hashed, compressed copies that `collectstatic` wrote to STATIC_ROOT. Without
# DEBUG and before any `collectstatic` (`DJANGO_DEBUG=false make run`, a first try of the
# production settings) the source folders serve too: the manifest storage would otherwise fail
# every page, the error pages included, with a bare "A server error occurred".
_STATIC_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists() or "collectstatic" in sys.argv
WHITENOISE_USE_FINDERS = (
    DEBUG or env.bool("NETWERK_STATIC_FROM_FINDERS", default=False) or not _STATIC_COLLECTED
)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if WHITENOISE_USE_FINDERS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail ----------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Netwerk <no-reply@netwerk.invalid>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- SMS (Kannel) -----------------------------------------------------------------------------

# Kannel's smsbox `sendsms` URL (http://kannel:13013/cgi-bin/sendsms); empty: SMS wait in the
# outbox. docs/operations.md says how to connect Kannel to a provider's SMPP centre.
NETWERK_SMS_GATEWAY_URL = env.str("NETWERK_SMS_GATEWAY_URL", default="")
NETWERK_SMS_GATEWAY_USER = env.str("NETWERK_SMS_GATEWAY_USER", default="netwerk")
NETWERK_SMS_GATEWAY_PASSWORD = env.str("NETWERK_SMS_GATEWAY_PASSWORD", default="")
# bearerbox's admin interface (http://kannel:13000): its store tells whether Kannel still holds
# a message whose send was interrupted (notifications.message_dispatch.reconcile).
NETWERK_SMS_GATEWAY_ADMIN_URL = env.str("NETWERK_SMS_GATEWAY_ADMIN_URL", default="")
NETWERK_SMS_GATEWAY_ADMIN_PASSWORD = env.str("NETWERK_SMS_GATEWAY_ADMIN_PASSWORD", default="")
# The sender people see (at most 11 letters, or a number), as the provider allows it.
NETWERK_SMS_SENDER = env.str("NETWERK_SMS_SENDER", default="Netwerk")
# Where Kannel reaches Netwerk with delivery reports and incoming SMS, and the secret those
# calls carry (the same secret goes into kannel.conf's get-url).
NETWERK_SMS_CALLBACK_URL = env.str("NETWERK_SMS_CALLBACK_URL", default=SITE_URL)
NETWERK_SMS_CALLBACK_SECRET = env.str("NETWERK_SMS_CALLBACK_SECRET", default="")
NETWERK_SMS_BACKEND = env.str("NETWERK_SMS_BACKEND", default="notifications.gateway.KannelGateway")

# --- API ---------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # Anonymous callers: 401/403; staff without the two-factor set-up their organisation
    # requires: 403 (tokens skip the pages' set-up redirect).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "accounts.api_access.TwoFactorSetUp",
        "accounts.api_access.AnalystScope",
    ],
    # JSON only: DRF's browsable API needs a serializer class on every view and answered 500
    # on the hand-written ones when a browser opened them. People read the API's documentation
    # at /api/docs/ (Swagger) and /api/redoc/, which render their own HTML.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # OPTIONS answers 405: DRF's metadata needs a serializer class on every view and would
    # otherwise fail (500) on the API's hand-written views.
    "DEFAULT_METADATA_CLASS": None,
    # 429 with Retry-After past NETWERK_API_RATES (netwerk/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "netwerk.throttling.PerCaller",
        "netwerk.throttling.PerAddress",
    ],
    # The client's address: behind the bundled proxy the last X-Forwarded-For entry (the proxy
    # replaces what a client sent); without a proxy the connection's own address, so that a
    # forged header counts for nothing.
    "NUM_PROXIES": 1 if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False) else 0,
}
NETWERK_API_RATES = {
    "caller": env.str("NETWERK_API_RATE_CALLER", default="600/minute"),
    "address": env.str("NETWERK_API_RATE_ADDRESS", default="1200/minute"),
}
# How often one calendar link may be read (calendars/views.py): calendar apps poll now and then.
NETWERK_CALENDAR_FEED_RATE = env.str("NETWERK_CALENDAR_FEED_RATE", default="120/hour")
SPECTACULAR_SETTINGS = {
    "TITLE": "Netwerk API",
    "DESCRIPTION": "Case management for personal network strengthening.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.IsAuthenticated",
        "accounts.api_access.TwoFactorSetUp",
        "accounts.api_access.AnalystScope",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set that several endpoints share.
    "ENUM_NAME_OVERRIDES": {"WorkModelCodeEnum": "workmodels.models.WorkModel.Code"},
}

# --- Logging -------------------------------------------------------------------------------------

# Logs carry ids, never personal data: the formatters print what code chose to log, and code
# logs object ids and codes only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"strip_query_strings": {"()": "netwerk.errors.StripQueryStringFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request logs repeat paths with their query strings: the filter removes the latter.
        "django.request": {"filters": ["strip_query_strings"]},
        "django.server": {"level": "WARNING", "filters": ["strip_query_strings"]},
    },
}
