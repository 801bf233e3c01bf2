"""Benchmark harness behind ``make bench``.

Prepares a fresh database (SQLite in a temporary directory, or the PostgreSQL
database ``wegwijs_bench``), loads the demo data, starts gunicorn with two
sync workers on 127.0.0.1, loads each scenario with wrk and writes
``bench/results/<name>.json`` and ``.md``. Every scenario is reported as a
ratio against the ``floor`` scenario of the same run (DESIGN.md, "Performance
notes"). See bench/README.md.

    .venv/bin/python bench/run.py [--database sqlite|postgres] [--duration 10]
        [--connections 16] [--threads 2] [--name foundation] [--scenario NAME ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import secrets
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"
LOGIN_SCRIPT = BENCH_DIR / "login.py"

SETTINGS_MODULE = "config.settings.base"
HOST = "127.0.0.1"
GUNICORN_WORKERS = 2
POSTGRES_SERVER_URL = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "wegwijs_bench"
WRK_TIMEOUT_SECONDS = 5
FLOOR_DRIFT_WARNING = 0.15


# --- Scenarios ----------------------------------------------------------------
# To add a scenario, add one entry. ``role`` logs the request in as the first
# active account with that role (bench/login.py); ``None`` is anonymous. Every
# scenario must answer 2xx: a redirect or an error fails the run.


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    description: str
    role: str | None = None
    # "{case_id}" in path or body becomes an open case of the logged-in supporter.
    method: str = "GET"
    body: str = ""
    # "session" sends the role's session cookie; "token" an API token of that account.
    auth: str = "session"
    # Addresses to spread the load over (each request takes the next, from a
    # random start): measures answers that are not in the cache yet. ``path``
    # is then the first of them, checked before the load.
    variants: Callable[[], list[str]] | None = None


FLOOR = "floor"
# The Redis database --redis uses (and empties at the start).
REDIS_BENCH_URL = "redis://127.0.0.1:6379/14"

SEARCH_WORDS = (
    "schulden", "rolstoel", "bezwaar", "mantelzorg", "huur", "toeslag", "uitkering",
    "eenzaam", "rekeningen", "woning", "dakloos", "opvang", "vervoer", "scootmobiel",
    "huishoudelijke", "thuiszorg", "dementie", "jeugd", "opvoeding", "school", "werk",
    "inkomen", "budget", "formulier", "brief", "beroep", "klacht", "taal", "inburgering",
    "hulpmiddelen", "verslaving", "geweld", "relatie", "scheiding", "rouw", "ouderen",
    "beperking", "autisme", "psychisch", "voedselbank",
)  # fmt: skip
SEARCH_LANGUAGES = ("", "tr", "ar", "en", "pl")
SEARCH_PAGES = ("1", "2")  # the second page of results is also asked for
FINDER_TOPICS = (
    "", "financien", "wonen-opvang", "zorg-gezondheid", "bezwaar", "werk-inkomen",
    "jeugd-onderwijs", "huishouden", "vervoer", "mantelzorg",
)  # fmt: skip
FINDER_POSTCODES = ("", "2034AB", "2011AA", "2021CD", "2033EF", "2024GH", "9999ZZ")


def varied_searches() -> list[str]:
    """Every combination of a word, a language and a page: 400 addresses."""
    return [
        f"/zoeken/?q={word}&taal={language}&page={page}"
        for word in SEARCH_WORDS
        for language in SEARCH_LANGUAGES
        for page in SEARCH_PAGES
    ]


def varied_finder_questions() -> list[str]:
    """Topic, postcode, language, for whom and independence: 847 addresses."""
    return [
        f"/wegwijzer/antwoord/?onderwerp={topic}&postcode={postcode}&taal={language}"
        f"&voor={whom}&onafhankelijk={independent}"
        for topic in FINDER_TOPICS
        for postcode in FINDER_POSTCODES
        for language in ("", "tr", "ar")
        for whom in ("zelf", "naaste")
        for independent in ("", "on")
        if language or topic or postcode or independent
    ] + [f"/wegwijzer/antwoord/?onderwerp={topic}" for topic in FINDER_TOPICS if topic]


SCENARIOS: list[Scenario] = [
    Scenario(FLOOR, "/health/live", "bare view, no database: the yardstick"),
    Scenario("ready", "/health/ready", "readiness check: SELECT 1 and the queue"),
    Scenario(
        "home-coordinator",
        "/mijn-organisatie/",
        "coordinator's start page, logged in",
        role="coordinator",
    ),
    Scenario("public-home", "/", "public home page, anonymous"),
    Scenario(
        "search",
        "/zoeken/?q=schulden&taal=tr",
        "sociale kaart search: stemming, synonyms and a filter, anonymous",
    ),
    Scenario(
        "finder",
        "/wegwijzer/antwoord/?onderwerp=financien&postcode=2034AB&taal=tr&onafhankelijk=on",
        "finder's ranked answer with reasons and contact, anonymous",
    ),
    Scenario(
        "search-varied",
        varied_searches()[0],
        "sociale kaart search over 400 different addresses (mostly not cached yet), anonymous",
        variants=varied_searches,
    ),
    Scenario(
        "finder-varied",
        varied_finder_questions()[0],
        "finder's answer over ~800 different questions (mostly not cached yet), anonymous",
        variants=varied_finder_questions,
    ),
    Scenario("case-list", "/kwesties/", "supporter's case list", role="supporter"),
    Scenario(
        "monitoring-summary",
        "/api/v1/monitoring/summary?period=2025-Q4",
        "municipality's suppressed figures of a quarter, from the rollups (API, session)",
        role="municipality",
    ),
    Scenario(
        "dashboard",
        "/monitoring/?period=2025-Q4",
        "municipality's dashboard: key figures, trend, topics per organisation, channels",
        role="municipality",
    ),
    Scenario(
        "case-page",
        "/kwesties/{case_id}/",
        "a case of the supporter's organisation",
        role="supporter",
    ),
    # The web form answers a redirect (302), which the harness counts as a
    # failure, so registering is measured through the API, which answers 201.
    Scenario(
        "contact-register",
        "/api/v1/contact-moments",
        "register a contact moment (API, token)",
        role="supporter",
        method="POST",
        auth="token",
        body='{"case": {case_id}, "channel": "telefoon", "activity": "meedenken", "minutes": 15}',
    ),
]

# Finds what the case scenarios need: an open case of the first active
# supporter (the account bench/login.py logs in: a scale supporter when there
# is scale data) and that account's e-mail.
CASE_LOOKUP = """
from wegwijs.accounts.models import User
from wegwijs.cases.models import Case
from django.db.models import Case as Choose, IntegerField, Value, When
scale_first = Choose(When(email__startswith="scale-supporter-", then=Value(0)), default=Value(1), output_field=IntegerField())
user = User.objects.filter(membership__role="supporter", is_active=True).order_by(scale_first, "pk").first()
case = Case.objects.filter(supporters=user, status="open").order_by("-last_activity_at").first()
print("BENCH_CASE", case.pk if case else "", user.email if user else "")
"""


# --- Small helpers ------------------------------------------------------------


class BenchError(Exception):
    """A failure that ends the run with one clear message."""


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def command_output(args: Sequence[str]) -> str:
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return (result.stdout or result.stderr).strip()


def raise_on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt


# --- wrk ----------------------------------------------------------------------


def ensure_wrk() -> str:
    """Return the path of wrk; install it when running as root, else exit at once."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        raise SystemExit(1)
    say("wrk is missing: installing it with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "wrk"]
    try:
        if subprocess.run(install, env=env, check=False).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, check=True)
            subprocess.run(install, env=env, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BenchError(f"could not install wrk with apt-get: {exc}") from exc
    found = shutil.which("wrk")
    if not found:
        raise BenchError("wrk is still missing after apt-get install wrk")
    return found


def wrk_version(wrk: str) -> str:
    lines = command_output([wrk, "--version"]).splitlines()
    return lines[0].split(" Copyright")[0] if lines else ""


@dataclass
class Measurement:
    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    non_2xx: int
    first_bad_status: int
    socket_errors: dict[str, int]


def parse_wrk(output: str) -> Measurement:
    """Read the BENCH_RESULT line that bench/wrk_report.lua prints."""
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            data = json.loads(line.removeprefix("BENCH_RESULT "))
            break
    else:
        raise BenchError(f"no BENCH_RESULT line in wrk's output:\n{tail(output)}")
    duration_s = data["duration_us"] / 1e6
    errors = {key: int(value) for key, value in data["errors"].items()}
    # wrk's own count ("Non-2xx or 3xx responses") only sees status >= 400;
    # the script's count sees every status outside 2xx. Take the larger.
    non_2xx = max(int(data["non_2xx"]), errors.pop("status"))
    return Measurement(
        requests=int(data["requests"]),
        duration_s=round(duration_s, 3),
        rps=round(data["requests"] / duration_s, 1) if duration_s else 0.0,
        p50_ms=round(data["p50_us"] / 1000, 2),
        p90_ms=round(data["p90_us"] / 1000, 2),
        p95_ms=round(data["p95_us"] / 1000, 2),
        p99_ms=round(data["p99_us"] / 1000, 2),
        max_ms=round(data["max_us"] / 1000, 2),
        mean_ms=round(data["mean_us"] / 1000, 2),
        non_2xx=non_2xx,
        first_bad_status=int(data["first_bad_status"]),
        socket_errors=errors,
    )


def wrk_script(method: str, body: str, workdir: Path | None, paths: Sequence[str] = ()) -> Path:
    """The report script, preceded by the method and body when not a plain GET, and by
    a request function that walks ``paths`` from a random start when there are any."""
    if (method == "GET" and not paths) or workdir is None:
        return WRK_SCRIPT
    prefix = ""
    if method != "GET":
        prefix += f"wrk.method = {json.dumps(method)}\nwrk.body = {json.dumps(body)}\n"
    if paths:
        # Plain ASCII addresses: a JSON string is then a valid Lua string.
        table = ",\n".join(json.dumps(path, ensure_ascii=True) for path in paths)
        start = secrets.randbelow(len(paths))
        prefix += (
            f"local paths = {{\n{table}\n}}\n"
            f"local next_path = {start}\n"
            "function request()\n"
            "  next_path = next_path + 1\n"
            "  return wrk.format(nil, paths[(next_path % #paths) + 1])\n"
            "end\n"
        )
    script = workdir / f"wrk_{method.lower()}_{secrets.token_hex(4)}.lua"
    script.write_text(prefix + WRK_SCRIPT.read_text())
    return script


def run_wrk(
    wrk: str,
    url: str,
    headers: dict[str, str],
    duration: int,
    args: argparse.Namespace,
    *,
    method: str = "GET",
    body: str = "",
    workdir: Path | None = None,
    paths: Sequence[str] = (),
) -> Measurement:
    command = [
        wrk,
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={duration}s",
        f"--timeout={WRK_TIMEOUT_SECONDS}s",
        f"--script={wrk_script(method, body, workdir, paths)}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(url)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 60, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"wrk did not finish within {duration + 60} s: {url}") from exc
    if result.returncode != 0:
        raise BenchError(
            f"wrk failed ({result.returncode}):\n{tail(result.stdout + result.stderr)}"
        )
    return parse_wrk(result.stdout)


# --- Databases ----------------------------------------------------------------


class Database(ABC):
    vendor = ""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir

    @property
    @abstractmethod
    def url(self) -> str:
        """The DATABASE_URL of the benchmark database."""

    def settle(self) -> None:  # noqa: B027 (an optional hook; SQLite needs none)
        """Bring the database to rest after loading the data."""

    def create(self) -> None:  # noqa: B027 (an optional hook; SQLite needs none)
        """Start from an empty database."""

    def drop(self) -> None:  # noqa: B027 (an optional hook; SQLite needs none)
        """Remove what create() made."""

    @abstractmethod
    def version(self) -> str:
        """The server's version, for the results."""


class SqliteDatabase(Database):
    vendor = "sqlite"

    @property
    def url(self) -> str:
        return f"sqlite:///{self.workdir / 'bench.sqlite3'}"

    def version(self) -> str:
        return sqlite3.sqlite_version


class PostgresDatabase(Database):
    vendor = "postgresql"

    @property
    def url(self) -> str:
        return f"{POSTGRES_SERVER_URL}/{POSTGRES_DATABASE}"

    def _execute(self, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            with psycopg.connect(f"{POSTGRES_SERVER_URL}/postgres", autocommit=True) as conn:
                cursor = conn.execute(sql.encode())
                return cursor.fetchall() if cursor.description else []
        except psycopg.OperationalError as exc:
            raise BenchError(
                f"PostgreSQL at {POSTGRES_SERVER_URL} is not reachable ({exc}); start it with "
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
            ) from exc

    def create(self) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        self._execute(f"CREATE DATABASE {POSTGRES_DATABASE}")

    def drop(self) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")

    def version(self) -> str:
        return str(self._execute("SHOW server_version")[0][0])

    def settle(self) -> None:
        """VACUUM ANALYZE after the bulk load, so autovacuum does not run during the load."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(b"VACUUM (ANALYZE)")


DATABASES: dict[str, type[Database]] = {"sqlite": SqliteDatabase, "postgres": PostgresDatabase}


# --- The application ----------------------------------------------------------


@dataclass
class App:
    env: dict[str, str]
    workdir: Path
    data: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, dict[str, str]] = field(default_factory=dict)
    scale: list[str] = field(default_factory=list)
    case_id: str = ""
    api_token: str = ""
    rollup_rebuild_s: float | None = None

    def python(self, *args: str, stdin: str | None = None, timeout: int = 1800) -> str:
        """Run the venv's Python with the bench environment; return its standard output."""
        command = [sys.executable, *args]
        result = subprocess.run(
            command,
            cwd=PROJECT_DIR,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise BenchError(
                f"{' '.join(args)} failed ({result.returncode}):\n"
                f"{tail(result.stdout + result.stderr)}"
            )
        return result.stdout

    def manage(self, *args: str, stdin: str | None = None) -> str:
        return self.python("manage.py", *args, stdin=stdin)

    def prepare(
        self, roles: Sequence[str], *, needs_case: bool = False, refresh_monitoring: bool = False
    ) -> None:
        say("migrate")
        self.manage("migrate", "--noinput")
        # The demo first: its monitoring figures are computed as it loads. Scale
        # data comes after, without figures unless --refresh-monitoring asks
        # (a full rebuild at scale takes long, and the case pages need none).
        if "load_demo" in self.manage("help", "--commands").split():
            say("load_demo")
            self.manage("load_demo")
            loader = "load_demo"
        else:
            say("load_demo does not exist yet: creating a minimal organisation and accounts")
            self.create_minimal_data()
            loader = "create_municipality, create_organisation, create_user"
        if self.scale:
            say(f"generate_scale_data {' '.join(self.scale)}")
            started = time.monotonic()
            output = self.python("manage.py", "generate_scale_data", *self.scale, timeout=7200)
            say(f"{tail(output, 2)} ({time.monotonic() - started:.0f} s)")
            loader = f"{loader}, then generate_scale_data {' '.join(self.scale)}"
        if refresh_monitoring:
            say("refresh_monitoring (a full rebuild of the rollups)")
            started = time.monotonic()
            self.python("manage.py", "refresh_monitoring", timeout=7200)
            self.rollup_rebuild_s = round(time.monotonic() - started, 1)
            say(f"rollups rebuilt in {self.rollup_rebuild_s} s")
            loader = f"{loader}, then refresh_monitoring ({self.rollup_rebuild_s} s)"
        report = self.login(roles)
        self.sessions = report["sessions"]
        self.data = {"loader": loader, "rows": report["rows"]}
        if needs_case:
            self.find_case()

    def find_case(self) -> None:
        output = self.manage("shell", "-c", CASE_LOOKUP)
        line = next((x for x in output.splitlines() if x.startswith("BENCH_CASE")), "")
        parts = line.split()
        if len(parts) != 3:
            raise BenchError(
                "the case scenarios need an open case assigned to the first supporter; "
                f"found none:\n{tail(output)}"
            )
        self.case_id, email = parts[1], parts[2]
        self.api_token = self.manage("create_api_token", email).strip().splitlines()[-1]

    def create_minimal_data(self) -> None:
        self.manage("create_municipality", "bench", "--name", "Benchgemeente")
        self.manage(
            "create_organisation", "bench-org", "--name", "Bench-organisatie",
            "--municipality", "bench", "--independent",
        )  # fmt: skip
        password = secrets.token_urlsafe(18)
        for role, scope in (
            ("coordinator", ["--organisation", "bench-org"]),
            ("supporter", ["--organisation", "bench-org"]),
            ("municipality", ["--municipality", "bench"]),
            ("administrator", []),
        ):
            self.manage(
                "create_user", f"{role}@bench.wegwijs.test", "--role", role, *scope,
                "--password-stdin", stdin=password + "\n",
            )  # fmt: skip

    def login(self, roles: Sequence[str]) -> dict[str, Any]:
        arguments = [arg for role in roles for arg in ("--role", role)]
        output = self.python(str(LOGIN_SCRIPT), *arguments)
        for line in output.splitlines():
            if line.startswith("BENCH_LOGIN "):
                report: dict[str, Any] = json.loads(line.removeprefix("BENCH_LOGIN "))
                return report
        raise BenchError(f"bench/login.py printed no BENCH_LOGIN line:\n{tail(output)}")

    def headers(self, scenario: Scenario) -> dict[str, str]:
        if scenario.role is None:
            return {}
        if scenario.auth == "token":
            return {"Authorization": f"Token {self.api_token}", "Content-Type": "application/json"}
        return {"Cookie": self.sessions[scenario.role]["cookie"]}

    def path(self, scenario: Scenario) -> str:
        return scenario.path.replace("{case_id}", self.case_id)

    def body(self, scenario: Scenario) -> str:
        return scenario.body.replace("{case_id}", self.case_id)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(
    url: str, headers: dict[str, str], method: str = "GET", body: str = ""
) -> tuple[int, str]:
    """Request without following redirects; return the status and the Location, if any."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(
        url, headers=headers, method=method, data=body.encode() if body else None
    )
    try:
        with opener.open(request, timeout=10) as response:
            response.read()
            return int(response.status), ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


class CeleryWorker:
    """One Celery worker process on the bench's Redis database (``--redis``).

    Production with PostgreSQL has Redis and workers: work queued by a request
    (a monitoring refresh after a contact moment, an e-mail) is done beside the
    web workers instead of inside the request, on the same two cores.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self.log_path = app.workdir / "celery.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import redis  # the project's dependency; only needed with --redis

        try:
            redis.Redis.from_url(REDIS_BENCH_URL, socket_timeout=3).flushdb()
        except redis.RedisError as exc:
            raise BenchError(
                f"--redis: Redis at {REDIS_BENCH_URL} is not reachable: {exc}"
            ) from exc
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency", "1",
            "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        say("a Celery worker (1 process) on Redis")
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_DIR, env=self.app.env, stdout=log, stderr=log
            )
        time.sleep(3)
        if self.process.poll() is not None:
            raise BenchError(f"the Celery worker exited at start:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        try:
            return tail(self.log_path.read_text(errors="replace"))
        except OSError:
            return ""


class Gunicorn:
    def __init__(self, app: App) -> None:
        self.app = app
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.log_path = app.workdir / "gunicorn.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "-w", str(GUNICORN_WORKERS), "-b", f"{HOST}:{self.port}",
        ]  # fmt: skip
        if "--no-control-socket" in command_output([*command[:3], "--help"]):
            # Recent gunicorn opens a control socket at one fixed path by default;
            # two servers (a bench and a developer's) would fight over it.
            command.append("--no-control-socket")
        say(f"gunicorn with {GUNICORN_WORKERS} sync workers on {self.base_url}")
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_DIR, env=self.app.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited at start:\n{self.log()}")
            try:
                if fetch(f"{self.base_url}/health/live", {})[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /health/live within 60 s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def worker_memory(self) -> dict[str, list[float]]:
        """Resident memory of each worker now and at its peak, in MB (Linux /proc)."""
        if self.process is None:
            return {"rss_mb": [], "peak_mb": []}
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = children.read_text().split()
        except OSError:
            return {"rss_mb": [], "peak_mb": []}
        rss: list[float] = []
        peak: list[float] = []
        for pid in pids:
            try:
                status = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            kilobytes = {
                name: int(value.split()[0])
                for name, _colon, value in (line.partition(":") for line in status)
                if name in ("VmRSS", "VmHWM") and value.split()
            }
            rss.append(round(kilobytes.get("VmRSS", 0) / 1024, 1))
            peak.append(round(kilobytes.get("VmHWM", 0) / 1024, 1))
        return {"rss_mb": rss, "peak_mb": peak}

    def log(self) -> str:
        try:
            return tail(self.log_path.read_text(errors="replace"))
        except OSError:
            return ""


# --- Results ------------------------------------------------------------------


def machine_facts() -> dict[str, Any]:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu_model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_before": [round(load, 2) for load in os.getloadavg()],
    }


def git_facts() -> dict[str, Any]:
    commit = command_output(["git", "-C", str(PROJECT_DIR), "rev-parse", "HEAD"])
    status = command_output(["git", "-C", str(PROJECT_DIR), "status", "--porcelain"])
    return {"commit": commit, "dirty": bool(status)}


def markdown(report: dict[str, Any]) -> str:
    run = report["run"]
    rows = sum(report["data"]["rows"].values())
    lines = [
        f"# Benchmark `{report['name']}`",
        "",
        f"{report['date']} · {report['machine']['nproc']} CPUs · Python "
        f"{report['machine']['python']} · {report['database']['vendor']} "
        f"{report['database']['version']} · gunicorn {run['gunicorn_workers']} sync workers · "
        f"queue: {run.get('queue', 'in-process')} · "
        f"wrk {run['threads']} threads, {run['connections']} connections, "
        f"{run['duration_s']} s per scenario · data: {report['data']['loader']} "
        f"({rows} rows) · commit {report['git']['commit'][:10]}"
        f"{' (dirty)' if report['git']['dirty'] else ''}",
        "",
        "| scenario | path | req/s | ratio to floor | p50 ms | p95 ms | p99 ms | non-2xx |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for s in report["scenarios"]:
        lines.append(
            f"| {s['name']} | `{s['path']}` | {s['rps']:.0f} | {s['ratio']:.2f} | "
            f"{s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['non_2xx']} |"
        )
    check = report["floor_check"]
    memory = report.get("memory") or {}
    if memory.get("rss_mb"):
        lines += [
            "",
            "Memory per gunicorn worker after the run: "
            + ", ".join(f"{mb:.0f} MB" for mb in memory["rss_mb"])
            + " resident (peak "
            + ", ".join(f"{mb:.0f} MB" for mb in memory["peak_mb"])
            + ").",
        ]
    lines += [
        "",
        f"Floor measured again at the end: {check['end_rps']:.0f} req/s "
        f"({check['drift']:+.0%}; above ±{FLOOR_DRIFT_WARNING:.0%} the machine was busy).",
    ]
    return "\n".join(lines) + "\n"


# --- Main ---------------------------------------------------------------------


def select_scenarios(names: Sequence[str]) -> list[Scenario]:
    """The named scenarios in list order, always with the floor first."""
    wanted = {name.strip() for entry in names for name in entry.split(",") if name.strip()}
    known = {scenario.name for scenario in SCENARIOS}
    unknown = sorted(wanted - known)
    if unknown:
        raise BenchError(
            f"unknown scenario {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    floor = [s for s in SCENARIOS if s.name == FLOOR]
    return floor + [s for s in SCENARIOS if s.name != FLOOR and (not wanted or s.name in wanted)]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    # `make bench BENCH_ARGS="..."` may pass all options as one quoted argument.
    if len(argv) == 1 and (not argv[0].strip() or " " in argv[0].strip()):
        argv = shlex.split(argv[0])
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Load-test Wegwijs under gunicorn with wrk; report ratios to the floor.",
    )
    parser.add_argument("--database", choices=sorted(DATABASES), default="sqlite")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured seconds per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--name", default="foundation", help="results file name")
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME",
        help="run only these scenarios (repeatable or comma-separated); floor always runs",
    )
    parser.add_argument(
        "--scale",
        default="",
        metavar="ARGS",
        help="run generate_scale_data with these arguments before the load, e.g. "
        "'--organisations 100 --clients 250000 --contacts 1000000'",
    )
    parser.add_argument(
        "--refresh-monitoring",
        action="store_true",
        help="rebuild all monitoring rollups after loading the data (timed), so the "
        "monitoring scenarios count the scale data too",
    )
    parser.add_argument(
        "--redis",
        action="store_true",
        help=f"production's queue: REDIS_URL={REDIS_BENCH_URL} (flushed first) and one "
        "Celery worker, instead of running queued work inside the request",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory and the database"
    )
    args = parser.parse_args(argv)
    if args.duration < 1 or args.warmup < 0:
        parser.error("--duration must be at least 1 and --warmup at least 0")
    if args.threads < 1 or args.connections < args.threads:
        parser.error("--threads must be at least 1 and --connections at least --threads")
    if not args.name or "/" in args.name or args.name.startswith("."):
        parser.error("--name must be a plain file name")
    return args


def bench(args: argparse.Namespace, wrk: str) -> int:
    scenarios = select_scenarios(args.scenario)
    roles = sorted({s.role for s in scenarios if s.role is not None})
    workdir = Path(tempfile.mkdtemp(prefix="wegwijs-bench-"))
    database = DATABASES[args.database](workdir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DEBUG": "false",
        "WEGWIJS_DEMO": "false",
        "WEGWIJS_REQUIRE_MFA": "true",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database.url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": REDIS_BENCH_URL if args.redis else "",
        "PYTHONPATH": str(PROJECT_DIR),
        # The load comes from one address and one token per role: measure the
        # API, not its rate limits (they still count on every call).
        "WEGWIJS_API_RATE_ANONYMOUS": "100000000/minute",
        "WEGWIJS_API_RATE_TOKEN": "100000000/minute",
    }
    app = App(env=env, workdir=workdir, scale=args.scale.split() if args.scale else [])
    server = Gunicorn(app)
    queue = CeleryWorker(app)
    date = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    machine = machine_facts()
    results: list[dict[str, Any]] = []
    failures: list[str] = []
    try:
        say(f"{database.vendor} database at {database.url}")
        database.create()
        app.prepare(
            roles,
            needs_case=any("{case_id}" in s.path + s.body for s in scenarios),
            refresh_monitoring=args.refresh_monitoring,
        )
        say("settling the database")
        database.settle()
        if args.redis:
            queue.start()
        server.start()
        # Every page must answer 200 (a logged-in page, not a redirect to the
        # login or two-factor page) before any load.
        for scenario in scenarios:
            status, location = fetch(
                server.base_url + app.path(scenario),
                app.headers(scenario),
                scenario.method,
                app.body(scenario),
            )
            if not 200 <= status <= 299:
                raise BenchError(
                    f"{scenario.name}: {scenario.method} {app.path(scenario)} answered {status}"
                    f"{' to ' + location if location else ''}, not 200\n{server.log()}"
                )
        for scenario in scenarios:
            url = server.base_url + app.path(scenario)
            headers = app.headers(scenario)
            method, body = scenario.method, app.body(scenario)
            paths = scenario.variants() if scenario.variants else []
            if args.warmup:
                run_wrk(
                    wrk, url, headers, args.warmup, args,
                    method=method, body=body, workdir=workdir, paths=paths,
                )  # fmt: skip
            say(
                f"{scenario.name}: {args.duration} s on {scenario.method} {app.path(scenario)}"
                + (f" and {len(paths) - 1} more addresses" if paths else "")
            )
            measured = run_wrk(
                wrk, url, headers, args.duration, args,
                method=method, body=body, workdir=workdir, paths=paths,
            )  # fmt: skip
            floor_rps = results[0]["rps"] if results else measured.rps
            results.append(
                {
                    "name": scenario.name,
                    "path": app.path(scenario),
                    "method": scenario.method,
                    "role": scenario.role,
                    "description": scenario.description,
                    **vars(measured),
                    "ratio": round(measured.rps / floor_rps, 3) if floor_rps else 0.0,
                }
            )
            socket_errors = sum(measured.socket_errors.values())
            if not measured.requests:
                failures.append(f"{scenario.name}: no request was answered within the run")
            if measured.non_2xx:
                failures.append(
                    f"{scenario.name}: {measured.non_2xx} of {measured.requests} responses "
                    f"were not 2xx (first: {measured.first_bad_status})"
                )
            if socket_errors:
                failures.append(f"{scenario.name}: socket errors {measured.socket_errors}")
        # The floor again at the end: if it moved, the machine was busy and the
        # ratios are unreliable.
        say(f"{FLOOR} again: {args.duration} s")
        floor_end = run_wrk(wrk, server.base_url + scenarios[0].path, {}, args.duration, args)
        if floor_end.non_2xx or sum(floor_end.socket_errors.values()):
            failures.append(f"{FLOOR} at the end: errors in {floor_end}")
        memory = server.worker_memory()
        database_version = database.version()
    finally:
        server.stop()
        queue.stop()
        server_log = server.log()
        if args.keep:
            say(f"kept {workdir} and the database {database.url}")
        else:
            try:
                database.drop()
            finally:
                shutil.rmtree(workdir, ignore_errors=True)

    report: dict[str, Any] = {
        "name": args.name,
        "date": date,
        "machine": machine,
        "software": {
            "django": package_version("django"),
            "gunicorn": package_version("gunicorn"),
            "wrk": wrk_version(wrk),
        },
        "git": git_facts(),
        "database": {"vendor": database.vendor, "version": database_version},
        "data": app.data,
        "run": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "threads": args.threads,
            "gunicorn_workers": GUNICORN_WORKERS,
            "settings_module": SETTINGS_MODULE,
            "env": {
                "DEBUG": "false",
                "WEGWIJS_REQUIRE_MFA": "true",
                "REDIS_URL": REDIS_BENCH_URL if args.redis else "",
            },
            "queue": "Redis with one Celery worker process" if args.redis else "in-process",
        },
        "scenarios": results,
        "memory": memory,
        "floor_check": {
            "start_rps": results[0]["rps"],
            "end_rps": floor_end.rps,
            "drift": round(floor_end.rps / results[0]["rps"] - 1, 3) if results[0]["rps"] else 0.0,
        },
    }
    table = markdown(report)
    print()
    print(table)
    drift = report["floor_check"]["drift"]
    if abs(drift) > FLOOR_DRIFT_WARNING:
        print(
            f"bench: WARNING the floor moved {drift:+.0%} between start and end: the machine "
            "was busy, so the ratios are unreliable; run again on a quiet machine",
            file=sys.stderr,
        )
    if failures:
        for failure in failures:
            print(f"bench: FAILED {failure}", file=sys.stderr)
        print(f"bench: results not written; gunicorn log:\n{server_log}", file=sys.stderr)
        return 1
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS_DIR / f"{args.name}.json"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (RESULTS_DIR / f"{args.name}.md").write_text(table)
    say(f"wrote {json_path.relative_to(PROJECT_DIR)} and {args.name}.md")
    return 0


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.list:
        for scenario in SCENARIOS:
            print(f"{scenario.name:20} {scenario.path:25} {scenario.description}")
        return 0
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    try:
        wrk = ensure_wrk()
        return bench(args, wrk)
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted; gunicorn stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
