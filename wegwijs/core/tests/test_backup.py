"""Backups restore into a fresh database with every row (docs/operations.md, "Backups").

PostgreSQL: ``pg_dump -Fc`` of the test database, ``pg_restore`` into a new
database, row counts of every table compared. SQLite: the online backup API
(what ``sqlite3 db.sqlite3 ".backup …"`` uses) into a new file, the same
comparison, and the restored file serves the application.
"""

import shutil
import sqlite3
import subprocess
import sys
import uuid

import pytest
from django.db import connection

from wegwijs.accounts.constants import Role
from wegwijs.accounts.tests import factories
from wegwijs.core.audit import audit_log
from wegwijs.core.tests.live import live_database, manage  # noqa: F401


def _fill() -> None:
    """Rows in the tables of several apps, next to the reference data of the migrations."""
    for role in Role:
        factories.user(role)
    for n in range(5):
        audit_log(event="test.backup", actor=None, detail={"n": n, "tekst": "Ærø ë"})


def _pg_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_postgresql_dump_restores_every_row(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL run of the suite; SQLite has its own test")
    for tool in ("pg_dump", "pg_restore"):
        assert shutil.which(tool), f"{tool} is missing (apt-get install postgresql-client)"
    _fill()
    s = connection.settings_dict
    conninfo = {
        "host": s["HOST"] or "127.0.0.1",
        "port": str(s["PORT"] or 5432),
        "user": s["USER"],
    }
    env = {"PGPASSWORD": s["PASSWORD"] or "", "PATH": "/usr/bin:/bin"}
    args = ["-h", conninfo["host"], "-p", conninfo["port"], "-U", conninfo["user"]]
    dump = tmp_path / "wegwijs.dump"
    subprocess.run(["pg_dump", "-Fc", *args, "-d", s["NAME"], "-f", str(dump)], env=env, check=True)

    import psycopg

    fresh = f"wegwijs_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres", autocommit=True, password=s["PASSWORD"] or None, **conninfo
    )
    admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(
            ["pg_restore", *args, "--no-owner", "--exit-on-error", "-d", fresh, str(dump)],
            env=env,
            check=True,
        )
        with connection.cursor() as cursor:
            original = _pg_counts(cursor)
        with psycopg.connect(dbname=fresh, password=s["PASSWORD"] or None, **conninfo) as restored:
            copy = _pg_counts(restored.cursor())
    finally:
        admin.execute(f'DROP DATABASE "{fresh}" WITH (FORCE)')
        admin.close()
    assert copy == original
    assert original["accounts_user"] == len(Role)
    assert original["core_auditentry"] >= 5
    assert sum(original.values()) > 100


def _sqlite_counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_every_row(live_database, tmp_path):  # noqa: F811
    if live_database.vendor != "sqlite":
        pytest.skip("runs in the SQLite run of the suite; PostgreSQL has its own test")
    email = live_database.create_user("coordinator")
    manage(
        live_database.env(),
        "shell",
        "-c",
        "from wegwijs.core.audit import audit_log\n"
        "for n in range(5): audit_log(event='test.backup', actor=None, detail={'n': n})",
    )
    backup = tmp_path / "backup.sqlite3"
    # The documented command: Python's sqlite3 backup API, safe while the site runs.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; "
            "src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2]); "
            "src.backup(dst); dst.close(); src.close()",
            str(live_database.sqlite_path),
            str(backup),
        ],
        check=True,
    )
    # Restore = put the copy in place of a fresh database file.
    restored = tmp_path / "restored" / "wegwijs.sqlite3"
    restored.parent.mkdir()
    shutil.copy(backup, restored)
    original = _sqlite_counts(live_database.sqlite_path)
    assert _sqlite_counts(restored) == original
    assert original["accounts_user"] == 1
    assert original["core_auditentry"] >= 5
    # The restored database serves the application: migrations complete, the user is there.
    env = live_database.env(DATABASE_URL=f"sqlite:///{restored}")
    manage(env, "migrate", "--check")
    found = manage(
        env,
        "shell",
        "-c",
        f"from wegwijs.accounts.models import User; print(User.objects.filter(email={email!r}).count())",
    )
    assert found.strip().splitlines()[-1] == "1"
