"""Invented clients, cases and contact moments for the Haarlem demo.

About two years of work, ending today, for every demo organisation that gives
client support, in proportion to the seed report (DOMAIN.md §7): many short
information-and-advice contacts for the neighbourhood teams (a tenth of the
real ~1,600 per quarter, so the demo loads in seconds), longer trajectories at
CJG and MEE & De Wering, the Wijkcontactvrouwen's contacts with new clients,
and Cliëntenbelang with 18 clients, 20 cases and about six hours per client a
year.

Every person is invented: given and family names are combined at random, phone
numbers use the 023-555 range and e-mail addresses live under ``DEMO_DOMAIN``.
Random choices come from a ``random.Random`` seeded per organisation, so a
load on the same day gives the same data.

The rows are bulk-inserted for speed. That bypasses the services (and so the
audit log), which is right for invented history; the model constraints still
hold, and a test checks them.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from django.utils import timezone

from wegwijs.accounts.models import Organisation, User
from wegwijs.cases.constants import (
    MAX_MINUTES,
    Answer,
    AppointmentStatus,
    CaseStatus,
    ConsentSubject,
    HeardVia,
    RepresentativeKind,
    WithWhom,
)
from wegwijs.cases.models import Appointment, Case, Client, Consent, ContactMoment
from wegwijs.cases.services import REFERENCE_ALPHABET
from wegwijs.core.pseudonym import resident_pseudonym
from wegwijs.demo.data import DEMO_DOMAIN
from wegwijs.reference.constants import AreaKind
from wegwijs.reference.models import Activity, Area, Channel, Outcome, TargetGroup, Topic

SEED = 2026
DAYS = 730
BATCH_SIZE = 500

T = TypeVar("T")

# --- Invented people ----------------------------------------------------------

GIVEN_NAMES = [
    # Dutch
    "Anna", "Bram", "Daan", "Emma", "Femke", "Gerrit", "Henk", "Ineke", "Joost", "Karin",
    "Lotte", "Marieke", "Niels", "Petra", "Ria", "Sanne", "Thijs", "Wim", "Yvonne", "Kees",
    # Turkish
    "Ayse", "Emre", "Fatma", "Hasan", "Mehmet", "Elif", "Mustafa", "Zeynep", "Hatice", "Murat",
    # Moroccan
    "Fatima", "Mohammed", "Khadija", "Youssef", "Nadia", "Said", "Samira", "Rachid", "Latifa",
    # Surinamese
    "Roshni", "Ravi", "Sharda", "Errol", "Gloria", "Jermaine", "Shanti", "Winston", "Marlon",
]  # fmt: skip

FAMILY_NAMES = [
    # Dutch
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Kok", "van der Heijden", "Schouten", "Koster",
    # Turkish
    "Yilmaz", "Kaya", "Demir", "Celik", "Aydin", "Ozturk", "Arslan", "Dogan", "Kilic",
    # Moroccan
    "El Amrani", "Bouzid", "Benali", "El Idrissi", "Azzouzi", "Boukhari", "Ouali", "Tahiri",
    # Surinamese
    "Ramdin", "Biharie", "Pinas", "Sewnath", "Kartosen", "Wijngaarde", "Ramsaran", "Lachmon",
]  # fmt: skip

LANGUAGES = ["Turks", "Arabisch", "Tamazight", "Engels", "Sranantongo", "Pools", "Tigrinya"]

QUESTIONS = {
    "bezwaar": ["Ik ben het niet eens met de beschikking.", "Ik wil een klacht indienen."],
    "dagbesteding": ["Ik zoek iets zinvols om overdag te doen."],
    "financien": [
        "Ik kan de rekeningen niet meer betalen.",
        "Ik begrijp de brief van de Belastingdienst niet.",
        "Ik heb schulden en weet niet waar ik moet beginnen.",
    ],
    "huishouden": ["Ik kan het huishouden niet meer alleen."],
    "jeugd-onderwijs": ["Mijn zoon gaat niet meer naar school.", "Ik zoek hulp bij opvoeden."],
    "vervoer": ["Ik kan niet meer zelf naar de dokter of de winkel."],
    "wonen-opvang": ["Ik moet mijn huis uit.", "Mijn woning past niet meer bij mij."],
    "werk-inkomen": ["Mijn uitkering is gestopt.", "Ik zoek werk dat ik aankan."],
    "zorg-gezondheid": ["Ik weet niet welke zorg ik kan krijgen.", "Ik wil een Wmo-melding doen."],
    "hulpmiddelen": ["Ik heb een traplift nodig.", "Ik heb een rolstoel nodig."],
    "regelgeving": ["Ik snap het formulier van de gemeente niet."],
    "sociaal-netwerk": ["Ik zit veel alleen thuis."],
    "mantelzorg": ["Ik zorg voor mijn moeder en het wordt me te veel."],
    "veiligheid": ["Ik voel me thuis niet veilig."],
    "taal-meedoen": ["Ik wil beter Nederlands leren.", "Ik wil meedoen in de wijk."],
    "overig": ["Ik heb een vraag."],
}

NOTES = {
    "informatie-advies": [
        "Informatie gegeven over de regeling.",
        "Folder meegegeven en uitgelegd.",
        "Telefoonnummer van de juiste organisatie gegeven.",
    ],
    "vraagverheldering": [
        "Eerste gesprek: vraag op een rij gezet.",
        "Samen besproken wat er speelt en wat de cliënt wil.",
    ],
    "meedenken": ["Mogelijkheden in eigen netwerk besproken.", "Opties op een rij gezet."],
    "bemiddeling": ["Contact gelegd met de organisatie.", "Afspraak gemaakt met de verhuurder."],
    "begeleiding-gesprek": ["Mee geweest naar het keukentafelgesprek.", "Mee naar de gemeente."],
    "hulp-aanvraag": ["Samen het aanvraagformulier ingevuld.", "Aanvraag verstuurd."],
    "klacht": ["Klacht samen opgeschreven."],
    "bezwaar-beroep": ["Bezwaarschrift samen opgesteld.", "Hoorzitting voorbereid."],
    "evaluatie": ["Terugblik: cliënt is tevreden.", "Afgesproken dat de cliënt zelf verder kan."],
    "overig": ["Dossier bijgewerkt."],
}

APPOINTMENTS = [
    ("huisbezoek", "Bij de cliënt thuis", "Huisbezoek: aanvraag doornemen"),
    ("locatie", "Gemeente Haarlem, Zijlvest", "Meegaan naar het keukentafelgesprek"),
    ("locatie", "Wijkplek Schalkwijk", "Gesprek over de schulden"),
    ("telefoon", "", "Terugbellen over de beschikking"),
    ("video", "", "Videogesprek met cliënt en mantelzorger"),
]


# --- What each organisation does ----------------------------------------------


@dataclass(frozen=True)
class Caseload:
    """The work of one organisation over the demo's two years."""

    organisation_slug: str
    # Short information-and-advice contacts: a closed case with one contact.
    information_advice_per_quarter: int
    information_advice_anonymous: float
    trajectories_per_quarter: int
    contacts_per_trajectory: tuple[int, int]
    minutes_per_contact: tuple[int, int]
    trajectory_days: tuple[int, int]
    topics: dict[str, int]
    channels: dict[str, int]
    target_groups: dict[str, float] = field(default_factory=dict)
    # Share of trajectories for a client who already had a case here.
    returning_clients: float = 0.15
    # Share of named clients also known at the neighbourhood teams (same pseudonym).
    shared_with_wijkteams: float = 0.0
    # Exact yearly numbers, instead of the rates above (Cliëntenbelang).
    clients_per_year: int | None = None
    cases_per_year: int | None = None
    minutes_per_client_per_year: int | None = None
    languages: float = 0.05
    supporters: tuple[str, ...] = ()


