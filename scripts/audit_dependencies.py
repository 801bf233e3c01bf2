"""Audit the locked dependencies for known vulnerabilities (pip-audit, PyPI's advisory data).

Reads the requirements exported from uv.lock on standard input, runs
pip-audit against PyPI's JSON API (the only service it needs) and:

- exits 1 and lists them when a locked package has a known vulnerability;
- exits 0 when none has;
- when PyPI could not answer for the packages (no network, or a mirror
  without the per-version API, as on the project's own CI machine, where
  only the package registries are reachable): says so plainly on standard
  error and exits 0, unless ``WEGWIJS_AUDIT_REQUIRED=true`` demands the audit
  (set it where PyPI's advisory API is reachable, as a release pipeline
  should).

Usage: ``uv export --frozen --no-hashes --no-emit-project | python scripts/audit_dependencies.py``
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    requirements = sys.stdin.read()
    if not requirements.strip():
        print("audit: no requirements on standard input", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "requirements.txt"
        path.write_text(requirements)
        result = subprocess.run(  # noqa: S603 - a fixed command on a file of our own
            [
                str(Path(sys.executable).with_name("pip-audit")),
                "--requirement",
                str(path),
                # Every version is pinned by uv.lock: no resolution, no pip.
                "--disable-pip",
                "--no-deps",
                "--vulnerability-service",
                "pypi",
                "--format",
                "json",
                "--progress-spinner",
                "off",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"audit: pip-audit failed:\n{result.stderr}", file=sys.stderr)
        return 1

    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d["vulns"]]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln["fix_versions"]) or "no fixed version yet"
            print(
                f"audit: {dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {fixes})",
                file=sys.stderr,
            )
    if vulnerable:
        print(
            f"audit: {len(vulnerable)} locked package(s) with known vulnerabilities; "
            "upgrade them in uv.lock",
            file=sys.stderr,
        )
        return 1

    skipped = len(dependencies) - len(audited)
    if not audited:
        message = (
            f"audit: PyPI could not answer for any of the {len(dependencies)} locked packages "
            "(no network, or an index without PyPI's per-version JSON API): not audited"
        )
        if os.environ.get("WEGWIJS_AUDIT_REQUIRED") == "true":
            print(message + ", and WEGWIJS_AUDIT_REQUIRED=true demands it", file=sys.stderr)
            return 1
        print(
            message + "; set WEGWIJS_AUDIT_REQUIRED=true where PyPI's advisory API is "
            "reachable to make this an error",
            file=sys.stderr,
        )
        return 0
    print(
        f"audit: no known vulnerabilities in {len(audited)} locked packages"
        + (f" ({skipped} not on PyPI, not audited)" if skipped else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
