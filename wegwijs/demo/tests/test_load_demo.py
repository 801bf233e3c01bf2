from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Case as SqlCase
from django.db.models import Count, F, Max, Min, Sum, When
from django.utils import timezone

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Membership, Municipality, Organisation, User
from wegwijs.cases import selectors
from wegwijs.cases.constants import CaseStatus
from wegwijs.cases.models import Appointment, Case, Client, ContactMoment
from wegwijs.core.models import AuditEntry
from wegwijs.demo import cases_data, data
from wegwijs.reference.models import Area


def load_demo(*, with_cases: bool = False) -> str:
    # The case history takes a few seconds: only the tests about it load it.
    out = StringIO()
    call_command("load_demo", *([] if with_cases else ["--without-cases"]), stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "areas": Area.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "clients": Client.objects.count(),
        "cases": Case.objects.count(),
        "contact moments": ContactMoment.objects.count(),
        "appointments": Appointment.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_creates_haarlem_with_its_areas_and_organisations():
    load_demo()

    haarlem = Municipality.objects.get(slug="haarlem")
    assert haarlem.name == "Haarlem"
    districts = set(haarlem.areas.filter(parent__isnull=True).values_list("name", flat=True))
    assert districts == {"Centrum", "Noord", "Oost", "Zuid-West", "Schalkwijk"}
    assert haarlem.areas.filter(name="Boerhaavewijk", parent__name="Schalkwijk").exists()

    assert Organisation.objects.count() == len(data.DEMO_ORGANISATIONS)
    assert set(haarlem.organisations.values_list("slug", flat=True)) == {
        organisation.slug for organisation in data.DEMO_ORGANISATIONS
    }
    client_support = Organisation.objects.filter(kind=OrganisationKind.CLIENT_SUPPORT)
    assert set(client_support.values_list("slug", flat=True)) == {
        "sociale-wijkteams",
        "cjg-haarlem",
        "mee-de-wering",
        "wijkcontactvrouwen",
        "clientenbelang",
    }
    assert Organisation.objects.exclude(kind=OrganisationKind.CLIENT_SUPPORT).count() >= 22
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_SERVICE).exists()
    assert list(
        Organisation.objects.filter(is_independent=True).values_list("slug", flat=True)
    ) == ["clientenbelang"]


@pytest.mark.django_db
def test_every_organisation_has_a_description_and_a_way_to_reach_it():
    load_demo()

    for organisation in Organisation.objects.all():
        assert organisation.description, organisation.slug
        assert organisation.phone or organisation.email, organisation.slug
        assert organisation.opening_hours, organisation.slug


@pytest.mark.django_db
def test_shelter_address_is_confidential_and_veilig_thuis_has_its_national_number():
    load_demo()

    shelter = Organisation.objects.get(slug="vrouwenopvang")
    assert shelter.address_is_confidential
    assert shelter.phone
    assert (shelter.street_address, shelter.postcode, shelter.city) == ("", "", "")
    assert Organisation.objects.get(slug="veilig-thuis").phone == "0800-2000"


@pytest.mark.django_db
def test_contact_details_are_invented():
    load_demo()

    for organisation in Organisation.objects.exclude(slug="veilig-thuis"):
        assert organisation.phone == "" or organisation.phone.startswith("023-555 ")
        assert organisation.email == "" or organisation.email.endswith(f".{data.DEMO_DOMAIN}")
        assert organisation.website.endswith(f".{data.DEMO_DOMAIN}/")
        assert organisation.postcode == "" or organisation.postcode.startswith("20")


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_new():
    first_output = load_demo(with_cases=True)
    after_first = counts()

    second_output = load_demo(with_cases=True)

    assert counts() == after_first
    assert "Haarlem demo loaded" in first_output
    assert "already loaded: nothing new" in second_output
    assert "Organisations: 0 created" in second_output
    assert "Accounts: 0 created, 5 already present" in second_output


@pytest.mark.django_db
def test_load_demo_keeps_what_already_exists():
    call_command("create_municipality", "haarlem", "--name", "Haarlem", stdout=StringIO())
    call_command(
        "create_organisation",
        "clientenbelang",
        "--name",
        "Eigen naam",
        "--municipality",
        "haarlem",
        stdout=StringIO(),
    )

    output = load_demo()

    assert Organisation.objects.get(slug="clientenbelang").name == "Eigen naam"
    assert Organisation.objects.count() == len(data.DEMO_ORGANISATIONS)
    assert "1 already present" in output


