"""The deployment recipes (deploy/, docs/operations.md) are parsed and checked against the code.

The images cannot be pulled here, so nothing is built; what can drift is
checked: the files parse, every command and setting they name exists, and
gunicorn accepts its configuration.
"""

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
OPERATIONS = ROOT / "docs" / "operations.md"
INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
    "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
}  # fmt: skip


def _environment_read_by_settings() -> set[str]:
    """Every variable name the settings (through config.env) or gunicorn read."""
    names: set[str] = {"DJANGO_SETTINGS_MODULE"}
    for path in [*(ROOT / "config").rglob("*.py")]:
        text = path.read_text()
        names |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', text))
        names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', text))
    return names


def _instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", text)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def test_containerfile_is_valid_and_runs_the_production_settings():
    steps = _instructions((DEPLOY / "Containerfile").read_text())
    assert {keyword for keyword, _ in steps} <= INSTRUCTIONS
    assert steps[0][0] == "FROM"
    assert ("ENV", "") not in steps
    env = " ".join(rest for keyword, rest in steps if keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in env
    # Every file copied from the repository exists.
    for keyword, rest in steps:
        if keyword == "COPY" and not rest.startswith("--from"):
            *sources, _target = shlex.split(rest)
            for source in sources:
                assert (ROOT / source).exists() or source == ".", source
    users = [rest for keyword, rest in steps if keyword == "USER"]
    assert users
    assert users[-1] not in {"root", "0"}
    command = json.loads(next(rest for keyword, rest in reversed(steps) if keyword == "CMD"))
    assert command == ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    assert (ROOT / "config" / "gunicorn.py").is_file()
    assert ".venv" in (ROOT / ".dockerignore").read_text().split()


def test_compose_runs_web_worker_one_scheduler_postgresql_and_redis():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "migrate", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("docker.io/library/postgres:")
    assert "--appendonly" in services["redis"]["command"]
    assert services["web"]["command"] == ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert "replicas" not in services["beat"].get("deploy", {})
    assert services["migrate"]["command"][1:3] == ["manage.py", "migrate"]
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["build"]["dockerfile"] == "deploy/Containerfile"
        assert set(services[name]["environment"]) <= _environment_read_by_settings()
    assert (
        DEPLOY / services["web"]["env_file"].replace("wegwijs.env", "wegwijs.env.example")
    ).is_file()


def test_environment_example_names_only_settings_that_exist():
    known = _environment_read_by_settings()
    names = []
    for line in (DEPLOY / "wegwijs.env.example").read_text().splitlines():
        line = line.lstrip("# ").strip()
        if re.match(r"^[A-Z0-9_]+=", line):
            names.append(line.split("=", 1)[0])
    assert {"SECRET_KEY", "WEGWIJS_PSEUDONYM_KEY", "DATABASE_URL", "REDIS_URL"} <= set(names)
    assert set(names) <= known, set(names) - known


def test_systemd_units_start_the_three_processes():
    expected = {
        "wegwijs-web.service": ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        "wegwijs-worker.service": ["celery", "-A", "config", "worker"],
        "wegwijs-beat.service": ["celery", "-A", "config", "beat"],
    }
    for name, command in expected.items():
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.optionxform = str  # type: ignore[assignment,method-assign]
        unit.read_string((DEPLOY / "systemd" / name).read_text())
        assert set(unit.sections()) == {"Unit", "Service", "Install"}
        service = unit["Service"]
        argv = shlex.split(service["ExecStart"])
        assert Path(argv[0]).name == command[0]
        assert argv[1 : len(command)] == command[1:]
        assert service["User"] == "wegwijs"
        assert service["EnvironmentFile"] == "/etc/wegwijs/wegwijs.env"
        assert service["Restart"] == "always"
        assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_gunicorn_accepts_its_configuration():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--check-config",
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_operations_guide_names_real_commands_and_files():
    text = OPERATIONS.read_text()
    commands = set(get_commands())
    blocks = re.findall(r"```(?:sh|console|bash)\n(.*?)```", text, flags=re.DOTALL)
    used = set()
    for block in blocks:
        used |= set(re.findall(r"manage\.py ([a-z_]+)", block))
    assert {"migrate", "apply_retention", "relay_outbox", "collectstatic"} <= used
    assert used <= commands, used - commands
    for path in re.findall(r"`((?:deploy|config|docs)/[\w./-]+)`", text):
        assert (ROOT / path).exists(), path
    for heading in ("## Backups", "## Faults", "## Scale out", "## Retention", "## Logging"):
        assert heading in text
