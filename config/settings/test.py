"""Settings for the test suite: fast hashing, in-memory mail, tasks in-process.

``DATABASE_URL`` still decides the database, so the same suite runs on
SQLite and on PostgreSQL.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
WEGWIJS_DEMO = False
WEGWIJS_REQUIRE_MFA = False
WEGWIJS_PSEUDONYM_KEY = "test-pseudonym-key"
SECRET_KEY = "test-secret-key-not-for-production"
LANGUAGE_CODE = "nl"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK}
# The suite shares one cache: API rate limits are tested with their own low rates.
WEGWIJS_API_RATES = {"anonymous": "100000/minute", "token": "100000/minute"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A second alias on the same database, for the read-replica router's test
# (wegwijs/core/tests/test_replica.py turns the router on).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_ROUTERS = []
