"""generate_scale_data: exact counts, valid rows, clear refusals."""

import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min
from django.utils import timezone

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Membership, Organisation, User
from wegwijs.cases.constants import CaseStatus
from wegwijs.cases.models import Case, Client, ContactMoment


def generate(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("generate_scale_data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def row_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "clients": Client.objects.count(),
        "cases": Case.objects.count(),
        "contacts": ContactMoment.objects.count(),
    }


@pytest.mark.django_db
def test_tiny_size_gives_exact_counts_and_valid_rows():
    output, progress = generate(
        "--organisations", "2", "--clients", "20", "--contacts", "100", "--batch-size", "7",
        "--password", "Een-lang-wachtwoord-2026",
    )  # fmt: skip

    organisations = Organisation.objects.filter(slug__startswith="schaal-")
    assert sorted(organisations.values_list("slug", flat=True)) == ["schaal-0001", "schaal-0002"]
    assert set(organisations.values_list("kind", flat=True)) == {OrganisationKind.CLIENT_SUPPORT}
    assert all(o.municipalities.filter(slug="haarlem").exists() for o in organisations)
    supporter = User.objects.get(email="scale-supporter-0001@example.org")
    assert supporter.role == Role.SUPPORTER
    assert supporter.organisation is not None
    assert supporter.organisation.slug == "schaal-0001"
    assert supporter.check_password("Een-lang-wachtwoord-2026")
    assert Membership.objects.filter(organisation__in=organisations).count() == 2

    assert Client.objects.count() == 20
    assert ContactMoment.objects.count() == 100
    assert Client.objects.filter(organisation__slug="schaal-0001").count() == 10
    cases = Case.objects.count()
    assert 100 / 5 <= cases <= 100 / 1.5
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() > cases / 2
    assert "Created 2 organisations" in output
    assert "100%" in progress

    now = timezone.now()
    for client in Client.objects.all():
        client.full_clean()
        assert client.is_anonymous == (client.pseudonym == "")
    for case in Case.objects.annotate(
        n=Count("contact_moments"),
        first=Min("contact_moments__occurred_at"),
        last=Max("contact_moments__occurred_at"),
    ):
        case.full_clean()
        assert case.n >= 1
        assert case.organisation_id == case.client.organisation_id
        assert timezone.localdate(case.first) >= case.opened_on
        assert case.last_activity_at == case.last
        assert case.last <= now
        if case.closed_on:
            assert timezone.localdate(case.last) <= case.closed_on
        assert case.supporters.get().organisation == case.organisation
    for moment in ContactMoment.objects.select_related("case"):
        assert 1 <= moment.minutes <= 600
        assert moment.organisation_id == moment.case.organisation_id
    # Every client has at least one case with a contact.
    assert not Client.objects.filter(cases__isnull=True).exists()


@pytest.mark.django_db
def test_same_seed_gives_the_same_data():
    def facts():
        return list(
            ContactMoment.objects.order_by("occurred_at", "minutes").values_list(
                "occurred_at", "minutes", "channel__code"
            )
        )

    generate("--organisations", "1", "--clients", "5", "--contacts", "12", "--seed", "7")
    first = facts()
    ContactMoment.objects.all().delete()
    Case.objects.all().delete()
    Client.objects.all().delete()
    Membership.objects.filter(organisation__slug="schaal-0001").delete()
    User.objects.filter(email__startswith="scale-supporter-").delete()
    Organisation.objects.filter(slug="schaal-0001").delete()

    generate("--organisations", "1", "--clients", "5", "--contacts", "12", "--seed", "7")

    assert len(first) == 12
    assert facts() == first


@pytest.mark.django_db
def test_a_random_password_is_printed():
    output, _ = generate("--organisations", "1", "--clients", "1", "--contacts", "1")

    password = output.split("Supporter password: ", 1)[1].strip()
    assert User.objects.get(email="scale-supporter-0001@example.org").check_password(password)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--clients", "-1"], "must not be negative"),
        (["--contacts", "-5", "--clients", "0"], "must not be negative"),
        (["--organisations", "0"], "--organisations must be between"),
        (["--clients", "20", "--contacts", "10"], "must be at least --clients"),
        (["--clients", "0", "--contacts", "10"], "--contacts needs clients"),
        (["--batch-size", "0", "--clients", "1", "--contacts", "1"], "--batch-size"),
    ],
)
def test_bad_arguments_write_nothing(arguments, message):
    before = row_counts()

    with pytest.raises(CommandError, match=message):
        generate("--organisations", "1", *arguments)

    assert row_counts() == before


@pytest.mark.django_db
def test_running_twice_is_refused_without_writing():
    generate("--organisations", "1", "--clients", "2", "--contacts", "3")
    before = row_counts()

    with pytest.raises(CommandError, match="schaal-0001 already exists"):
        generate("--organisations", "2", "--clients", "2", "--contacts", "3")

    assert row_counts() == before


def test_bad_arguments_give_one_line_and_a_non_zero_exit():
    result = subprocess.run(
        [sys.executable, "manage.py", "generate_scale_data", "--clients", "10", "--contacts", "5"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "CommandError: --contacts (5) must be at least --clients (10): every client has at "
        "least one contact moment."
    ]
