"""Settings for every Wegwijs installation.

Values that differ per installation come from the environment through
``config.env``; ``test.py`` and ``production.py`` override what they must.
The defaults give the embedded mode: SQLite, tasks in-process, mail on the
console.
"""

import django_stubs_ext
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

# Lets generic classes such as ModelAdmin[Model] be subscripted at run time.
django_stubs_ext.monkeypatch()

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="wegwijs-insecure-development-key-change-me")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo mode relaxes two-factor authentication and shows a visible banner.
WEGWIJS_DEMO = env.bool("WEGWIJS_DEMO", default=False)
# Two-factor authentication is required for every account unless in demo mode.
WEGWIJS_REQUIRE_MFA = env.bool("WEGWIJS_REQUIRE_MFA", default=not WEGWIJS_DEMO)
# The Haarlem demo (public passwords) may be loaded; production turns this off.
WEGWIJS_ALLOW_DEMO_DATA = env.bool("WEGWIJS_ALLOW_DEMO_DATA", default=True)
# Key of the keyed pseudonym (HMAC) used to count unique residents across
# organisations (DOMAIN.md §5). Never shown, never exported.
WEGWIJS_PSEUDONYM_KEY = env.str(
    "WEGWIJS_PSEUDONYM_KEY", default="wegwijs-insecure-pseudonym-key-change-me"
)

INSTALLED_APPS = [
    "wegwijs.accounts.admin_apps.WegwijsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wegwijs.core",
    "wegwijs.accounts",
    "wegwijs.reference",
    "wegwijs.directory",
    "wegwijs.cases",
    "wegwijs.deadlines",
    "wegwijs.intake",
    "wegwijs.referrals",
    "wegwijs.registrations",
    "wegwijs.monitoring",
    "wegwijs.api",
    "wegwijs.portal",
    "wegwijs.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS only for the public HSDS API (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wegwijs.core.unavailable.DatabaseUnavailableMiddleware",
    "wegwijs.core.context.RequestContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wegwijs.core.i18n.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wegwijs.accounts.middleware.SessionIdleMiddleware",
    "wegwijs.accounts.middleware.RequireTwoFactorMiddleware",
    "wegwijs.core.replica.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wegwijs" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wegwijs.portal.context_processors.wegwijs",
            ],
        },
    },
]

# Deadline reminders go this many working days before the due date.
WEGWIJS_DEADLINE_REMINDER_DAYS: list[int] = env.list(
    "WEGWIJS_DEADLINE_REMINDER_DAYS", cast=int, default=[5, 1]
)
# Days after a referral outside the closed loop (a facility, a warm tip) when the
# supporter is asked whether the client got help.
WEGWIJS_REFERRAL_FOLLOWUP_DAYS = env.int("WEGWIJS_REFERRAL_FOLLOWUP_DAYS", default=14)
# Seconds a rendered monitoring dashboard is reused. Rollup figures show at once
# after a recomputation (the key holds their stamp); what is counted live
# (deadlines, reachability, referrals, survey) may be this old. 0 turns it off.
WEGWIJS_DASHBOARD_CACHE_SECONDS = env.int("WEGWIJS_DASHBOARD_CACHE_SECONDS", default=60)
# The public address of this installation, for links in e-mail.
WEGWIJS_BASE_URL = env.str("WEGWIJS_BASE_URL", default="")

