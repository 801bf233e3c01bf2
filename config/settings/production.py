"""Production settings: refuse to start without real secrets; secure by default.

Two-factor authentication is always required here; demo mode is refused.
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
WEGWIJS_PSEUDONYM_KEY = env.str("WEGWIJS_PSEUDONYM_KEY", default="")
if len(WEGWIJS_PSEUDONYM_KEY) < 32 or "insecure" in WEGWIJS_PSEUDONYM_KEY:
    raise ImproperlyConfigured(
        "WEGWIJS_PSEUDONYM_KEY must be set to a random value of at least 32 characters "
        "in production."
    )
if env.bool("WEGWIJS_DEMO", default=False):
    raise ImproperlyConfigured("WEGWIJS_DEMO cannot be enabled with production settings.")
WEGWIJS_DEMO = False
WEGWIJS_ALLOW_DEMO_DATA = False
WEGWIJS_REQUIRE_MFA = True

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Structured logs: one JSON object per line, personal data masked.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # type: ignore[index]  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