@pytest.mark.django_db
def test_one_account_per_role():
    load_demo()

    roles = Counter(Membership.objects.values_list("role", flat=True))
    assert roles == {
        Role.COORDINATOR: 1,
        Role.SUPPORTER: 2,
        Role.MUNICIPALITY: 1,
        Role.ADMINISTRATOR: 1,
    }
    supporter_organisations = set(
        Membership.objects.filter(role=Role.SUPPORTER).values_list("organisation__slug", flat=True)
    )
    assert supporter_organisations == {"sociale-wijkteams", "clientenbelang"}

    coordinator = User.objects.get(email="coordinator@demo.wegwijs.nl")
    assert coordinator.role == Role.COORDINATOR
    assert coordinator.organisation_slug == "sociale-wijkteams"
    municipality_user = User.objects.get(email="gemeente@demo.wegwijs.nl")
    assert municipality_user.municipality is not None
    assert municipality_user.municipality.slug == "haarlem"
    administrator = User.objects.get(email="beheer@demo.wegwijs.nl")
    assert administrator.is_staff
    assert administrator.is_superuser


@pytest.mark.django_db
def test_every_person_is_invented():
    load_demo(with_cases=True)

    for user in User.objects.all():
        assert user.email.endswith(f"@{data.DEMO_DOMAIN}")
        assert user.full_name
    # The seed report names one real person; the demo must not.
    texts = [" ".join([o.name, o.description, o.opening_hours]) for o in Organisation.objects.all()]
    texts += list(User.objects.values_list("full_name", flat=True))
    assert not any("Kwist" in text for text in texts)
    for client in Client.objects.exclude(is_anonymous=True):
        assert client.given_name in cases_data.GIVEN_NAMES
        assert client.family_name in cases_data.FAMILY_NAMES
        assert client.phone == "" or client.phone.startswith("023-555 ")
        assert client.email == "" or client.email.endswith(f"@post.{data.DEMO_DOMAIN}")
        assert client.representative_phone == "" or client.representative_phone.startswith(
            "023-555 "
        )


@pytest.mark.django_db
@pytest.mark.parametrize("account", data.DEMO_ACCOUNTS, ids=lambda account: account.email)
def test_every_demo_account_can_log_in(account):
    load_demo()

    user = authenticate(email=account.email, password=data.DEMO_PASSWORD)

    assert user is not None
    assert user.email == account.email
    assert authenticate(email=account.email, password="wrong-password") is None


@pytest.mark.django_db
def test_coordinator_logs_in_through_the_login_page(client):
    load_demo()

    response = client.post(
        "/account/login/",
        {"login": "coordinator@demo.wegwijs.nl", "password": data.DEMO_PASSWORD},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="coordinator@demo.wegwijs.nl").pk
    )


@pytest.mark.django_db
def test_command_prints_the_demo_accounts():
    output = load_demo()

    table = output.split("Demo accounts:", 1)[1]
    for account in data.DEMO_ACCOUNTS:
        line = next(line for line in table.splitlines() if line.startswith(account.email + " "))
        assert account.role.value in line
        assert data.DEMO_PASSWORD in line
    assert "Sociale Wijkteams Haarlem" in table
    assert "Gemeente Haarlem" in table


# --- The invented case history ------------------------------------------------------


def figures(slug: str, first: date, last: date) -> dict[str, int]:
    """Cases open in the period, their clients, and hours of contacts in it (DOMAIN.md §3)."""
    cases = Case.objects.filter(organisation__slug=slug, opened_on__lte=last).exclude(
        closed_on__lt=first
    )
    moments = ContactMoment.objects.filter(
        organisation__slug=slug, occurred_at__date__gte=first, occurred_at__date__lte=last
    )
    information_advice = (
        cases.filter(status=CaseStatus.CLOSED, opened_on__gte=first)
        .annotate(n=Count("contact_moments"))
        .filter(n=1)
    )
    return {
        "cases": cases.count(),
        "clients": cases.values("client").distinct().count(),
        "hours": round((moments.aggregate(m=Sum("minutes"))["m"] or 0) / 60),
        "information_advice": information_advice.count(),
    }