GENERAL_TOPICS = {
    "financien": 22, "zorg-gezondheid": 14, "wonen-opvang": 10, "werk-inkomen": 9,
    "huishouden": 8, "regelgeving": 8, "sociaal-netwerk": 6, "hulpmiddelen": 5,
    "mantelzorg": 4, "vervoer": 4, "bezwaar": 3, "dagbesteding": 3, "veiligheid": 2,
    "jeugd-onderwijs": 2, "taal-meedoen": 2, "overig": 3,
}  # fmt: skip

CASELOADS: list[Caseload] = [
    Caseload(
        organisation_slug="sociale-wijkteams",
        information_advice_per_quarter=160,
        information_advice_anonymous=0.5,
        trajectories_per_quarter=32,
        contacts_per_trajectory=(2, 10),
        minutes_per_contact=(15, 90),
        trajectory_days=(14, 180),
        topics=GENERAL_TOPICS,
        channels={
            "telefoon": 40,
            "locatie": 20,
            "huisbezoek": 15,
            "email": 10,
            "whatsapp": 8,
            "website": 4,
            "zonder-client": 3,
        },
        target_groups={
            "ouderen": 0.25,
            "schulden": 0.15,
            "psychische-kwetsbaarheid": 0.1,
            "mantelzorger": 0.08,
            "migratieachtergrond": 0.15,
        },
        supporters=("ondersteuner@demo.wegwijs.nl", "coordinator@demo.wegwijs.nl"),
    ),
    Caseload(
        organisation_slug="cjg-haarlem",
        information_advice_per_quarter=40,
        information_advice_anonymous=0.4,
        trajectories_per_quarter=12,
        contacts_per_trajectory=(3, 10),
        minutes_per_contact=(30, 90),
        trajectory_days=(30, 240),
        topics={
            "jeugd-onderwijs": 50,
            "financien": 10,
            "zorg-gezondheid": 15,
            "wonen-opvang": 5,
            "veiligheid": 5,
            "sociaal-netwerk": 5,
            "overig": 5,
        },
        channels={
            "telefoon": 30,
            "locatie": 30,
            "huisbezoek": 20,
            "email": 10,
            "video": 5,
            "zonder-client": 5,
        },
        target_groups={"jeugd-gezin": 0.8, "migratieachtergrond": 0.2},
        shared_with_wijkteams=0.1,
    ),
    Caseload(
        organisation_slug="mee-de-wering",
        information_advice_per_quarter=15,
        information_advice_anonymous=0.2,
        trajectories_per_quarter=15,
        contacts_per_trajectory=(6, 20),
        minutes_per_contact=(45, 150),
        trajectory_days=(60, 360),
        topics={
            "zorg-gezondheid": 25,
            "dagbesteding": 15,
            "hulpmiddelen": 12,
            "financien": 12,
            "werk-inkomen": 10,
            "wonen-opvang": 8,
            "bezwaar": 8,
            "regelgeving": 5,
            "jeugd-onderwijs": 5,
        },
        channels={
            "huisbezoek": 35,
            "telefoon": 25,
            "locatie": 20,
            "email": 10,
            "zonder-client": 10,
        },
        # Seed report: 25% physical, 13% intellectual disability, 10% psychological.
        target_groups={
            "lichamelijke-beperking": 0.25,
            "verstandelijke-beperking": 0.13,
            "psychische-kwetsbaarheid": 0.10,
            "zintuiglijke-beperking": 0.05,
        },
        shared_with_wijkteams=0.1,
    ),
    Caseload(
        organisation_slug="wijkcontactvrouwen",
        # Seed: ~970 contacts with 425 new clients a year; a tenth of it here.
        information_advice_per_quarter=6,
        information_advice_anonymous=0.1,
        trajectories_per_quarter=5,
        contacts_per_trajectory=(2, 6),
        minutes_per_contact=(20, 60),
        trajectory_days=(7, 90),
        topics={
            "taal-meedoen": 25,
            "regelgeving": 20,
            "financien": 15,
            "jeugd-onderwijs": 15,
            "zorg-gezondheid": 10,
            "sociaal-netwerk": 10,
            "veiligheid": 5,
        },
        channels={"locatie": 40, "huisbezoek": 30, "whatsapp": 20, "telefoon": 10},
        target_groups={"migratieachtergrond": 0.9, "laaggeletterd": 0.3},
        returning_clients=0.05,
        shared_with_wijkteams=0.05,
        languages=0.6,
    ),
    Caseload(
        organisation_slug="clientenbelang",
        information_advice_per_quarter=0,
        information_advice_anonymous=0.0,
        trajectories_per_quarter=0,
        contacts_per_trajectory=(3, 8),
        minutes_per_contact=(30, 120),
        trajectory_days=(21, 150),
        topics={
            "bezwaar": 35,
            "zorg-gezondheid": 20,
            "huishouden": 15,
            "hulpmiddelen": 15,
            "regelgeving": 10,
            "overig": 5,
        },
        channels={
            "telefoon": 35,
            "huisbezoek": 25,
            "locatie": 20,
            "email": 15,
            "zonder-client": 5,
        },
        target_groups={
            "ouderen": 0.4,
            "lichamelijke-beperking": 0.3,
            "psychische-kwetsbaarheid": 0.15,
        },
        shared_with_wijkteams=0.1,
        # Seed: 18 clients with 20 cases in a year, about six hours per client.
        clients_per_year=18,
        cases_per_year=20,
        minutes_per_client_per_year=360,
        supporters=("ondersteuner-clientenbelang@demo.wegwijs.nl",),
    ),
]


