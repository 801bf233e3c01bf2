"""Fill a database with realistic random case-register data, for benchmarks.

    python manage.py generate_scale_data --organisations 100 --clients 250000 \\
        --contacts 1000000 [--seed N] [--batch-size N] [--password PW]

Creates client-support organisations ``schaal-0001``… in the municipality
``haarlem`` (created when missing), one supporter account per organisation
(``scale-supporter-0001@example.org``…) and, spread evenly over them, exactly
``--clients`` clients and ``--contacts`` contact moments over the last two
years, with about one case per two to four contacts, mostly closed.

Rows go in with ``bulk_create`` in batches, one organisation at a time, so
memory stays bounded whatever the size. This bypasses the services and their
audit entries on purpose: it makes invented history, not user actions. Every
row still meets the model's constraints. Never run it on a database with real
clients: it is for benchmark and test databases only.
"""

import math
import random
import secrets
import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import connection, transaction
from django.utils import timezone

from wegwijs.accounts.constants import OrganisationKind, Role
from wegwijs.accounts.models import Membership, Municipality, Organisation, User
from wegwijs.accounts.services import municipality_create
from wegwijs.cases.constants import MAX_MINUTES, Answer, CaseStatus, HeardVia, WithWhom
from wegwijs.cases.models import Case, Client, ContactMoment
from wegwijs.core.pseudonym import resident_pseudonym
from wegwijs.directory import scale as directory_scale
from wegwijs.reference.models import Activity, Channel, Outcome, Topic

MUNICIPALITY_SLUG = "haarlem"
ORGANISATION_SLUG = "schaal-{:04d}"
SUPPORTER_EMAIL = "scale-supporter-{:04d}@example.org"
DAYS = 730

GIVEN_NAMES = [
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Femke",
    "Gerrit",
    "Henk",
    "Ineke",
    "Joost",
    "Karin",
    "Lotte",
    "Niels",
    "Petra",
    "Sanne",
    "Thijs",
    "Ayse",
    "Emre",
    "Fatma",
    "Hasan",
    "Mehmet",
    "Elif",
    "Fatima",
    "Mohammed",
    "Khadija",
    "Youssef",
    "Nadia",
    "Said",
    "Roshni",
    "Ravi",
    "Sharda",
    "Errol",
    "Gloria",
    "Winston",
]
FAMILY_NAMES = [
    name.replace("_", " ")
    for name in [
        "de_Vries",
        "Jansen",
        "van_den_Berg",
        "Bakker",
        "Visser",
        "Smit",
        "Meijer",
        "de_Boer",
        "Mulder",
        "de_Groot",
        "Bos",
        "Vos",
        "Yilmaz",
        "Kaya",
        "Demir",
        "Celik",
        "Aydin",
        "El_Amrani",
        "Bouzid",
        "Benali",
        "Tahiri",
        "Ramdin",
        "Biharie",
        "Pinas",
        "Sewnath",
    ]
]
NOTES = (
    "",
    "",
    "Informatie gegeven.",
    "Vraag verhelderd.",
    "Aanvraag samen ingevuld.",
    "Mee naar gesprek.",
    "Terugbelverzoek afgehandeld.",
)
# Contacts per case: many information-and-advice cases of one contact, and
# trajectories of a few to many contacts; the mean is about three.
CASE_SIZES = (1, 2, 3, 4, 5, 6, 8, 10)
CASE_SIZE_WEIGHTS = (30, 14, 12, 10, 9, 8, 9, 8)


@dataclass(frozen=True)
class Codes:
    topics: list[int]
    channels: list[int]
    activities: list[int]
    information_advice: int
    outcomes: list[int]

    @classmethod
    def load(cls) -> "Codes":
        activities = dict(Activity.objects.values_list("code", "pk"))
        if "informatie-advies" not in activities:
            raise CommandError(
                "The reference lists are missing: run 'manage.py migrate' (it loads them)."
            )
        return cls(
            topics=list(Topic.objects.values_list("pk", flat=True)),
            channels=list(Channel.objects.values_list("pk", flat=True)),
            activities=list(activities.values()),
            information_advice=activities["informatie-advies"],
            outcomes=list(Outcome.objects.values_list("pk", flat=True)),
        )