@pytest.mark.django_db
def test_case_history_follows_the_seed_report():
    output = load_demo(with_cases=True)

    today = timezone.localdate()
    last_year = (today - timedelta(days=364), today)
    for slug in ("sociale-wijkteams", "cjg-haarlem", "mee-de-wering", "wijkcontactvrouwen"):
        assert f"Cases of {slug}:" in output
        assert figures(slug, *last_year)["cases"] > 0, slug
    wijkteams = figures("sociale-wijkteams", *last_year)
    # A tenth of ~1,600 information-and-advice contacts a quarter.
    assert 550 <= wijkteams["information_advice"] <= 730
    mee = figures("mee-de-wering", *last_year)
    assert mee["hours"] > wijkteams["hours"] / 2  # long trajectories

    # Cliëntenbelang: 18 clients with 20 cases a year, about six hours per client.
    opened = Case.objects.filter(organisation__slug="clientenbelang")
    year_opened = opened.filter(opened_on__gte=last_year[0])
    assert year_opened.count() == 20
    assert year_opened.values("client").distinct().count() == 18
    hours = ContactMoment.objects.filter(case__in=year_opened).aggregate(m=Sum("minutes"))["m"] / 60
    assert 5 * 18 <= hours <= 7 * 18
    assert opened.count() == 40
    assert Client.objects.filter(organisation__slug="clientenbelang").count() == 36


@pytest.mark.django_db
def test_case_history_respects_the_rules_of_the_register():
    load_demo(with_cases=True)

    now = timezone.now()
    # Every row passed the database's check constraints on insert; a sample
    # also passes the model validation that the services run.
    for client in Client.objects.order_by("?")[:40]:
        client.full_clean()
    for case in Case.objects.order_by("?")[:40]:
        case.full_clean()
    assert not Client.objects.filter(is_anonymous=True).exclude(pseudonym="").exists()
    spans = Case.objects.annotate(
        n=Count("contact_moments"),
        first=Min("contact_moments__occurred_at"),
        last=Max("contact_moments__occurred_at"),
    ).values("opened_on", "closed_on", "last_activity_at", "n", "first", "last")
    for span in spans:
        assert span["n"] >= 1
        assert timezone.localdate(span["first"]) >= span["opened_on"]
        assert span["last_activity_at"] == span["last"]
        if span["closed_on"]:
            assert timezone.localdate(span["last"]) <= span["closed_on"]
    assert not ContactMoment.objects.filter(occurred_at__gt=now).exists()
    assert not ContactMoment.objects.filter(minutes__lt=1).exists()
    assert not ContactMoment.objects.filter(minutes__gt=600).exists()
    assert ContactMoment.objects.filter(
        occurred_at__date__gte=timezone.localdate() - timedelta(days=7)
    ).exists()


@pytest.mark.django_db
def test_demo_supporters_have_work_waiting():
    load_demo(with_cases=True)

    for email in ("ondersteuner@demo.wegwijs.nl", "ondersteuner-clientenbelang@demo.wegwijs.nl"):
        supporter = User.objects.get(email=email)
        assert selectors.my_open_cases(user=supporter).exists(), email
        assert selectors.my_untouched_cases(user=supporter).exists(), email
        assert selectors.my_appointments(user=supporter).count() >= 3, email
    # Some residents are known at two organisations: the pseudonym counts them once.
    shared = (
        Client.objects.exclude(pseudonym="")
        .values("pseudonym")
        .annotate(n=Count("organisation", distinct=True))
        .filter(n__gt=1)
    )
    assert shared.exists()


def _clients() -> list[tuple[str, str, str, str]]:
    """Every client; an imported one by the organisation's own reference.

    Wegwijs gives an imported client a new random reference of its own.
    """
    return list(
        Client.objects.annotate(
            key=SqlCase(When(client_ref="", then=F("reference")), default=F("client_ref"))
        )
        .order_by("organisation__slug", "key")
        .values_list("key", "given_name", "family_name", "pseudonym")
    )


@pytest.mark.django_db
def test_case_history_is_the_same_on_every_load():
    load_demo(with_cases=True)
    first = _clients()
    minutes = list(
        ContactMoment.objects.order_by("organisation__slug", "occurred_at", "minutes").values_list(
            "occurred_at", "minutes"
        )
    )
    Appointment.objects.all().delete()
    ContactMoment.objects.all().delete()
    Case.objects.all().delete()
    Client.objects.all().delete()

    load_demo(with_cases=True)

    assert first == _clients()
    assert minutes == list(
        ContactMoment.objects.order_by("organisation__slug", "occurred_at", "minutes").values_list(
            "occurred_at", "minutes"
        )
    )
