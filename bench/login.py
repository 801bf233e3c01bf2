"""Give bench users a logged-in session without going through the login form.

Run by ``bench/run.py`` in a subprocess, with the same environment as the
gunicorn it starts (same database, same SECRET_KEY):

    python bench/login.py --role coordinator [--role supporter ...]

For each role it takes the first active account with that role (a scale
account first, when generate_scale_data made any), gives it a
TOTP authenticator when it has none (so the two-factor middleware lets it
through, exactly as for a real user who has set up two-factor
authentication), and stores a session holding what
``django.contrib.auth.login`` would put there, through the configured
SESSION_ENGINE. It prints one line ``BENCH_LOGIN {json}`` with the cookie per
role and the number of rows per table (the data scale of the run).
"""

import argparse
import json
import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
MARKER = "BENCH_LOGIN "


def _session_cookie(role: str) -> dict[str, str]:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db.models import Case, IntegerField, Value, When

    from wegwijs.accounts.models import User

    # With scale data, the scale accounts (their organisations hold it) come first.
    scale_first = Case(
        When(email__startswith="scale-", then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    user = (
        User.objects.filter(membership__role=role, is_active=True)
        .order_by(scale_first, "pk")
        .first()
    )
    if user is None:
        raise SystemExit(f"bench/login.py: no active account with role {role!r} in the database")
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return {
        "email": user.email,
        "cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
    }


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    counts: dict[str, int] = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        count = model._base_manager.count()
        if count:
            counts[model._meta.label_lower] = count
    return dict(sorted(counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", action="append", default=[], help="role to log in (repeatable)")
    args = parser.parse_args()

    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()

    report: dict[str, Any] = {
        "sessions": {role: _session_cookie(role) for role in args.role},
        "rows": _row_counts(),
    }
    print(MARKER + json.dumps(report))


if __name__ == "__main__":
    main()
