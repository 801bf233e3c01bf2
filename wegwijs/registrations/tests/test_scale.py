"""Batching and bounded memory of the import.

The memory test imports a generated file of 200,000 rows and measures the
peak of Python allocations with tracemalloc; it prints the number (run with
``-s`` to see it). It asserts a bound far below what holding the rows as
objects would take, not a wall time.
"""

import random
import tracemalloc
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wegwijs.cases.models import Case, ContactMoment
from wegwijs.registrations.tests.conftest import HEADER

pytestmark = pytest.mark.django_db

TOPICS = ["financien", "wonen-opvang", "zorg-gezondheid", "werk-inkomen", "overig"]
CHANNELS = ["telefoon", "email", "huisbezoek", "locatie"]
ACTIVITIES = ["informatie-advies", "vraagverheldering", "meedenken", ""]
GROUPS = ["", "ouderen", "ouderen|mantelzorger", "schulden"]
AREAS = ["", "schalkwijk", "centrum", "noord"]


def generate(path: Path, rows: int, *, seed: int = 1, prefix: str = "") -> int:
    """Write ``rows`` rows, about three contact moments per case, two cases per client."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + "\r\n")
        case_number = 0
        while written < rows:
            case_number += 1
            client = case_number // 2
            opened = start + timedelta(days=rng.randrange(600))
            closed = opened + timedelta(days=rng.randrange(1, 60)) if case_number % 3 else None
            # Client-level values follow the client, so every row agrees.
            groups = GROUPS[client % len(GROUPS)]
            area = AREAS[client % len(AREAS)]
            topic = rng.choice(TOPICS)
            for _ in range(min(rng.randrange(1, 6), rows - written)):
                contact = opened + timedelta(days=rng.randrange(30))
                handle.write(
                    ",".join(
                        [
                            f"{prefix}CL-{client:07d}",
                            f"{prefix}KW-{case_number:07d}",
                            topic,
                            opened.isoformat(),
                            closed.isoformat() if closed else "",
                            contact.isoformat(),
                            rng.choice(CHANNELS),
                            rng.choice(ACTIVITIES),
                            str(rng.randrange(5, 120)),
                            groups,
                            area,
                            "opgelost" if closed else "",
                        ]
                    )
                    + "\r\n"
                )
                written += 1
    return written


def import_file(path: Path, slug: str) -> str:
    out = StringIO()
    call_command(
        "import_registrations", str(path), "--organisation", slug, "--no-progress", stdout=out
    )
    return out.getvalue()


def test_the_number_of_queries_does_not_grow_with_the_rows(organisation, tmp_path):
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    generate(small, 40, seed=2, prefix="S")
    generate(large, 400, seed=3, prefix="L")
    with CaptureQueriesContext(connection) as small_queries:
        import_file(small, organisation.slug)
    with CaptureQueriesContext(connection) as large_queries:
        import_file(large, organisation.slug)
    assert ContactMoment.objects.count() == 440
    assert len(large_queries) <= len(small_queries) + 2, (len(small_queries), len(large_queries))
    # A re-import (everything exists) is batched too.
    with CaptureQueriesContext(connection) as again:
        import_file(large, organisation.slug)
    assert len(again) <= len(small_queries) + 2
    print(
        f"\nqueries: 40 rows {len(small_queries)}, 400 rows {len(large_queries)}, re-import {len(again)}"
    )


def test_a_large_file_imports_in_bounded_memory(organisation, tmp_path):
    path = tmp_path / "groot.csv"
    rows = generate(path, 200_000)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        out = import_file(path, organisation.slug)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"Geïmporteerd: {rows} regels" in out
    assert ContactMoment.objects.filter(organisation=organisation).count() == rows
    cases = Case.objects.filter(organisation=organisation).count()
    print(
        f"\n{rows} rows, {size / 1e6:.1f} MB, {cases} cases: peak traced memory {peak / 1e6:.1f} MB"
    )
    # Holding 200,000 rows as objects takes several hundred MB; the import keeps
    # one packed integer per case and client and one partition of rows at a time.
    assert peak < 40_000_000  # measured: 14.4 MB for 200,000 rows (22 MB of CSV)