@dataclass
class CaseloadReport:
    clients: int = 0
    cases: int = 0
    contact_moments: int = 0
    appointments: int = 0

    @property
    def total(self) -> int:
        return self.clients + self.cases + self.contact_moments + self.appointments


# --- Generation -----------------------------------------------------------------


@dataclass
class _PlannedCase:
    client: Client
    topic: str
    moments: list[datetime]
    information_advice: bool
    minutes: list[int] = field(default_factory=list)


class _Generator:
    def __init__(
        self,
        *,
        caseload: Caseload,
        organisation: Organisation,
        supporters: list[User],
        known_people: list[dict[str, Any]],
    ) -> None:
        self.caseload = caseload
        self.organisation = organisation
        self.supporters = supporters
        self.known_people = known_people
        # Not for security: invented demo data, the same on every load.
        self.rng = random.Random(f"{SEED}/{caseload.organisation_slug}")  # noqa: S311
        self.now = timezone.localtime()
        self.today = self.now.date()
        self.start = self.today - timedelta(days=DAYS - 1)
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.channels = {c.code: c for c in Channel.objects.all()}
        self.activities = {a.code: a for a in Activity.objects.all()}
        self.outcomes = {o.code: o for o in Outcome.objects.all()}
        self.target_groups = {g.code: g for g in TargetGroup.objects.all()}
        self.areas = list(
            Area.objects.filter(
                kind=AreaKind.NEIGHBOURHOOD, municipality__in=organisation.municipalities.all()
            )
        )
        self.partners = list(Organisation.objects.exclude(pk=organisation.pk).order_by("slug")[:20])
        self.references: set[str] = set()
        self.clients: list[Client] = []
        self.client_groups: list[tuple[Client, list[str]]] = []
        self.people: list[dict[str, Any]] = []

    # -- small helpers

    def pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def choice(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def reference(self) -> str:
        while True:
            reference = "K-" + "".join(self.rng.choices(REFERENCE_ALPHABET, k=8))
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def moment_on(self, day: date) -> datetime:
        """A working-hours moment on ``day`` (a weekday), never in the future."""
        while day.weekday() >= 5 and day > self.start:
            day -= timedelta(days=1)
        minutes = self.rng.randrange(8 * 60 + 30, 17 * 60)
        moment = timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60)))
        while moment > self.now:
            # Later today than it is now: the same time on the working day before,
            # so every load at any hour gives the same history.
            day -= timedelta(days=1)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            moment = timezone.make_aware(datetime.combine(day, moment.time().replace(tzinfo=None)))
        return moment

    def day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    # -- clients

    def new_client(self, *, anonymous: bool) -> Client:
        client = Client(
            organisation=self.organisation, reference=self.reference(), is_anonymous=anonymous
        )
        groups = [
            code for code, share in self.caseload.target_groups.items() if self.rng.random() < share
        ]
        if not anonymous:
            shared = self.known_people and self.rng.random() < self.caseload.shared_with_wijkteams
            person = self.choice(self.known_people) if shared else self.person()
            for name, value in person.items():
                setattr(client, name, value)
            if self.rng.random() < 0.7:
                client.phone = f"023-555 {self.rng.randrange(10, 99)} {self.rng.randrange(10, 99)}"
            if self.rng.random() < 0.35:
                local = f"{client.given_name}.{client.family_name}".lower().replace(" ", "")
                client.email = f"{local}@post.{DEMO_DOMAIN}"
            if self.rng.random() < self.caseload.languages:
                client.preferred_language = self.choice(LANGUAGES)
            if self.rng.random() < 0.15:
                client.representative_name = (
                    f"{self.choice(GIVEN_NAMES)} {self.choice(FAMILY_NAMES)}"
                )
                client.representative_kind = self.choice(RepresentativeKind.values)
                client.representative_phone = (
                    f"023-555 {self.rng.randrange(10, 99)} {self.rng.randrange(10, 99)}"
                )
            client.pseudonym = resident_pseudonym(
                date_of_birth=client.date_of_birth,
                postcode=client.postcode,
                house_number=client.house_number,
                family_name=client.family_name,
            )
            client.preferred_channel = self.channels[self.pick(self.caseload.channels)]
            if client.preferred_channel.code == "zonder-client":
                client.preferred_channel = self.channels["telefoon"]
            self.people.append(person)
        if self.areas and (not anonymous or self.rng.random() < 0.5):
            client.area = self.choice(self.areas)
        self.clients.append(client)
        self.client_groups.append((client, groups))
        return client

    def person(self) -> dict[str, Any]:
        young = self.caseload.organisation_slug == "cjg-haarlem"
        born = self.day(date(1972, 1, 1), date(2000, 12, 31)) if young else None
        return {
            "given_name": self.choice(GIVEN_NAMES),
            "family_name": self.choice(FAMILY_NAMES),
            "date_of_birth": born or self.day(date(1932, 1, 1), date(2004, 12, 31)),
            "postcode": f"20{self.rng.randrange(11, 38)}"
            + "".join(self.rng.choices("ABCDEGHJKLMNPRSTVWXZ", k=2)),
            "house_number": str(self.rng.randrange(1, 240))
            + ("" if self.rng.random() < 0.85 else self.choice(["A", "B", "-1", "-2", "rd"])),
        }

    # -- cases

    def plan(self) -> list[_PlannedCase]:
        c = self.caseload
        planned: list[_PlannedCase] = []
        quarters = DAYS / 91.25
        for _ in range(round(c.information_advice_per_quarter * quarters)):
            client = self.new_client(anonymous=self.rng.random() < c.information_advice_anonymous)
            moment = self.moment_on(self.day(self.start, self.today))
            planned.append(_PlannedCase(client, self.pick(c.topics), [moment], True))
        if c.clients_per_year is not None and c.cases_per_year is not None:
            for year in range(DAYS // 365):
                first = self.start + timedelta(days=365 * year)
                last = min(first + timedelta(days=364), self.today)
                clients = [self.new_client(anonymous=False) for _ in range(c.clients_per_year)]
                owners = clients + [
                    self.choice(clients) for _ in range(c.cases_per_year - c.clients_per_year)
                ]
                for client in owners:
                    planned.append(self.trajectory(client, self.day(first, last)))
        else:
            named: list[Client] = []
            for _ in range(round(c.trajectories_per_quarter * quarters)):
                if named and self.rng.random() < c.returning_clients:
                    client = self.choice(named)
                else:
                    client = self.new_client(anonymous=False)
                    named.append(client)
                planned.append(self.trajectory(client, self.day(self.start, self.today)))
        return planned

    def trajectory(self, client: Client, opened: date) -> _PlannedCase:
        c = self.caseload
        length = self.rng.randrange(*c.trajectory_days)
        count = self.rng.randrange(c.contacts_per_trajectory[0], c.contacts_per_trajectory[1] + 1)
        last = min(opened + timedelta(days=length), self.today)
        days = sorted([opened] + [self.day(opened, last) for _ in range(count - 1)])
        moments = sorted(self.moment_on(day) for day in days)
        return _PlannedCase(client, self.pick(c.topics), moments, False)

    def minutes(self, planned: _PlannedCase) -> list[int]:
        c = self.caseload
        if planned.information_advice:
            return [self.rng.randrange(5, 31)]
        if c.minutes_per_client_per_year and c.clients_per_year and c.cases_per_year:
            # Spread the client's yearly hours over the contacts of the case.
            per_case = c.minutes_per_client_per_year * c.clients_per_year / c.cases_per_year
            total = per_case * self.rng.uniform(0.75, 1.25)
            weights = [self.rng.uniform(0.5, 1.5) for _ in planned.moments]
            return [max(1, min(MAX_MINUTES, round(total * w / sum(weights)))) for w in weights]
        low, high = c.minutes_per_contact
        return [self.rng.randrange(low, high + 1) for _ in planned.moments]

    def build(self) -> CaseloadReport:
        planned = self.plan()
        Client.objects.bulk_create(self.clients, batch_size=BATCH_SIZE)
        target_group_link = Client.target_groups.through
        target_group_link.objects.bulk_create(
            [
                target_group_link(client_id=client.pk, targetgroup_id=self.target_groups[code].pk)
                for client, codes in self.client_groups
                for code in codes
            ],
            batch_size=BATCH_SIZE,
        )
        first_contact = self.first_contacts(planned)
        consents = [
            Consent(
                client=client,
                subject=ConsentSubject.REGISTRATION,
                purpose="Gegevens vastleggen om de cliënt te ondersteunen.",
                given_on=timezone.localdate(first_contact[client.pk]),
            )
            for client in self.clients
            if not client.is_anonymous and client.pk in first_contact
        ]
        Consent.objects.bulk_create(consents, batch_size=BATCH_SIZE)

        cases: list[Case] = []
        case_minutes: list[list[int]] = []
        for item in planned:
            cases.append(self.case(item))
            case_minutes.append(self.minutes(item))
        Case.objects.bulk_create(cases, batch_size=BATCH_SIZE)
        assigned = [self.case_supporters() for _ in cases]
        supporter_link = Case.supporters.through
        supporter_link.objects.bulk_create(
            [
                supporter_link(case_id=case.pk, user_id=supporter.pk)
                for case, people in zip(cases, assigned, strict=True)
                for supporter in people
            ],
            batch_size=BATCH_SIZE,
        )
        moments = []
        for item, case, minutes, people in zip(planned, cases, case_minutes, assigned, strict=True):
            moments += self.contact_moments(item, case, minutes, people)
        ContactMoment.objects.bulk_create(moments, batch_size=BATCH_SIZE)
        appointments = self.appointments(cases, assigned)
        Appointment.objects.bulk_create(appointments)
        return CaseloadReport(
            clients=len(self.clients),
            cases=len(cases),
            contact_moments=len(moments),
            appointments=len(appointments),
        )

    def first_contacts(self, planned: list[_PlannedCase]) -> dict[int, datetime]:
        first: dict[int, datetime] = {}
        for item in planned:
            pk = item.client.pk
            assert pk is not None
            if pk not in first or item.moments[0] < first[pk]:
                first[pk] = item.moments[0]
        return first

    def case_supporters(self) -> list[User]:
        if not self.supporters:
            return []
        main = self.supporters[0]
        if len(self.supporters) == 1:
            return [main]
        draw = self.rng.random()
        if draw < 0.7:
            return [main]
        if draw < 0.9:
            return [self.supporters[1]]
        return self.supporters[:2]

    def case(self, item: _PlannedCase) -> Case:
        first, last = item.moments[0], item.moments[-1]
        case = Case(
            organisation=self.organisation,
            client=item.client,
            topic=self.topics[item.topic],
            question="" if item.information_advice else self.choice(QUESTIONS[item.topic]),
            opened_on=timezone.localdate(first),
            heard_via=self.choice(HeardVia.values),
            last_activity_at=last,
        )
        age = (self.today - timezone.localdate(last)).days
        stays_open = not item.information_advice and (
            age < 21 or (age < 120 and self.rng.random() < 0.25)
        )
        if stays_open:
            return case
        case.status = CaseStatus.CLOSED
        case.closed_on = min(self.today, timezone.localdate(last) + timedelta(days=age % 8))
        if item.information_advice:
            case.closed_on = timezone.localdate(last)
            outcome = self.pick({"opgelost": 80, "doorverwezen": 15, "overig": 5})
        else:
            outcome = self.pick(
                {
                    "opgelost": 45,
                    "deels-opgelost": 25,
                    "doorverwezen": 15,
                    "gestopt-door-client": 8,
                    "niet-bereikt": 5,
                    "overig": 2,
                }
            )
            if self.rng.random() < 0.5:
                case.satisfaction = self.rng.choices(range(4, 11), weights=[1, 2, 4, 8, 10, 6, 3])[
                    0
                ]
                case.experienced_independent = self.pick(
                    {Answer.YES: 85, Answer.NO: 5, Answer.UNKNOWN: 10}
                )
        case.outcome = self.outcomes[outcome]
        return case

    def contact_moments(
        self, item: _PlannedCase, case: Case, minutes: list[int], supporters: list[User]
    ) -> list[ContactMoment]:
        result = []
        for index, (moment, spent) in enumerate(zip(item.moments, minutes, strict=True)):
            if item.information_advice:
                activity = "informatie-advies"
            elif index == 0:
                activity = "vraagverheldering"
            elif index == len(item.moments) - 1 and case.status == CaseStatus.CLOSED:
                activity = "evaluatie"
            elif item.topic == "bezwaar":
                activity = self.pick({"bezwaar-beroep": 5, "klacht": 2, "meedenken": 2})
            else:
                activity = self.pick(
                    {
                        "meedenken": 30,
                        "hulp-aanvraag": 25,
                        "begeleiding-gesprek": 15,
                        "bemiddeling": 15,
                        "overig": 5,
                    }
                )
            channel = self.pick(self.caseload.channels)
            with_whom, partner = WithWhom.CLIENT, None
            if channel == "zonder-client":
                with_whom = WithWhom.NOBODY
            elif not item.information_advice and self.partners and self.rng.random() < 0.12:
                with_whom, partner = WithWhom.ORGANISATION, self.choice(self.partners)
            elif item.client.representative_name and self.rng.random() < 0.3:
                with_whom = WithWhom.CARER
            if item.information_advice and channel in ("zonder-client", "huisbezoek"):
                channel = "telefoon"
                with_whom = WithWhom.CLIENT
            result.append(
                ContactMoment(
                    organisation=self.organisation,
                    case=case,
                    occurred_at=moment,
                    channel=self.channels[channel],
                    activity=self.activities[activity],
                    minutes=spent,
                    with_whom=with_whom,
                    with_organisation=partner,
                    note=self.choice(NOTES[activity]) if self.rng.random() < 0.6 else "",
                    registered_by=self.choice(supporters) if supporters else None,
                )
            )
        return result

    def appointments(self, cases: list[Case], assigned: list[list[User]]) -> list[Appointment]:
        """A few planned appointments for the organisation's first demo supporter."""
        if not self.supporters:
            return []
        open_cases = [
            case
            for case, people in zip(cases, assigned, strict=True)
            if case.status == CaseStatus.OPEN and self.supporters[0] in people
        ]
        self.rng.shuffle(open_cases)
        result = []
        for index, case in enumerate(open_cases[:5]):
            channel, place, description = APPOINTMENTS[index % len(APPOINTMENTS)]
            # One is yesterday and still to be handled; the others are coming up.
            day = self.today + timedelta(days=-1 if index == 0 else index * 2)
            hour = 9 + index
            result.append(
                Appointment(
                    organisation=self.organisation,
                    case=case,
                    supporter=self.supporters[0],
                    starts_at=timezone.make_aware(datetime.combine(day, time(hour, 30))),
                    channel=self.channels[channel],
                    place=place,
                    description=description,
                    status=AppointmentStatus.PLANNED,
                )
            )
        return result


def demo_cases_load() -> dict[str, CaseloadReport]:
    """Add two years of invented work to each demo organisation that has no clients yet."""
    reports: dict[str, CaseloadReport] = {}
    known_people: list[dict[str, Any]] = []
    for caseload in CASELOADS:
        organisation = Organisation.objects.filter(slug=caseload.organisation_slug).first()
        if organisation is None:
            continue
        # Idempotent: an organisation that has clients (from an earlier load,
        # or real ones) gets nothing added.
        if Client.objects.filter(organisation=organisation).exists():
            continue
        supporters = [
            user
            for email in caseload.supporters
            for user in User.objects.filter(email=email, membership__organisation=organisation)
        ]
        generator = _Generator(
            caseload=caseload,
            organisation=organisation,
            supporters=supporters,
            known_people=known_people,
        )
        reports[caseload.organisation_slug] = generator.build()
        if caseload.organisation_slug == "sociale-wijkteams":
            known_people = generator.people
    return reports
