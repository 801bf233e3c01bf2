"""The Haarlem demo's sociale kaart: services, locations, opening hours, languages, synonyms.

Builds on the organisations of ``wegwijs.demo.data``. Places are real
Haarlem streets, but every address detail, time and phone number is
invented. Postcode ranges are the four-digit areas of Haarlem (2011-2037),
grouped by stadsdeel as a demo approximation.

``directory_demo_load`` is idempotent: an organisation that already has
services, a location or synonym that already exists, is left alone.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta

from django.utils import timezone

from wegwijs.accounts.models import Organisation
from wegwijs.directory import services
from wegwijs.directory.models import Location, PostcodeRange, Service, Synonym
from wegwijs.reference.models import Area

# Stadsdeel code -> four-digit postcode ranges.
POSTCODE_RANGES: dict[str, list[tuple[int, int]]] = {
    "centrum": [(2011, 2012)],
    "zuid-west": [(2013, 2015)],
    "noord": [(2021, 2026)],
    "oost": [(2031, 2032)],
    "schalkwijk": [(2033, 2037)],
}

# Search word -> other words it finds; (term, alternatives, both ways).
SYNONYMS: list[tuple[str, list[str], bool]] = [
    ("schulden", ["geldzorgen", "betalingsachterstand", "rekeningen", "financien"], True),
    ("rolstoel", ["hulpmiddelen", "rollator", "scootmobiel", "woningaanpassing"], False),
    ("scootmobiel", ["hulpmiddelen", "vervoer"], False),
    ("eenzaam", ["eenzaamheid", "sociale contacten", "ontmoeting"], True),
    ("bezwaar", ["klacht", "beroep", "besluit", "beschikking"], True),
    ("mantelzorg", ["mantelzorger", "zorgen voor"], True),
    ("formulier", ["brief", "aanvraag", "toeslag", "papieren"], True),
    ("eten", ["voedsel", "voedselpakket", "voedselbank"], True),
    ("dakloos", ["opvang", "nachtopvang", "thuisloos"], True),
    ("huiselijk geweld", ["mishandeling", "veilig thuis"], True),
    ("opvoeden", ["opvoeding", "opgroeien", "kinderen", "jeugd"], True),
    ("huur", ["huurwoning", "verhuurder", "huurtoeslag"], True),
]


@dataclass(frozen=True)
class DemoSchedule:
    weekday: int  # 1 = Monday
    opens: str
    closes: str
    walk_in: bool = False
    note: str = ""


@dataclass(frozen=True)
class DemoLocation:
    name: str
    street_address: str = ""
    postcode: str = ""
    area: str = ""
    accessibility: str = ""
    description: str = ""
    is_confidential: bool = False
    schedules: tuple[DemoSchedule, ...] = ()


@dataclass(frozen=True)
class DemoService:
    name: str
    description: str
    topics: tuple[str, ...]
    eligibility: str = ""
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("nl",)
    areas: tuple[str, ...] = ()
    channels: tuple[str, ...] = ("telefoon", "email")
    locations: tuple[str, ...] = ()  # names of the organisation's DemoLocations
    is_free: bool = True
    cost: str = ""


@dataclass(frozen=True)
class DemoEntries:
    services: list[DemoService]
    locations: list[DemoLocation] = field(default_factory=list)
    # Days since the entries were last checked; over 365 shows a stale entry.
    checked_days_ago: int = 30


STEP_FREE = "Drempelvrij, met invalidentoilet."
LIFT = "Ingang zonder drempel, lift naar alle verdiepingen, invalidentoilet, ringleiding."


def _walk_in(*days: int, opens: str = "09:30", closes: str = "11:30") -> tuple[DemoSchedule, ...]:
    return tuple(DemoSchedule(day, opens, closes, walk_in=True) for day in days)


def _office(opens: str = "09:00", closes: str = "17:00") -> tuple[DemoSchedule, ...]:
    return tuple(DemoSchedule(day, opens, closes) for day in range(1, 6))


WIJKTEAM_PLACES = [
    ("Centrum", "Gasthuisvest 40", "2011 ES", "centrum"),
    ("Noord", "Marsmanplein 2", "2025 DT", "noord"),
    ("Oost", "Amsterdamstraat 16", "2032 PM", "oost"),
    ("Zuid-West", "Leidsevaart 220", "2014 HG", "zuid-west"),
    ("Schalkwijk", "Fie Carelsenplein 1", "2036 AA", "schalkwijk"),
]

ENTRIES: dict[str, DemoEntries] = {
    "sociale-wijkteams": DemoEntries(
        services=[
            DemoService(
                name=f"Sociaal wijkteam {district}",
                description=(
                    f"Het sociaal wijkteam {district} helpt bij vragen over geld, wonen, zorg, "
                    "opvoeden en meedoen. Een cliëntondersteuner zoekt met u uit wat u nodig "
                    "heeft, helpt bij een aanvraag en gaat mee naar gesprekken."
                ),
                eligibility=f"Voor iedereen die in {district} woont.",
                topics=(
                    "financien",
                    "huishouden",
                    "zorg-gezondheid",
                    "wonen-opvang",
                    "regelgeving",
                    "sociaal-netwerk",
                    "mantelzorg",
                ),
                target_groups=("ouderen", "mantelzorger", "schulden"),
                languages=("nl", "en") if district != "Schalkwijk" else ("nl", "en", "tr", "ar"),
                areas=(area,),
                channels=("telefoon", "email", "locatie", "huisbezoek"),
                locations=(f"Wijkteam {district}",),
            )
            for district, _street, _postcode, area in WIJKTEAM_PLACES
        ],
        locations=[
            DemoLocation(
                name=f"Wijkteam {district}",
                street_address=street,
                postcode=postcode,
                area=area,
                accessibility=STEP_FREE,
                schedules=(
                    DemoSchedule(2, "09:30", "11:30", walk_in=True),
                    DemoSchedule(4, "09:30", "11:30", walk_in=True),
                ),
            )
            for district, street, postcode, area in WIJKTEAM_PLACES
        ],
    ),
    "cjg-haarlem": DemoEntries(
        services=[
            DemoService(
                name="Opvoedvragen en jeugdhulp aanvragen",
                description=(
                    "Vragen over opgroeien en opvoeden: slapen, eten, pesten, school of "
                    "puberteit. Een cliëntondersteuner helpt bij een aanvraag voor jeugdhulp."
                ),
                eligibility="Voor ouders, kinderen en jongeren tot 23 jaar.",
                topics=("jeugd-onderwijs", "zorg-gezondheid"),
                target_groups=("jeugd-gezin",),
                languages=("nl", "en", "tr"),
                channels=("telefoon", "whatsapp", "email", "locatie"),
                locations=("CJG Verspronckweg",),
            ),
        ],
        locations=[
            DemoLocation(
                name="CJG Verspronckweg",
                street_address="Verspronckweg 60",
                postcode="2023 BH",
                area="noord",
                accessibility=LIFT,
                schedules=(DemoSchedule(3, "13:30", "16:00", walk_in=True),),
            )
        ],
    ),
    "mee-de-wering": DemoEntries(
        services=[
            DemoService(
                name="Cliëntondersteuning bij een beperking",
                description=(
                    "Hulp met regels, formulieren en geldzaken. Mee naar het "
                    "keukentafelgesprek. Hulp bij een aanvraag voor zorg, hulpmiddelen of "
                    "een persoonsgebonden budget (pgb)."
                ),
                eligibility=(
                    "Voor mensen met een lichamelijke of verstandelijke beperking, autisme "
                    "of psychische klachten, en hun familie en mantelzorgers."
                ),
                topics=(
                    "zorg-gezondheid",
                    "regelgeving",
                    "hulpmiddelen",
                    "dagbesteding",
                    "bezwaar",
                ),
                target_groups=(
                    "lichamelijke-beperking",
                    "verstandelijke-beperking",
                    "psychische-kwetsbaarheid",
                    "mantelzorger",
                ),
                languages=("nl", "en", "dse"),
                channels=("telefoon", "email", "huisbezoek", "video"),
                locations=("Kantoor Zijlweg",),
            ),
        ],
        locations=[
            DemoLocation(
                name="Kantoor Zijlweg",
                street_address="Zijlweg 245",
                postcode="2015 CK",
                area="zuid-west",
                accessibility=LIFT + " Parkeerplaats voor mensen met een beperking.",
                schedules=_office(),
            )
        ],
    ),
    "wijkcontactvrouwen": DemoEntries(
        services=[
            DemoService(
                name="Wijkcontactvrouw: hulp met brieven, school en zorg",
                description=(
                    "Hulp met brieven, formulieren en afspraken. Uitleg over school, zorg en "
                    "toeslagen. Een wijkcontactvrouw gaat mee naar de huisarts, school of "
                    "gemeente, en komt ook bij u thuis."
                ),
                eligibility="Voor vrouwen en gezinnen met een migratieachtergrond.",
                topics=("regelgeving", "taal-meedoen", "jeugd-onderwijs", "financien"),
                target_groups=("migratieachtergrond", "jeugd-gezin", "laaggeletterd"),
                languages=("nl", "tr", "ar", "zgh", "en"),
                areas=("schalkwijk", "oost"),
                channels=("telefoon", "whatsapp", "huisbezoek", "locatie"),
                locations=("Spreekuur Schalkwijk", "Spreekuur Oost"),
            ),
        ],
        locations=[
            DemoLocation(
                name="Spreekuur Schalkwijk",
                street_address="Europaweg 12",
                postcode="2036 AB",
                area="schalkwijk",
                accessibility=STEP_FREE,
                schedules=_walk_in(1, 4, opens="09:30", closes="12:00"),
            ),
            DemoLocation(
                name="Spreekuur Oost",
                street_address="Amsterdamstraat 16",
                postcode="2032 PM",
                area="oost",
                accessibility="Ingang met een kleine drempel; geen lift.",
                schedules=_walk_in(3, opens="09:30", closes="12:00"),
            ),
        ],
    ),
    "clientenbelang": DemoEntries(
        services=[
            DemoService(
                name="Onafhankelijke cliëntondersteuning",
                description=(
                    "Een onafhankelijke cliëntondersteuner staat alleen aan uw kant. Hulp bij "
                    "een aanvraag, mee naar het keukentafelgesprek, hulp bij een klacht, "
                    "bezwaar of beroep, en mee naar de hoorzitting."
                ),
                eligibility=(
                    "Voor iedereen met een lichamelijke, psychische of verstandelijke "
                    "beperking, en hun mantelzorgers."
                ),
                topics=("bezwaar", "zorg-gezondheid", "regelgeving", "huishouden", "hulpmiddelen"),
                target_groups=(
                    "lichamelijke-beperking",
                    "psychische-kwetsbaarheid",
                    "verstandelijke-beperking",
                    "mantelzorger",
                    "ouderen",
                ),
                languages=("nl", "en", "pl"),
                channels=(
                    "telefoon",
                    "whatsapp",
                    "email",
                    "website",
                    "sociale-media",
                    "huisbezoek",
                ),
            ),
            DemoService(
                name="Vertrouwenspersoon bij klachten",
                description=(
                    "Heeft u een klacht over een organisatie voor zorg of welzijn? De "
                    "vertrouwenspersoon luistert, legt uit wat u kunt doen en helpt u bij "
                    "uw klacht."
                ),
                topics=("bezwaar",),
                channels=("telefoon", "email", "huisbezoek"),
            ),
        ],
    ),
    "wmo-loket": DemoEntries(
        services=[
            DemoService(
                name="Melding Wmo: hulp thuis, hulpmiddelen en vervoer",
                description=(
                    "Hier meldt u dat u hulp nodig heeft bij het huishouden, een hulpmiddel "
                    "zoals een rolstoel of scootmobiel, een aanpassing in huis of vervoer. "
                    "De gemeente onderzoekt dan met u wat nodig is."
                ),
                topics=("huishouden", "hulpmiddelen", "vervoer", "zorg-gezondheid"),
                target_groups=("ouderen", "lichamelijke-beperking"),
                channels=("telefoon", "email", "website", "locatie"),
                locations=("Stadhuis",),
            ),
        ],
        locations=[
            DemoLocation(
                name="Stadhuis",
                street_address="Grote Markt 2",
                postcode="2011 RD",
                area="centrum",
                accessibility=LIFT,
                schedules=_office("09:00", "16:00"),
            )
        ],
    ),
    "schuldhulpverlening": DemoEntries(
        services=[
            DemoService(
                name="Schuldhulpverlening",
                description=(
                    "Hulp bij schulden en betalingsachterstanden: een overzicht van uw "
                    "schulden, een plan, en afspraken met schuldeisers."
                ),
                topics=("financien",),
                target_groups=("schulden",),
                languages=("nl", "en"),
                locations=("Zijlvest",),
            ),
        ],
        locations=[
            DemoLocation(
                name="Zijlvest",
                street_address="Zijlvest 39",
                postcode="2011 VB",
                area="centrum",
                accessibility=LIFT,
                schedules=(DemoSchedule(1, "13:00", "15:00", walk_in=True),),
            )
        ],
    ),
    "vrouwenopvang": DemoEntries(
        services=[
            DemoService(
                name="Opvang bij huiselijk geweld",
                description=(
                    "Een veilige plek voor vrouwen en hun kinderen die thuis niet veilig zijn. "
                    "Bel eerst: dan hoort u waar u terecht kunt."
                ),
                topics=("veiligheid", "wonen-opvang"),
                target_groups=("jeugd-gezin", "dak-thuisloos"),
                languages=("nl", "en", "ar", "tr"),
                channels=("telefoon",),
                locations=("Opvanghuis",),
            ),
        ],
        locations=[
            DemoLocation(
                name="Opvanghuis",
                is_confidential=True,
                schedules=(DemoSchedule(1, "09:00", "17:00"),),
            )
        ],
    ),
    "hulpmiddelenuitleen": DemoEntries(
        services=[
            DemoService(
                name="Hulpmiddelen lenen",
                description=(
                    "Tijdelijk een rolstoel, rollator, krukken of douchestoel lenen, "
                    "bijvoorbeeld na een operatie."
                ),
                topics=("hulpmiddelen",),
                target_groups=("lichamelijke-beperking", "ouderen"),
                channels=("telefoon", "locatie"),
                is_free=False,
                cost="De eerste 6 weken gratis, daarna een kleine huurprijs per week.",
                locations=("Uitleenpunt Schipholweg",),
            ),
        ],
        locations=[
            DemoLocation(
                name="Uitleenpunt Schipholweg",
                street_address="Schipholweg 72",
                postcode="2034 LS",
                area="schalkwijk",
                accessibility=STEP_FREE,
                schedules=_walk_in(1, 3, 5, opens="10:00", closes="12:00"),
            )
        ],
        checked_days_ago=400,
    ),
    "voedselbank": DemoEntries(
        services=[
            DemoService(
                name="Voedselpakket",
                description="Elke week een gratis pakket met eten, als u even niet rond kunt komen.",
                eligibility="Na een gesprek over uw inkomen en uitgaven; vraag een verwijzing.",
                topics=("financien",),
                target_groups=("schulden",),
                languages=("nl", "en", "ar", "pl"),
                channels=("telefoon", "locatie"),
                locations=("Uitgiftepunt Oudeweg",),
            ),
        ],
        locations=[
            DemoLocation(
                name="Uitgiftepunt Oudeweg",
                street_address="Oudeweg 91",
                postcode="2031 CC",
                area="oost",
                accessibility="Ingang op de begane grond, geen drempel.",
                schedules=(DemoSchedule(5, "13:00", "16:00", note="alleen met afspraak"),),
            )
        ],
    ),
}

# Topics of the facilities without entries of their own above: one service each,
# described with the organisation's own words.
FACILITY_TOPICS: dict[str, tuple[str, ...]] = {
    "loket-jeugd": ("jeugd-onderwijs",),
    "werkplein": ("werk-inkomen", "financien"),
    "centrale-toegang-opvang": ("wonen-opvang",),
    "schuldhulpmaatje": ("financien",),
    "thuisadministratie": ("financien", "regelgeving"),
    "formulierenbrigade": ("regelgeving",),
    "sociaal-raadslieden": ("regelgeving", "financien", "bezwaar"),
    "juridisch-loket": ("bezwaar", "regelgeving"),
    "huurteam": ("wonen-opvang",),
    "kledingbank": ("financien",),
    "nachtopvang": ("wonen-opvang",),
    "veilig-thuis": ("veiligheid",),
    "verslavingszorg": ("zorg-gezondheid",),
    "ggz-inloop": ("zorg-gezondheid", "sociaal-netwerk"),
    "mantelzorgsteunpunt": ("mantelzorg",),
    "ouderenadvies": ("zorg-gezondheid", "sociaal-netwerk"),
    "wmo-vervoer": ("vervoer",),
    "taalhuis": ("taal-meedoen",),
    "repair-cafe-noord": ("sociaal-netwerk",),
    "wijkcentrum-schalkwijk": ("sociaal-netwerk", "taal-meedoen"),
    "buurthuis-delftwijk": ("sociaal-netwerk",),
    "buurthuis-slachthuisbuurt": ("sociaal-netwerk",),
}
FACILITY_AREAS: dict[str, tuple[str, ...]] = {
    "repair-cafe-noord": ("noord",),
    "wijkcentrum-schalkwijk": ("schalkwijk",),
    "buurthuis-delftwijk": ("delftwijk",),
    "buurthuis-slachthuisbuurt": ("slachthuisbuurt",),
}
# Not checked for over a year: the staff pages show them as stale.
STALE_FACILITIES = {"kledingbank", "repair-cafe-noord"}


def _time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _area(code: str) -> Area | None:
    return Area.objects.filter(code=code).first() if code else None


def _load_entries(organisation: Organisation, entries: DemoEntries) -> int:
    checked_on = timezone.localdate() - timedelta(days=entries.checked_days_ago)
    created = 0
    locations: dict[str, Location] = {}
    for demo in entries.locations:
        location = Location.objects.filter(organisation=organisation, name=demo.name).first()
        if location is None:
            location = services.location_create(
                actor=None,
                organisation=organisation,
                name=demo.name,
                street_address=demo.street_address,
                postcode=demo.postcode,
                city="" if demo.is_confidential else "Haarlem",
                accessibility=demo.accessibility,
                description=demo.description,
                is_confidential=demo.is_confidential,
                area=_area(demo.area),
                checked_on=checked_on,
            )
            for schedule in demo.schedules:
                services.schedule_add(
                    actor=None,
                    location=location,
                    weekday=schedule.weekday,
                    opens_at=_time(schedule.opens),
                    closes_at=_time(schedule.closes),
                    is_walk_in=schedule.walk_in,
                    note=schedule.note,
                )
            created += 1
        locations[demo.name] = location
    if Service.objects.filter(organisation=organisation).exists():
        return created
    for demo_service in entries.services:
        service = services.service_create(
            actor=None,
            organisation=organisation,
            name=demo_service.name,
            description=demo_service.description,
            eligibility=demo_service.eligibility,
            is_free=demo_service.is_free,
            cost=demo_service.cost,
            topic_codes=demo_service.topics,
            target_group_codes=demo_service.target_groups,
            area_codes=demo_service.areas,
            channel_codes=demo_service.channels,
            language_codes=demo_service.languages,
            checked_on=checked_on,
        )
        if demo_service.locations:
            services.service_at_location_set(
                actor=None,
                service=service,
                locations=[locations[name] for name in demo_service.locations],
            )
        created += 1
    return created


def directory_demo_load() -> int:
    """Create whatever is missing of the demo's sociale kaart; return how many rows."""
    created = 0
    for code, ranges in POSTCODE_RANGES.items():
        area = _area(code)
        if area is None:
            continue
        for first, last in ranges:
            _range, was_created = PostcodeRange.objects.get_or_create(
                area=area, first=first, defaults={"last": last}
            )
            created += was_created
    existing_terms = set(Synonym.objects.values_list("term", flat=True))
    for term, alternatives, both_ways in SYNONYMS:
        if term not in existing_terms:
            services.synonym_save(
                actor=None, term=term, alternatives=alternatives, both_ways=both_ways
            )
            created += 1
    organisations = {o.slug: o for o in Organisation.objects.prefetch_related("municipalities")}
    for slug, entries in ENTRIES.items():
        if slug in organisations:
            created += _load_entries(organisations[slug], entries)
    for slug, topics in FACILITY_TOPICS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        entries = DemoEntries(
            services=[
                DemoService(
                    name=organisation.name,
                    description=organisation.description,
                    topics=topics,
                    areas=FACILITY_AREAS.get(slug, ()),
                    channels=tuple(
                        channel
                        for channel, present in (
                            ("telefoon", organisation.phone),
                            ("email", organisation.email),
                            ("locatie", organisation.street_address),
                        )
                        if present
                    ),
                )
            ],
            checked_days_ago=400 if slug in STALE_FACILITIES else 90,
        )
        created += _load_entries(organisation, entries)
    return created
