"""Real processes for the operations tests: gunicorn app servers, a Redis server,
a TCP proxy that can cut the database off, and a database they all share.

On PostgreSQL the processes use pytest's test database (the tests are
transactional, so what the processes write is visible and cleaned up). On
SQLite they share a migrated database file.
"""

import contextlib
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET = "live-test-secret-key-" + "x7Qp2Lm9Zr4Tv8Kw1Ny6Bs3Hd5Fg0Jc"
PASSWORD = "Geheim-wachtwoord-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def base_env(database_url: str, **extra: str) -> dict[str, str]:
    """Environment of a Wegwijs process started by a test (embedded settings, no MFA)."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "REDIS", "EMAIL"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "WEGWIJS_REQUIRE_MFA": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(BASE_DIR),
        **extra,
    }


def manage(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


_SQLITE_TEMPLATE: dict[str, Path] = {}


@dataclass
class LiveDatabase:
    url: str
    vendor: str
    sqlite_path: Path | None = None

    def env(self, **extra: str) -> dict[str, str]:
        return base_env(self.url, **extra)

    def create_user(self, role: str = "coordinator") -> str:
        """A user with ``PASSWORD``, made by a separate process; returns the e-mail address."""
        # Unique names: the factories' counters start again in every process.
        tag = uuid.uuid4().hex[:8]
        code = (
            "from wegwijs.accounts.tests import factories; "
            f"org = factories.organisation('live-{tag}') if {role!r} in ('supporter', 'coordinator') else None; "
            f"u = factories.user({role!r}, email='{role}-{tag}@example.org', "
            f"organisation_slug=org.slug if org else None, password={PASSWORD!r}); print(u.email)"
        )
        return manage(self.env(), "shell", "-c", code).strip().splitlines()[-1]


@pytest.fixture
def live_database(request, tmp_path_factory) -> LiveDatabase:
    if connection.vendor == "postgresql":
        request.getfixturevalue("transactional_db")
        s = connection.settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        return LiveDatabase(url=url, vendor="postgresql")
    if "path" not in _SQLITE_TEMPLATE:
        template = tmp_path_factory.mktemp("live-db-template") / "wegwijs.sqlite3"
        manage(base_env(f"sqlite:///{template}"), "migrate", "--no-input", "-v0")
        _SQLITE_TEMPLATE["path"] = template
    directory = tmp_path_factory.mktemp("live-db")
    path = directory / "wegwijs.sqlite3"
    shutil.copy(_SQLITE_TEMPLATE["path"], path)
    return LiveDatabase(url=f"sqlite:///{path}", vendor="sqlite", sqlite_path=path)


class AppServer:
    """One gunicorn process serving Wegwijs on a free local port."""

    def __init__(self, env: dict[str, str], *, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.output()}")
            try:
                if requests.get(f"{self.url}/health/live", timeout=10).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start in 30 s")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output()

    def output(self) -> str:
        if self.process.stdout is None or self.process.poll() is None:
            return ""
        return self.process.stdout.read()


@pytest.fixture
def app_servers() -> Iterator[list[AppServer]]:
    """Start app servers with ``app_servers.append(AppServer(env))``; all stop at the end."""
    servers: list[AppServer] = []
    yield servers
    for server in servers:
        server.stop()


def login(session: requests.Session, base_url: str, email: str) -> requests.Response:
    """Log in through the real login form."""
    page = session.get(f"{base_url}/account/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return session.post(
        f"{base_url}/account/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base_url}/account/login/"},
        timeout=10,
    )


def csrf_token(session: requests.Session, base_url: str, path: str) -> str:
    page = session.get(f"{base_url}{path}", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return token.group(1)


class TCPProxy:
    """Forward a local port to a target; ``cut()`` closes every connection and the port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            if self._listener is not None:
                # shutdown() wakes the thread blocked in accept(); close() alone
                # would leave the port listening on Linux.
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            for sock in self._connections:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                readable, _w, _x = select.select([a, b], [], [], 1.0)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in (a, b):
                with contextlib.suppress(OSError):
                    sock.close()


class RedisServer:
    """A private redis-server on its own port (never the shared one on 6379)."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.binary = shutil.which("redis-server")
        self.port = port or free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self.binary
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        """Stop the server the way an outage does: the port closes."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
