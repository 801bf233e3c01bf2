"""Soak test: residents submit requests for help while coordinators work.

``make soak`` (or ``python bench/soak.py``) starts Wegwijs under gunicorn the
way ``bench/run.py`` does (same settings, two sync workers, a fresh database
with the Haarlem demo), then runs, at the same time:

- ``--residents`` resident threads (default 20), each submitting
  ``--per-resident`` requests (default 100) through the public form, as a
  browser does: GET the form, POST it with its CSRF token, follow nothing.
  Every submission comes from its own address (``X-Forwarded-For`` behind one
  trusted proxy), so the per-address rate limit stays on and is honest;
- ``--coordinators`` threads (default 2) that keep loading the coordinator's
  inbox and case list until the residents are done.

Afterwards it checks in the database that **exactly** residents times per-resident
requests exist, each question once and each reference once, and that every
submission was answered with the redirect to its receipt. Any error, a
missing or a doubled request fails the run (exit 1). The result table goes to
``bench/results/soak.md``. It measures robustness, not speed: the timings are
for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    DATABASES,
    HOST,
    PROJECT_DIR,
    RESULTS_DIR,
    SETTINGS_MODULE,
    App,
    BenchError,
    Gunicorn,
    git_facts,
    machine_facts,
    say,
)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUESTION = "Soaktest-vraag {resident}-{number}: ik kom er met mijn brief niet uit."
COUNT_SCRIPT = """
from django.db.models import Count
from wegwijs.intake.models import HelpRequest
rows = HelpRequest.objects.filter(question__startswith="Soaktest-vraag ")
doubled = rows.values("question").annotate(n=Count("id")).filter(n__gt=1).count()
print("SOAK_COUNT", rows.count(), rows.values("question").distinct().count(),
      rows.values("reference").distinct().count(), doubled,
      rows.filter(organisation__isnull=True).count())
