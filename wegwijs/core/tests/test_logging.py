"""Production logs are JSON lines without personal data."""

import json
import os
import subprocess
import sys

from wegwijs.core.tests.test_settings import STRONG

SCRIPT = r"""
import logging
import django
django.setup()
from django.conf import settings
from django.test import Client, RequestFactory
from django.test.utils import override_settings

# Static files are not collected for this test: no manifest to look up.
override_settings(
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
).enable()

# A real request whose session cannot be read: the database has no tables.
# Django logs the failure with the request; the query string is full of
# personal data.
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "a" * 32
response = client.get(
    "/kwesties/?zoek=jan.jansen@example.org&telefoon=06-12345678&postcode=2011AB"
)
print("status", response.status_code, response.get("Location"), flush=True)

# What a careless log line of a service could contain.
request = RequestFactory().get("/aanvraag/?email=jan.jansen@example.org")
try:
    raise ValueError("Geen cliënt met e-mail jan.jansen@example.org, postcode 2011 AB")
except ValueError:
    logging.getLogger("wegwijs.intake").error(
        "Aanvraag van %s (tel. %s, %s) via %s",
        "jan.jansen@example.org",
        "+31 6 1234 5678",
        "2011 AB",
        "https://wegwijs.nl/aanvraag/?naam=Jan+Jansen",
        exc_info=True,
        extra={"request": request, "contact": {"email": "jan.jansen@example.org"}},
    )
"""

PERSONAL = [
    "jan.jansen",
    "example.org",
    "06-12345678",
    "+31 6 1234 5678",
    "2011AB",
    "2011 AB",
    "Jan+Jansen",
    "zoek=",
]


def test_production_logs_are_json_without_personal_data(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in STRONG and k != "LOG_FORMAT"},
        **STRONG,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "status 503" in result.stdout
    # Python's own warnings (not logging) are plain text; every log record is JSON.
    lines = [line for line in result.stderr.splitlines() if line.startswith("{")]
    records = [json.loads(line) for line in lines]
    assert {"time", "level", "logger", "message"} <= set(records[0])
    by_logger = {record["logger"]: record for record in records}
    assert by_logger["wegwijs.core.unavailable"]["path"] == "/kwesties/"
    assert by_logger["django.request"]["request"] == "/kwesties/"
    service = by_logger["wegwijs.intake"]
    assert service["message"] == (
        "Aanvraag van [e-mail] (tel. [telefoon], [postcode]) via "
        "https://wegwijs.nl/aanvraag/?[weggelaten]"
    )
    assert "ValueError" in service["exc_info"]
    assert service["contact"] == {"email": "[e-mail]"}
    for text in PERSONAL:
        assert text not in result.stderr, text
