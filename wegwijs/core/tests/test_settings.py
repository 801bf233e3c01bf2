"""Production settings refuse weak secrets and pass Django's deployment checks."""

import os
import subprocess
import sys

STRONG = {
    "SECRET_KEY": "Xy7!pQ2#rT9@wL4$zN8%vB1^mC6&hJ3*fD5(gS0)kE2-aU7+oI4=yR6~tW8",
    "WEGWIJS_PSEUDONYM_KEY": "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7",
    "ALLOWED_HOSTS": "wegwijs.example.org",
    "DATABASE_URL": "sqlite:////tmp/wegwijs-deploy-check.sqlite3",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in STRONG and k != "WEGWIJS_DEMO"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        check=False,
    )


def test_check_deploy_passes_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **STRONG)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_real_secret():
    env = {k: v for k, v in STRONG.items() if k != "SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr

    result = manage("check", **{**env, "SECRET_KEY": "wegwijs-insecure-development-key-change-me"})
    assert result.returncode != 0


def test_refuses_to_start_without_a_pseudonym_key():
    env = {k: v for k, v in STRONG.items() if k != "WEGWIJS_PSEUDONYM_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "WEGWIJS_PSEUDONYM_KEY" in result.stderr


def test_demo_data_cannot_be_loaded_in_production():
    result = manage("load_demo", **STRONG)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "CommandError: De demo kan niet worden geladen met productie-instellingen: "
        "het wachtwoord is openbaar."
    )


def test_refuses_demo_mode():
    result = manage("check", **STRONG, WEGWIJS_DEMO="true")
    assert result.returncode != 0
    assert "WEGWIJS_DEMO" in result.stderr
