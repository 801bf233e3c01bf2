"""Faults, with real processes: the database goes away, Redis stops, SMTP refuses.

The site answers a Dutch 503 page while the database is down and recovers by
itself; with Redis down the work is kept in the outbox and done when Redis is
back; a refusing SMTP server is retried by the worker.
"""

import os
import shutil
import subprocess
import sys
import time

import pytest
import requests

from wegwijs.core.tests.live import (  # noqa: F401
    BASE_DIR,
    AppServer,
    RedisServer,
    TCPProxy,
    app_servers,
    csrf_token,
    live_database,
    login,
    manage,
)
from wegwijs.core.tests.smtp_server import SMTPServer


def _cut_off(database):
    """Return (env, down, up): settings for a server whose database can be taken away."""
    if database.vendor == "postgresql":
        from django.db import connection

        s = connection.settings_dict
        proxy = TCPProxy((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
        url = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@127.0.0.1:{proxy.port}/{s['NAME']}"
        # Persistent connections, as in production: they break and come back.
        return database.env(DATABASE_URL=url, CONN_MAX_AGE="60"), proxy.cut, proxy.restore
    directory = database.sqlite_path.parent
    away = directory.with_name(directory.name + "-away")
    return (
        database.env(CONN_MAX_AGE="0"),
        lambda: directory.rename(away),
        lambda: away.rename(directory),
    )


@pytest.mark.django_db(transaction=True)
def test_database_down_gives_a_dutch_503_and_the_site_recovers(live_database, app_servers):  # noqa: F811
    email = live_database.create_user("coordinator")
    env, down, up = _cut_off(live_database)
    server = AppServer(env)
    app_servers.append(server)
    browser = requests.Session()
    assert login(browser, server.url, email).status_code == 200
    assert browser.get(f"{server.url}/mijn-organisatie/", timeout=10).status_code == 200

    down()
    try:
        for _attempt in range(2):
            page = browser.get(f"{server.url}/mijn-organisatie/", timeout=10)
            assert page.status_code == 503
            assert page.headers["Retry-After"] == "30"
            assert "Wegwijs is even niet bereikbaar" in page.text
            assert '<html lang="nl">' in page.text
            assert "Traceback" not in page.text
            assert "OperationalError" not in page.text
        api = browser.get(f"{server.url}/api/v1/me", timeout=10)
        assert api.status_code == 503
        assert api.headers["Content-Type"] == "application/problem+json"
        assert api.json()["code"] == "unavailable"
        ready = requests.get(f"{server.url}/health/ready", timeout=10)
        assert ready.status_code == 503
        assert ready.json()["checks"]["database"]["ok"] is False
    finally:
        up()

    # No restart: the next requests connect again, the session still holds.
    deadline = time.monotonic() + 10
    while (page := browser.get(f"{server.url}/mijn-organisatie/", timeout=10)).status_code != 200:
        assert time.monotonic() < deadline, page.status_code
        time.sleep(0.2)
    assert email in page.text
    assert requests.get(f"{server.url}/health/ready", timeout=10).status_code == 200


def _pending(env) -> int:
    code = (
        "from wegwijs.core.models import OutboxTask; "
        "print(OutboxTask.objects.filter(sent_at__isnull=True).count())"
    )
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def _request_password_reset(server: AppServer, email: str) -> requests.Response:
    browser = requests.Session()
    token = csrf_token(browser, server.url, "/account/password/reset/")
    return browser.post(
        f"{server.url}/account/password/reset/",
        data={"email": email, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{server.url}/account/password/reset/"},
        timeout=15,
        allow_redirects=False,
    )


def _wait_for(predicate, seconds: float, what) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what()}"
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.redis
def test_work_is_kept_while_redis_is_down_and_done_when_it_returns(
    live_database,  # noqa: F811
    app_servers,  # noqa: F811
    tmp_path,
):
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is missing, and CI requires this test")
        pytest.skip("redis-server is not installed (outside CI only)")
    redis = RedisServer(tmp_path)
    redis.start()
    # The SMTP server refuses its first session: the worker retries it.
    smtp = SMTPServer(refuse=1)
    env = live_database.env(
        REDIS_URL=redis.url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        WEGWIJS_EMAIL_RETRY_SECONDS="1",
    )
    email = live_database.create_user("supporter")
    web = AppServer(env)
    app_servers.append(web)
    worker_log = (tmp_path / "worker.log").open("w")

    def start_worker() -> subprocess.Popen:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )

    worker = start_worker()
    try:
        # Redis up: the mail goes through the queue; the refused try is retried.
        assert _request_password_reset(web, email).status_code == 302
        _wait_for(lambda: len(smtp.state.received) == 1, 60, lambda: "the first mail")
        assert smtp.state.sessions == 2

        # Redis down: the resident's action still succeeds, the work is kept.
        redis.stop()
        assert _request_password_reset(web, email).status_code == 302
        assert _pending(env) == 1
        relay = subprocess.run(
            [sys.executable, "manage.py", "relay_outbox", "--min-age", "0"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert relay.returncode == 1
        assert "De wachtrij is niet bereikbaar" in relay.stderr
        assert _pending(env) == 1
        assert len(smtp.state.received) == 1

        # Redis back: the relay publishes the kept task, the worker sends it.
        redis.start()
        # A worker may exit when its broker goes away (Celery closes the
        # channel and fails); systemd and compose restart it (Restart=always).
        if worker.poll() is not None:
            worker = start_worker()
        assert manage(env, "relay_outbox", "--min-age", "0").strip() == (
            "published 1, not published 0, pending 0"
        )
        _wait_for(
            lambda: len(smtp.state.received) == 2,
            # The worker reconnects to Redis with growing pauses (2, 4, 6 … s).
            120,
            lambda: "the kept mail; worker log:\n" + (tmp_path / "worker.log").read_text()[-3000:],
        )
        kept = smtp.state.received[1]
        assert kept.recipients == [email]
        assert b"/account/password/reset/key/" in kept.data
        assert _pending(env) == 0
    finally:
        worker.terminate()
        worker.wait(timeout=15)
        worker_log.close()
        redis.stop()
        smtp.stop()
