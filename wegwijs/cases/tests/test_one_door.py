"""Client data has one door (cases/access.py); the admin shows none of it."""

import re
from pathlib import Path

from django.contrib import admin

from wegwijs.cases.models import Appointment, Case, Client, Consent, ContactMoment

ROOT = Path(__file__).resolve().parents[3] / "wegwijs"
DIRECT = re.compile(r"\b(Client|Case|ContactMoment|Appointment|Consent)\.objects\b")
# Modules that may query client models directly: the door itself and the writers behind it.
# Bulk loaders of invented data write rows directly, for speed; they read nothing back.
ALLOWED = {
    "cases/access.py",
    "cases/bulk.py",
    "cases/services.py",
    "cases/retention.py",
    "cases/management/commands/generate_scale_data.py",
    "demo/cases_data.py",
}


def test_no_module_reaches_client_data_around_the_door():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in relative or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if DIRECT.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "use wegwijs.cases.access instead:\n" + "\n".join(offenders)


def test_client_data_is_not_in_the_admin():
    for model in (Client, Case, ContactMoment, Appointment, Consent):
        assert not admin.site.is_registered(model), model
