"""A small sociale kaart with every kind of entry HSDS carries, built through the services."""

from dataclasses import dataclass
from datetime import date, time

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.directory import services
from wegwijs.directory.constants import ServiceStatus
from wegwijs.directory.models import Location, Service, ServiceLanguage
from wegwijs.directory.tests import factories

SECRET_STREETS = ("Verstopteweg 7", "Geheimestraat 13", "Schuilhoek 4")


@dataclass
class Kaart:
    wijkteam: Organisation
    opvang: Organisation
    hulpmiddelen: Organisation
    schuld: Service
    cursus: Service
    oud: Service
    veilig: Service
    uitleen: Service
    wijkplek: Location
    opvanghuis: Location
    depot: Location


def build() -> Kaart:
    schalkwijk = factories.area("schalkwijk", "Schalkwijk")
    factories.area("boerhaavewijk", "Boerhaavewijk", parent=schalkwijk)
    wijkteam = factories.organisation(slug="wijkteam")
    Organisation.objects.filter(pk=wijkteam.pk).update(
        name="Wijkteam Haarlem",
        description="Het wijkteam helpt inwoners met vragen over geld, zorg en wonen.",
        phone="023 543 0990",
        whatsapp="06 1234 5678",
        email="info@wijkteam.example",
        website="https://wijkteam.example/",
        street_address="Zijlweg 245",
        postcode="2015CP",
        city="Haarlem",
        opening_hours="Maandag tot en met vrijdag 9.00-17.00 uur.\nDinsdag inloop 9.30-11.30 uur.",
    )
    wijkteam.refresh_from_db()
    schuld = factories.service(
        wijkteam,
        name="Hulp bij geldzaken",
        description="Wij helpen bij schulden, rekeningen en betalingsachterstanden.",
        eligibility="Inwoners van Haarlem.",
        url="https://wijkteam.example/geld",
        email="geld@wijkteam.example",
        topic_codes=["financien", "regelgeving"],
        target_group_codes=["lichamelijke-beperking"],
        channel_codes=["telefoon", "locatie"],
        area_codes=["schalkwijk", "boerhaavewijk"],
        language_codes=["nl", "tr"],
        checked_on=date(2026, 9, 1),
    )
    ServiceLanguage.objects.filter(service=schuld, code="tr").update(note="alleen op dinsdag")
    cursus = factories.service(
        wijkteam,
        name="Budgetcursus",
        description="Vier avonden leren rondkomen.",
        phone="",
        is_free=False,
        cost="€ 25 voor de hele cursus",
        topic_codes=["financien"],
        checked_on=date(2026, 3, 15),
    )
    oud = factories.service(
        wijkteam,
        name="Oude formulierenhulp",
        status=ServiceStatus.INACTIVE,
        topic_codes=["regelgeving"],
        checked_on=date(2025, 1, 2),
    )
    wijkplek = factories.location(
        wijkteam,
        name="Wijkplek Schalkwijk",
        description="Naast de bibliotheek.",
        street_address="Fie Carelsenplein 2",
        postcode="2034PK",
        city="Haarlem",
    )
    factories.schedule(wijkplek, weekday=2, opens_at=time(9, 30), closes_at=time(11, 30))
    factories.schedule(
        wijkplek,
        weekday=4,
        opens_at=time(13, 0),
        closes_at=time(16, 0),
        is_walk_in=False,
        note="op afspraak",
    )
    at_wijkplek = factories.service_at_location(schuld, wijkplek)
    services.schedule_add(
        actor=None,
        service_at_location=at_wijkplek,
        weekday=3,
        opens_at=time(10, 0),
        closes_at=time(12, 0),
        note="spreekuur geldzaken",
    )
    factories.service_at_location(oud, wijkplek)

    opvang = factories.organisation(slug="vrouwenopvang", kind=OrganisationKind.FACILITY)
    Organisation.objects.filter(pk=opvang.pk).update(
        name="Vrouwenopvang",
        address_is_confidential=True,
        street_address=SECRET_STREETS[1],
        postcode="2011AA",
        city="Haarlem",
        phone="088 123 4567",
    )
    opvang.refresh_from_db()
    veilig = factories.service(
        opvang, name="Opvang bij huiselijk geweld", topic_codes=["veiligheid", "wonen-opvang"]
    )
    opvanghuis = factories.location(
        opvang, name="Opvanghuis", street_address=SECRET_STREETS[0], postcode="2035AA"
    )
    factories.schedule(opvanghuis, weekday=1)
    factories.service_at_location(veilig, opvanghuis)

    hulpmiddelen = factories.organisation(slug="hulpmiddelen", kind=OrganisationKind.FACILITY)
    uitleen = factories.service(
        hulpmiddelen,
        name="Uitleen van hulpmiddelen",
        description="Tijdelijk een rollator of krukken lenen.",
        topic_codes=["hulpmiddelen"],
        language_codes=["nl", "en"],
    )
    depot = factories.location(
        hulpmiddelen,
        name="Depot",
        street_address=SECRET_STREETS[2],
        postcode="2031BB",
        is_confidential=True,
        accessibility="",
    )
    factories.service_at_location(uitleen, depot)
    return Kaart(
        wijkteam=wijkteam,
        opvang=opvang,
        hulpmiddelen=hulpmiddelen,
        schuld=schuld,
        cursus=cursus,
        oud=oud,
        veilig=veilig,
        uitleen=uitleen,
        wijkplek=wijkplek,
        opvanghuis=opvanghuis,
        depot=depot,
    )