"""


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    submitted: int = 0
    errors: list[str] = field(default_factory=list)
    submit_ms: list[float] = field(default_factory=list)
    staff_pages: int = 0
    staff_ms: list[float] = field(default_factory=list)

    def error(self, message: str) -> None:
        with self.lock:
            if len(self.errors) < 50:
                self.errors.append(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def _request(
    opener: urllib.request.OpenerDirector,
    url: str,
    *,
    data: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with opener.open(request, timeout=60) as response:
            return int(response.status), response.read().decode(), ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace"), exc.headers.get("Location", "")


def resident(base_url: str, index: int, count: int, tally: Tally) -> None:
    for number in range(count):
        address = f"10.{20 + index // 250}.{index % 250}.{number + 1}"
        headers = {"X-Forwarded-For": address, "Referer": f"{base_url}/hulp-vragen/"}
        opener = _opener()  # a new browser: its own cookies
        started = time.monotonic()
        status, page, _location = _request(opener, f"{base_url}/hulp-vragen/", headers=headers)
        token = CSRF.search(page)
        if status != 200 or token is None:
            tally.error(f"resident {index}-{number}: form answered {status}")
            continue
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "question": QUESTION.format(resident=index, number=number),
            "for_whom": "zelf",
            "preferred_organisation": "geen-voorkeur",
            "language": "nl",
            "contact_channel": "telefoon",
            "phone": "06 12345678",
            "consent": "on",
            "website": "",
        }
        status, page, location = _request(
            opener, f"{base_url}/hulp-vragen/", data=form, headers=headers
        )
        elapsed = (time.monotonic() - started) * 1000
        if status != 302 or "/hulp-vragen/ontvangen/" not in location:
            tally.error(f"resident {index}-{number}: submit answered {status} {location}")
            continue
        with tally.lock:
            tally.submitted += 1
            tally.submit_ms.append(elapsed)


def coordinator(base_url: str, cookie: str, done: threading.Event, tally: Tally) -> None:
    opener = urllib.request.build_opener(NoRedirect)
    pages = ["/aanvragen/", "/kwesties/", "/mijn-organisatie/"]
    turn = 0
    while not done.is_set():
        path = pages[turn % len(pages)]
        turn += 1
        started = time.monotonic()
        status, _page, location = _request(opener, base_url + path, headers={"Cookie": cookie})
        if status != 200:
            tally.error(f"coordinator {path}: {status} {location}")
            time.sleep(0.5)
            continue
        with tally.lock:
            tally.staff_pages += 1
            tally.staff_ms.append((time.monotonic() - started) * 1000)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def soak(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="wegwijs-soak-"))
    database = DATABASES[args.database](workdir)
    env = {
        **dict(__import__("os").environ),
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DEBUG": "false",
        "WEGWIJS_DEMO": "false",
        "WEGWIJS_REQUIRE_MFA": "true",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database.url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": "",
        "WEGWIJS_TRUSTED_PROXIES": "1",
        "PYTHONPATH": str(PROJECT_DIR),
    }
    app = App(env=env, workdir=workdir)
    server = Gunicorn(app)
    expected = args.residents * args.per_resident
    tally = Tally()
    try:
        say(f"{database.vendor} database at {database.url}")
        database.create()
        app.prepare(["coordinator"])
        cookie = app.sessions["coordinator"]["cookie"]
        server.start()
        done = threading.Event()
        staff = [
            threading.Thread(target=coordinator, args=(server.base_url, cookie, done, tally))
            for _ in range(args.coordinators)
        ]
        residents = [
            threading.Thread(
                target=resident, args=(server.base_url, index, args.per_resident, tally)
            )
            for index in range(args.residents)
        ]
        say(
            f"{args.residents} residents submit {args.per_resident} requests each while "
            f"{args.coordinators} coordinators work"
        )
        started = time.monotonic()
        for thread in staff + residents:
            thread.start()
        for thread in residents:
            thread.join()
        seconds = time.monotonic() - started
        done.set()
        for thread in staff:
            thread.join()
        output = app.manage("shell", "-c", COUNT_SCRIPT)
        line = next((x for x in output.splitlines() if x.startswith("SOAK_COUNT")), "")
        stored, questions, references, doubled, unrouted = (int(x) for x in line.split()[1:])
    finally:
        server.stop()
        server_log = server.log()
        try:
            database.drop()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    failures = list(tally.errors)
    if stored != expected:
        failures.append(f"{stored} requests stored, expected exactly {expected}")
    if questions != expected or references != expected or doubled:
        failures.append(
            f"duplicates: {questions} distinct questions, {references} distinct references, "
            f"{doubled} questions stored more than once"
        )
    if tally.submitted != expected:
        failures.append(f"{tally.submitted} of {expected} submissions got their receipt")
    rows = [
        ("requests submitted (receipt redirect)", f"{tally.submitted} of {expected}"),
        ("requests stored", str(stored)),
        ("distinct questions / references", f"{questions} / {references}"),
        ("stored more than once", str(doubled)),
        ("without an organisation (to route again)", str(unrouted)),
        ("duration", f"{seconds:.0f} s ({tally.submitted / seconds:.1f} submissions/s)"),
        (
            "submission (GET form + POST) p50 / p95",
            f"{statistics.median(tally.submit_ms or [0]):.0f} / "
            f"{_percentile(tally.submit_ms, 0.95):.0f} ms",
        ),
        (
            "coordinator pages served, p50 / p95",
            f"{tally.staff_pages}, {statistics.median(tally.staff_ms or [0]):.0f} / "
            f"{_percentile(tally.staff_ms, 0.95):.0f} ms",
        ),
        ("errors", str(len(tally.errors))),
    ]
    machine = machine_facts()
    table = "\n".join(
        [
            f"# Soak test `{args.name}`",
            "",
            f"{dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()} · "
            f"{machine.get('nproc')} CPUs · {database.vendor} · gunicorn 2 sync workers · "
            f"{args.residents} residents, {args.per_resident} requests each, "
            f"{args.coordinators} coordinators · commit {git_facts().get('commit', '')[:10]}",
            "",
            "| measure | value |",
            "|---|---|",
            *[f"| {name} | {value} |" for name, value in rows],
            "",
        ]
    )
    print()
    print(table)
    if failures:
        for failure in failures[:20]:
            print(f"soak: FAILED {failure}", file=sys.stderr)
        print(f"soak: gunicorn log:\n{server_log}", file=sys.stderr)
        return 1
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{args.name}.md").write_text(table)
    (RESULTS_DIR / f"{args.name}.json").write_text(
        json.dumps({"rows": dict(rows), "machine": machine}, indent=2, ensure_ascii=False) + "\n"
    )
    say(f"wrote bench/results/{args.name}.md")
    return 0


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    if len(argv) == 1 and " " in argv[0]:
        argv = argv[0].split()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--database", choices=sorted(DATABASES), default="postgres")
    parser.add_argument("--residents", type=int, default=20)
    parser.add_argument("--per-resident", type=int, default=100)
    parser.add_argument("--coordinators", type=int, default=2)
    parser.add_argument("--name", default="soak")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    try:
        return soak(args)
    except BenchError as exc:
        print(f"soak: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