class Progress:
    """A plain-text progress bar on stderr: redrawn on a terminal, a line per 10% elsewhere."""

    def __init__(self, total: int, stream: OutputWrapper, label: str = "contact moments") -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.label = label
        self.done = 0
        self.started = clock.monotonic()
        self.tty = stream.isatty()
        self.last_tenth = -1

    def add(self, count: int) -> None:
        self.done += count
        fraction = self.done / self.total
        if not self.tty and int(fraction * 10) == self.last_tenth:
            return
        self.last_tenth = int(fraction * 10)
        elapsed = clock.monotonic() - self.started
        rate = self.done / elapsed if elapsed else 0.0
        eta = (self.total - self.done) / rate if rate else 0.0
        filled = int(fraction * 30)
        line = (
            f"[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} "
            f"{self.done:,}/{self.total:,} {self.label}, {rate:,.0f}/s, "
            f"{elapsed:.0f} s, about {eta:.0f} s left"
        )
        self.stream.write(("\r" + line) if self.tty else line, ending="" if self.tty else "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("")


def split_evenly(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that differ by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


class Command(BaseCommand):
    help = (
        "Fill the database with random organisations, supporters, clients, cases and "
        "contact moments for benchmarks (bulk inserts, bounded memory). Not for a "
        "database with real clients."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisations", type=int, default=100)
        parser.add_argument("--clients", type=int, default=250_000)
        parser.add_argument("--contacts", type=int, default=1_000_000)
        parser.add_argument(
            "--services",
            type=int,
            default=0,
            help="sociale-kaart services to invent as well (default 0), e.g. 10000",
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="rows per insert (default 2000)"
        )
        parser.add_argument(
            "--password",
            default="",
            help="password of the supporter accounts (default: a random one, printed)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = options["organisations"]
        clients = options["clients"]
        contacts = options["contacts"]
        batch_size = options["batch_size"]
        self._check(organisations, clients, contacts, batch_size)
        slugs = [ORGANISATION_SLUG.format(n) for n in range(1, organisations + 1)]
        taken = Organisation.objects.filter(slug__in=slugs).values_list("slug", flat=True)
        if taken:
            raise CommandError(
                f"Organisation {sorted(taken)[0]} already exists: generate scale data into a "
                "database without earlier scale data."
            )
        codes = Codes.load()
        password = options["password"] or secrets.token_urlsafe(12)
        rng = random.Random(options["seed"])  # noqa: S311 - invented data, not security
        started = clock.monotonic()

        supporters = self._organisations(slugs, password)
        progress = Progress(contacts, self.stderr)
        client_counts = split_evenly(clients, organisations)
        # Every client has at least one contact; the contacts beyond that go to
        # the organisations that have clients.
        with_clients = sum(1 for count in client_counts if count)
        extra_counts = split_evenly(contacts - clients, max(with_clients, 1))
        made_cases = made_contacts = 0
        for index, (organisation, supporter) in enumerate(supporters):
            if not client_counts[index]:
                continue
            cases, moments = self._fill(
                organisation=organisation,
                supporter=supporter,
                clients=client_counts[index],
                extra_contacts=extra_counts[index],
                codes=codes,
                rng=rng,
                batch_size=batch_size,
                progress=progress,
            )
            made_cases += cases
            made_contacts += moments
        progress.finish()
        if options["services"] > 0:
            directory = directory_scale.generate(
                services=options["services"],
                municipality=Municipality.objects.get(slug=MUNICIPALITY_SLUG),
                client_support=[organisation for organisation, _supporter in supporters],
                rng=rng,
                batch_size=batch_size,
                progress=Progress(options["services"], self.stderr, label="services").add,
            )
            self.stdout.write(
                f"Created {directory['services']} services and {directory['facilities']} "
                "facilities' organisations."
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = clock.monotonic() - started
        self.stdout.write(
            f"Created {organisations} organisations, {organisations} supporters, "
            f"{clients} clients, {made_cases} cases and {made_contacts} contact moments "
            f"in {elapsed:.1f} s."
        )
        if not options["password"]:
            self.stdout.write(f"Supporter password: {password}")

    def _check(self, organisations: int, clients: int, contacts: int, batch_size: int) -> None:
        if organisations < 1 or organisations > 9999:
            raise CommandError("--organisations must be between 1 and 9999.")
        if clients < 0 or contacts < 0:
            raise CommandError("--clients and --contacts must not be negative.")
        if contacts < clients:
            raise CommandError(
                f"--contacts ({contacts}) must be at least --clients ({clients}): "
                "every client has at least one contact moment."
            )
        if contacts and not clients:
            raise CommandError("--contacts needs clients: give --clients of at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")

    @transaction.atomic
    def _organisations(self, slugs: list[str], password: str) -> list[tuple[Organisation, User]]:
        municipality = Municipality.objects.filter(slug=MUNICIPALITY_SLUG).first()
        if municipality is None:
            municipality = municipality_create(slug=MUNICIPALITY_SLUG, name="Haarlem")
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=slug,
                    name=f"Schaalorganisatie {slug[-4:]}",
                    kind=OrganisationKind.CLIENT_SUPPORT,
                    description="Cliëntondersteuning (testgegevens voor de schaal).",
                )
                for slug in slugs
            ]
        )
        municipality.organisations.add(*organisations)
        # Hash once: a password hash per account would take longer than the data.
        hashed = make_password(password)
        users = User.objects.bulk_create(
            [
                User(
                    email=SUPPORTER_EMAIL.format(n),
                    full_name=f"Ondersteuner {n:04d}",
                    password=hashed,
                )
                for n in range(1, len(slugs) + 1)
            ]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, role=Role.SUPPORTER, organisation=organisation)
                for user, organisation in zip(users, organisations, strict=True)
            ]
        )
        return list(zip(organisations, users, strict=True))

    def _fill(
        self,
        *,
        organisation: Organisation,
        supporter: User,
        clients: int,
        extra_contacts: int,
        codes: Codes,
        rng: random.Random,
        batch_size: int,
        progress: Progress,
    ) -> tuple[int, int]:
        """Create the organisation's clients with their cases and contacts, batch by batch."""
        now = timezone.localtime()
        today = now.date()
        start = today - timedelta(days=DAYS - 1)
        # Clients in chunks; each chunk gets its share of the extra contacts.
        chunk = max(1, batch_size // 4)
        made_cases = made_contacts = extra_done = 0
        for first in range(0, clients, chunk):
            size = min(chunk, clients - first)
            extra = round(extra_contacts * (first + size) / clients) - extra_done
            extra_done += extra
            share = size + extra
            with transaction.atomic():
                cases, moments = self._chunk(
                    organisation=organisation,
                    supporter=supporter,
                    first_reference=first,
                    clients=size,
                    contacts=share,
                    codes=codes,
                    rng=rng,
                    start=start,
                    today=today,
                    now=now,
                    batch_size=batch_size,
                    progress=progress,
                )
            made_cases += cases
            made_contacts += moments
        return made_cases, made_contacts

    def _chunk(
        self,
        *,
        organisation: Organisation,
        supporter: User,
        first_reference: int,
        clients: int,
        contacts: int,
        codes: Codes,
        rng: random.Random,
        start: date,
        today: date,
        now: datetime,
        batch_size: int,
        progress: Progress,
    ) -> tuple[int, int]:
        # Every client one contact, the rest at random.
        per_client = [1] * clients
        for _ in range(contacts - clients):
            per_client[rng.randrange(clients)] += 1
        new_clients = [self._client(organisation, first_reference + n, rng) for n in range(clients)]
        Client.objects.bulk_create(new_clients, batch_size=batch_size)

        plans: list[tuple[Case, list[datetime]]] = []
        for client, count in zip(new_clients, per_client, strict=True):
            while count:
                size = min(count, rng.choices(CASE_SIZES, weights=CASE_SIZE_WEIGHTS)[0])
                count -= size
                plans.append(self._case(organisation, client, size, codes, rng, start, today, now))
        cases = [case for case, _ in plans]
        Case.objects.bulk_create(cases, batch_size=batch_size)
        link = Case.supporters.through
        link.objects.bulk_create(
            [link(case_id=case.pk, user_id=supporter.pk) for case in cases],
            batch_size=batch_size,
        )
        moments = []
        for case, times in plans:
            single = len(times) == 1
            for moment in times:
                moments.append(
                    ContactMoment(
                        organisation_id=organisation.pk,
                        case_id=case.pk,
                        occurred_at=moment,
                        channel_id=rng.choice(codes.channels),
                        activity_id=codes.information_advice
                        if single
                        else rng.choice(codes.activities),
                        minutes=self._minutes(rng, single=single),
                        with_whom=WithWhom.CLIENT if rng.random() < 0.85 else WithWhom.NOBODY,
                        note=rng.choice(NOTES),
                        registered_by_id=supporter.pk,
                    )
                )
            if len(moments) >= batch_size:
                ContactMoment.objects.bulk_create(moments, batch_size=batch_size)
                progress.add(len(moments))
                moments = []
        ContactMoment.objects.bulk_create(moments, batch_size=batch_size)
        progress.add(len(moments))
        return len(cases), contacts

    @staticmethod
    def _client(organisation: Organisation, number: int, rng: random.Random) -> Client:
        client = Client(organisation_id=organisation.pk, reference=f"S-{number:08d}")
        if rng.random() < 0.3:
            client.is_anonymous = True
            return client
        client.given_name = rng.choice(GIVEN_NAMES)
        client.family_name = rng.choice(FAMILY_NAMES)
        client.date_of_birth = date(1930, 1, 1) + timedelta(days=rng.randrange(27_000))
        letters = rng.choice("ABCDEGHJKLMN") + rng.choice("PRSTVWXZ")
        client.postcode = f"20{rng.randrange(11, 38)}{letters}"
        client.house_number = str(rng.randrange(1, 300))
        if rng.random() < 0.6:
            client.phone = f"023-555 {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
        client.pseudonym = resident_pseudonym(
            date_of_birth=client.date_of_birth,
            postcode=client.postcode,
            house_number=client.house_number,
            family_name=client.family_name,
        )
        return client

    @staticmethod
    def _minutes(rng: random.Random, *, single: bool) -> int:
        if single:
            return rng.randrange(5, 31)
        # Mostly 15 to 90 minutes, now and then a long visit or hearing.
        return max(1, min(MAX_MINUTES, round(rng.lognormvariate(math.log(40), 0.6))))

    @staticmethod
    def _case(
        organisation: Organisation,
        client: Client,
        size: int,
        codes: Codes,
        rng: random.Random,
        start: date,
        today: date,
        now: datetime,
    ) -> tuple[Case, list[datetime]]:
        opened = start + timedelta(days=rng.randrange(DAYS))
        span = 0 if size == 1 else rng.randrange(7, 150)
        last_day = min(today, opened + timedelta(days=span))
        days = [opened] + [
            opened + timedelta(days=rng.randrange((last_day - opened).days + 1))
            for _ in range(size - 1)
        ]
        moments = []
        for day in sorted(days):
            minute = rng.randrange(8 * 60 + 30, 17 * 60)
            moment = timezone.make_aware(datetime.combine(day, time(minute // 60, minute % 60)))
            # Today's contacts lie in the past, and never before the day the case opened.
            if moment > now:
                moment = max(
                    now - timedelta(minutes=1),
                    timezone.make_aware(datetime.combine(day, time(0, 0))),
                )
            moments.append(moment)
        moments.sort()
        case = Case(
            organisation_id=organisation.pk,
            client=client,
            topic_id=rng.choice(codes.topics),
            opened_on=opened,
            heard_via=rng.choice(HeardVia.values),
            last_activity_at=moments[-1],
        )
        last = timezone.localdate(moments[-1])
        # Mostly closed: information and advice always, a trajectory unless recent.
        if size == 1 or (today - last).days > 30 or rng.random() < 0.5:
            case.status = CaseStatus.CLOSED
            case.closed_on = min(today, last + timedelta(days=rng.randrange(0, 8)))
            case.outcome_id = rng.choice(codes.outcomes)
            if size > 1 and rng.random() < 0.4:
                case.satisfaction = rng.randrange(5, 11)
                case.experienced_independent = Answer.YES
        return case, moments