# --- Database ---------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: without them every request pays a new PostgreSQL
# connection (5.5x slower on the measured page, see DESIGN.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A read replica for monitoring's reads (wegwijs.core.replica); off until set.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["wegwijs.core.replica.ReplicaRouter"]
# GET requests under these paths read from the replica (ReplicaReadsMiddleware).
WEGWIJS_REPLICA_READ_PATHS: list[str] = env.list(
    "WEGWIJS_REPLICA_READ_PATHS", default=["/monitoring/", "/api/v1/monitoring/"]
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks -------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # Answers as an empty cache while Redis is down (wegwijs.core.cache).
            "BACKEND": "wegwijs.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions live in the database, read through the cache only when the cache
# is shared (Redis): with a cache per process, a session ended on one app
# server would live on in another.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# Sessions end after half an hour without activity and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# Renew the expiry at most once a minute instead of writing on every request
# (wegwijs.accounts.middleware.SessionIdleMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker the queue runs in-process: the embedded default.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Give up quickly when Redis is down: the outbox keeps the work until the
# relay publishes it (wegwijs.core.outbox).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
CELERY_TIMEZONE = "Europe/Amsterdam"
# Periodic jobs for `celery -A config beat` in production.
CELERY_BEAT_SCHEDULE = {
    # Monitoring rollups: dirty months every five minutes, in case a refresh was lost.
    "monitoring-refresh": {
        "task": "wegwijs.monitoring.refresh",
        "schedule": 300.0,
    },
    "deadline-reminders": {
        "task": "wegwijs.deadlines.send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Sociale kaart: entries not checked for a year are flagged, coordinators reminded once.
    "directory-stale-entries": {
        "task": "wegwijs.directory.flag_stale_entries",
        "schedule": crontab(hour=6, minute=30),
    },
    # Referral follow-ups; each is sent once, so twice a day is safe.
    "referral-followups": {
        "task": "wegwijs.referrals.send_followups",
        "schedule": crontab(hour="7,13", minute=15),
    },
    # Residents' requests without an organisation or with unsent mail; erase old personal data.
    "intake-retry-pending": {
        "task": "wegwijs.intake.retry_pending",
        "schedule": 600.0,
    },
    # Tasks stored while Redis was down (transactional outbox).
    "relay-outbox": {
        "task": "wegwijs.core.relay_outbox",
        "schedule": 60.0,
    },
    # Retention periods per record type (DOMAIN.md §5), at night.
    "apply-retention": {
        "task": "wegwijs.reference.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- Authentication ---------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "wegwijs.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:public-home"

ACCOUNT_ADAPTER = "wegwijs.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Wegwijs] "
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = (
    "allauth.account.forms.EmailAwarePasswordResetTokenGenerator"
)
# Lockout: after this many failed logins for one e-mail address within the
# window, the account is locked for the rest of the window.
WEGWIJS_LOCKOUT_FAILURES = env.int("WEGWIJS_LOCKOUT_FAILURES", default=5)
WEGWIJS_LOCKOUT_MINUTES = env.int("WEGWIJS_LOCKOUT_MINUTES", default=15)
ACCOUNT_RATE_LIMITS = {
    # Every login attempt per client address (429 page), besides the lockout.
    "login": "30/m/ip",
    "login_failed": (f"20/m/ip,{WEGWIJS_LOCKOUT_FAILURES}/{WEGWIJS_LOCKOUT_MINUTES * 60}s/key"),
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Wegwijs"
MFA_RECOVERY_CODE_COUNT = 10

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files (registration imports, removed once processed).
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STATICFILES_DIRS = [BASE_DIR / "wegwijs" / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Mail -------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Every message is stored in the outbox with the change that caused it and
# sent by a task that retries while the SMTP server fails (wegwijs.core.mail).
WEGWIJS_EMAIL_DELIVERY_BACKEND: str = vars()["EMAIL_BACKEND"]
EMAIL_BACKEND = "wegwijs.core.mail.QueuedEmailBackend"
# Seconds before the first retry of a failed delivery; doubled each time.
WEGWIJS_EMAIL_RETRY_SECONDS = env.int("WEGWIJS_EMAIL_RETRY_SECONDS", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Wegwijs <noreply@wegwijs.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- API --------------------------------------------------------------------

# The public Open Referral HSDS API (/api/hsds/) may be read from any web page;
# nothing else answers cross-origin requests.
CORS_URLS_REGEX = r"^/api/hsds/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
# HSDS addresses need a province (address.state_province); one per installation.
WEGWIJS_PROVINCE = env.str("WEGWIJS_PROVINCE", default="")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "wegwijs.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wegwijs.api.exception_handlers.problem_details_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
    # OPTIONS answers 405: DRF's metadata would build serializers of views
    # that have none (a 500 found by schemathesis). CORS preflights are
    # answered by the CORS middleware before any view.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_THROTTLE_CLASSES": [
        "wegwijs.api.throttling.AnonymousRateThrottle",
        "wegwijs.api.throttling.TokenRateThrottle",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wegwijs API",
    "DESCRIPTION": (
        "REST API of Wegwijs, open-source software for municipal client support "
        "(cliëntondersteuning, Wmo 2015). Authenticate with `Authorization: Token <key>`. "
        "Errors are RFC 9457 problem details (`application/problem+json`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set that several fields use.
    "ENUM_NAME_OVERRIDES": {
        "SharingEnum": "wegwijs.referrals.constants.Sharing",
        "RequestStatusEnum": "wegwijs.intake.constants.RequestStatus",
    },
}

# --- Security ---------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No script reads the CSRF cookie: forms carry the token.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Nothing inline, nothing from elsewhere: every script and style is a file
# served by this site (docs/decisions/0004-security-hardening.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Reverse proxies in front of the app whose X-Forwarded-For may be trusted;
# rate limits per address count the client, not the proxy.
WEGWIJS_TRUSTED_PROXIES = env.int("WEGWIJS_TRUSTED_PROXIES", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = WEGWIJS_TRUSTED_PROXIES
# API rate limits (DRF throttling, counted in the cache): per client address
# for anonymous calls, per token (or session user) for authenticated ones.
WEGWIJS_API_RATES = {
    "anonymous": env.str("WEGWIJS_API_RATE_ANONYMOUS", default="60/minute"),
    "token": env.str("WEGWIJS_API_RATE_TOKEN", default="1200/minute"),
}
REST_FRAMEWORK["NUM_PROXIES"] = WEGWIJS_TRUSTED_PROXIES or None

# --- Logging ----------------------------------------------------------------

# LOG_FORMAT=json (production's default) writes one JSON object per line.
# Every handler masks e-mail addresses, phone numbers, postcodes and query
# strings first (wegwijs.core.log.PersonalDataFilter).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "wegwijs.core.log.PersonalDataFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
