import io
from datetime import date

import pytest
from django.core.management import call_command

from wegwijs.reference.atw import koningsdag, statutory_feestdagen
from wegwijs.reference.models import Activity, Area, Channel, Holiday, Outcome, TargetGroup, Topic
from wegwijs.reference.selectors import holiday_dates
from wegwijs.reference.services import reference_data_load


def test_koningsdag_moves_to_saturday_when_27_april_is_a_sunday():
    assert koningsdag(2025) == date(2025, 4, 26)
    assert koningsdag(2026) == date(2026, 4, 27)
    assert koningsdag(2031) == date(2031, 4, 26)


def test_feestdagen_2026():
    days = {day.code: day.date for day in statutory_feestdagen(2026)}
    assert days == {
        "nieuwjaarsdag": date(2026, 1, 1),
        "goede-vrijdag": date(2026, 4, 3),
        "tweede-paasdag": date(2026, 4, 6),
        "koningsdag": date(2026, 4, 27),
        "bevrijdingsdag": date(2026, 5, 5),
        "hemelvaartsdag": date(2026, 5, 14),
        "tweede-pinksterdag": date(2026, 5, 25),
        "eerste-kerstdag": date(2026, 12, 25),
        "tweede-kerstdag": date(2026, 12, 26),
    }


def test_bevrijdingsdag_every_year():
    for year in range(2020, 2031):
        assert date(year, 5, 5) in {day.date for day in statutory_feestdagen(year)}


@pytest.mark.django_db
def test_reference_lists_have_the_domain_codes():
    assert list(Topic.objects.values_list("code", flat=True))[:3] == [
        "bezwaar",
        "dagbesteding",
        "financien",
    ]
    assert Topic.objects.count() == 16
    assert Channel.objects.count() == 10
    assert Activity.objects.count() == 10
    assert TargetGroup.objects.count() == 11
    assert Outcome.objects.count() == 6
    topic = Topic.objects.get(code="financien")
    assert (topic.label_nl, topic.label_en) == ("Financiën en schulden", "Money and debts")


@pytest.mark.django_db
def test_label_follows_the_language():
    from django.utils import translation

    topic = Topic.objects.get(code="vervoer")
    with translation.override("en"):
        assert topic.label == "Transport"
    with translation.override("nl"):
        assert topic.label == "Vervoer"


@pytest.mark.django_db
def test_holidays_include_bridge_days():
    days = holiday_dates(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert date(2026, 1, 2) in days  # Royal Decree, Stcrt. 2025, 24713
    assert date(2026, 5, 15) in days
    assert date(2026, 5, 5) in days
    assert date(2026, 5, 4) not in days
    assert Holiday.objects.get(date=date(2028, 5, 26)).kind == "koninklijk-besluit"


@pytest.mark.django_db
def test_loading_is_idempotent_and_keeps_admin_changes():
    topic = Topic.objects.get(code="overig")
    topic.label_nl = "Iets anders"
    topic.save(update_fields=["label_nl"])
    Topic.objects.filter(code="vervoer").delete()
    before = Holiday.objects.count()

    report = reference_data_load()
    assert report.created["onderwerpen"] == 1
    assert reference_data_load().total == 0
    assert Topic.objects.get(code="overig").label_nl == "Iets anders"
    assert Holiday.objects.count() == before


@pytest.mark.django_db
def test_command_loads_areas_of_a_new_municipality():
    from wegwijs.accounts.services import municipality_create

    municipality_create(slug="haarlem", name="Haarlem")
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "areas: 23 created" in out.getvalue()
    districts = Area.objects.filter(municipality__slug="haarlem", kind="stadsdeel")
    assert sorted(districts.values_list("name", flat=True)) == [
        "Centrum",
        "Noord",
        "Oost",
        "Schalkwijk",
        "Zuid-West",
    ]
    boerhaavewijk = Area.objects.get(name="Boerhaavewijk")
    assert boerhaavewijk.parent is not None
    assert boerhaavewijk.parent.name == "Schalkwijk"
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "(0 created)" in out.getvalue()
