"""The administration commands are contracts for operators and scripts."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from wegwijs.accounts.models import Membership, Municipality, Organisation, User
from wegwijs.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def haarlem():
    run("create_municipality", "haarlem", "--name", "Haarlem")
    return Municipality.objects.get(slug="haarlem")


def test_create_organisation_user_token_then_me(client, haarlem, monkeypatch):
    run(
        "create_organisation",
        "clientenbelang",
        "--name",
        "Cliëntenbelang",
        "--municipality",
        "haarlem",
        "--independent",
    )
    organisation = Organisation.objects.get(slug="clientenbelang")
    assert organisation.is_independent
    assert list(organisation.municipalities.values_list("slug", flat=True)) == ["haarlem"]

    out = run(
        "create_user",
        "Coord@Example.org",
        "--role",
        "coordinator",
        "--organisation",
        "clientenbelang",
        "--password-stdin",
        stdin="Een-lang-wachtwoord-2026\n",
        monkeypatch=monkeypatch,
    )
    assert "coord@example.org" in out
    user = User.objects.get(email="coord@example.org")
    assert user.check_password("Een-lang-wachtwoord-2026")

    key = run("create_api_token", "coord@example.org").strip()
    assert Token.objects.get(user=user).key == key

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json() == {
        "email": "coord@example.org",
        "name": "",
        "role": "coordinator",
        "organisation": "clientenbelang",
        "municipality": None,
        "capabilities": [
            "handle-incoming-referrals",
            "import-registrations",
            "manage-organisation",
            "refer",
            "see-all-organisation-cases",
            "triage-requests",
            "view-own-figures",
            "work-with-clients",
        ],
    }
    events = set(AuditEntry.objects.values_list("event", flat=True))
    assert {"organisation.created", "user.created", "api_token.created"} <= events


def test_new_token_replaces_the_old_one(client, haarlem):
    run("create_user", "beheer@example.org", "--role", "administrator")
    first = run("create_api_token", "beheer@example.org").strip()
    second = run("create_api_token", "beheer@example.org").strip()
    assert first != second
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {first}").status_code == 401
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {second}").json()
    assert me["role"] == "administrator"
    assert me["organisation"] is None


def test_municipality_user(client, haarlem):
    run(
        "create_user", "gemeente@example.org", "--role", "municipality", "--municipality", "haarlem"
    )
    key = run("create_api_token", "gemeente@example.org").strip()
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {key}").json()
    assert (me["role"], me["municipality"], me["organisation"]) == ("municipality", "haarlem", None)
    assert me["capabilities"] == ["view-monitoring"]


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Municipality.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Token.objects.count(),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("create_organisation", "Bad Slug", "--name", "X", "--municipality", "haarlem"),
            "Ongeldige code",
        ),
        (
            ("create_organisation", "nieuw", "--name", "X", "--municipality", "amsterdam"),
            "Onbekende gemeente 'amsterdam'",
        ),
        (
            ("create_organisation", "bestaand", "--name", "X", "--municipality", "haarlem"),
            "bestaat al",
        ),
        (("create_organisation", "leeg", "--name", "  ", "--municipality", "haarlem"), "naam"),
        (("create_user", "a@example.org", "--role", "supporter"), "--organisation"),
        (
            ("create_user", "a@example.org", "--role", "coordinator", "--organisation", "onbekend"),
            "Onbekende organisatie 'onbekend'",
        ),
        (("create_user", "a@example.org", "--role", "municipality"), "--municipality"),
        (
            (
                "create_user",
                "a@example.org",
                "--role",
                "municipality",
                "--municipality",
                "haarlem",
                "--organisation",
                "bestaand",
            ),
            "niet bij een organisatie",
        ),
        (
            (
                "create_user",
                "a@example.org",
                "--role",
                "administrator",
                "--organisation",
                "bestaand",
            ),
            "administrator",
        ),
        (
            (
                "create_user",
                "a@example.org",
                "--role",
                "supporter",
                "--organisation",
                "bestaand",
                "--municipality",
                "haarlem",
            ),
            "niet bij een gemeente",
        ),
        (("create_user", "geen-adres", "--role", "administrator"), "Ongeldig e-mailadres"),
        (
            ("create_user", "Bestaand@Example.org", "--role", "administrator"),
            "bestaat al een account",
        ),
        (("create_api_token", "niemand@example.org"), "Onbekend account"),
        (("create_municipality", "haarlem", "--name", "Haarlem"), "bestaat al"),
    ],
)
def test_bad_input_changes_nothing(haarlem, args, message):
    run("create_organisation", "bestaand", "--name", "Bestaand", "--municipality", "haarlem")
    run("create_user", "bestaand@example.org", "--role", "supporter", "--organisation", "bestaand")
    before = _counts()
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert _counts() == before


def test_weak_password_is_refused_and_nothing_created(haarlem, monkeypatch):
    run("create_organisation", "team", "--name", "Team", "--municipality", "haarlem")
    with pytest.raises(CommandError, match=r"te kort|too short"):
        run(
            "create_user",
            "kort@example.org",
            "--role",
            "supporter",
            "--organisation",
            "team",
            "--password-stdin",
            stdin="kort\n",
            monkeypatch=monkeypatch,
        )
    assert not User.objects.filter(email="kort@example.org").exists()


def test_unknown_role_is_refused_by_the_parser(haarlem):
    with pytest.raises(CommandError, match="invalid choice"):
        run("create_user", "a@example.org", "--role", "koning")
    assert not User.objects.exists()


def test_command_exits_non_zero_with_one_line_on_stderr(tmp_path):
    """Run the real entry point: operators' scripts rely on the exit code and the message."""
    result = subprocess.run(
        [sys.executable, "manage.py", "create_user", "x@example.org", "--role", "supporter"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            # The command must refuse before it writes; an empty database proves it.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        },
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "CommandError: De rol 'supporter' hoort bij een organisatie: geef --organisation."
    )
