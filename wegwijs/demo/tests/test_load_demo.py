from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Membership, Municipality, Organisation, User
from wegwijs.core.models import AuditEntry
from wegwijs.demo import data
from wegwijs.reference.models import Area


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "municipalities": Municipality.objects.count(),
        "areas": Area.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "audit entries": AuditEntry.objects.count(),
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
    first_output = load_demo()
    after_first = counts()

    second_output = load_demo()

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
    load_demo()

    for user in User.objects.all():
        assert user.email.endswith(f"@{data.DEMO_DOMAIN}")
        assert user.full_name
    # The seed report names one real person; the demo must not.
    texts = [" ".join([o.name, o.description, o.opening_hours]) for o in Organisation.objects.all()]
    texts += list(User.objects.values_list("full_name", flat=True))
    assert not any("Kwist" in text for text in texts)


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
