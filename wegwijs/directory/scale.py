"""Invented sociale-kaart entries in bulk, for benchmarks (``generate_scale_data --services``).

Services go in with ``bulk_create``, their search terms computed in Python
exactly as ``services.service_refresh_search`` does, so search and the
finder see them like any other entry. No audit entries: this is invented
data, not user actions. For benchmark and test databases only.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Municipality, Organisation
from wegwijs.directory import search
from wegwijs.directory.cache import version_bump
from wegwijs.directory.models import (
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceSearchTerm,
)
from wegwijs.reference.languages import LANGUAGE_CODES, language_label
from wegwijs.reference.models import Area, Channel, TargetGroup, Topic

FACILITY_SLUG = "kaart-{:05d}"
SERVICES_PER_FACILITY = 8
# Share of the services that go to client-support organisations given to ``generate``.
CLIENT_SUPPORT_SHARE = 0.02

# Words that describe help on a topic, for descriptions that search can find.
TOPIC_WORDS: dict[str, list[str]] = {
    "bezwaar": ["bezwaar", "beroep", "klacht", "besluit", "hoorzitting", "rechtshulp"],
    "dagbesteding": ["dagbesteding", "activiteiten", "werkplaats", "ontmoeting", "structuur"],
    "financien": ["schulden", "geldzorgen", "budget", "rekeningen", "toeslagen", "betalen"],
    "huishouden": ["huishouden", "schoonmaken", "boodschappen", "wassen", "koken"],
    "jeugd-onderwijs": ["opvoeden", "kinderen", "school", "jongeren", "ouders", "pesten"],
    "vervoer": ["vervoer", "taxi", "rolstoelbus", "scootmobiel", "reizen"],
    "wonen-opvang": ["wonen", "huurwoning", "opvang", "dakloos", "huisvesting"],
    "werk-inkomen": ["werk", "uitkering", "solliciteren", "inkomen", "bijstand"],
    "zorg-gezondheid": ["zorg", "gezondheid", "huisarts", "thuiszorg", "herstel"],
    "hulpmiddelen": ["hulpmiddelen", "rollator", "woningaanpassing", "traplift", "krukken"],
    "regelgeving": ["formulieren", "brieven", "aanvragen", "regels", "papieren"],
    "sociaal-netwerk": ["eenzaamheid", "ontmoeting", "buurt", "vrijwilligers", "koffie"],
    "mantelzorg": ["mantelzorg", "respijt", "ontlasten", "zorgen", "familie"],
    "veiligheid": ["veiligheid", "geweld", "mishandeling", "advies", "melding"],
    "taal-meedoen": ["taal", "lezen", "schrijven", "computer", "inburgeren"],
    "overig": ["informatie", "advies", "doorverwijzing"],
}
GENERAL_WORDS = [
    "hulp",
    "advies",
    "spreekuur",
    "inwoners",
    "gratis",
    "afspraak",
    "informatie",
    "ondersteuning",
    "samen",
    "gesprek",
    "wijk",
    "telefonisch",
]
KINDS_OF_HELP = ["Spreekuur", "Steunpunt", "Inloop", "Hulplijn", "Cursus", "Maatje", "Loket"]
STREETS = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Stationsplein", "Parkweg", "Schoolstraat"]


@dataclass(frozen=True)
class Lists:
    topics: list[Topic]
    groups: list[TargetGroup]
    channels: list[Channel]
    areas: list[Area]

    @classmethod
    def load(cls, municipality: Municipality) -> "Lists":
        return cls(
            topics=list(Topic.objects.filter(is_active=True)),
            groups=list(TargetGroup.objects.filter(is_active=True)),
            channels=list(Channel.objects.filter(is_active=True)),
            areas=list(Area.objects.filter(municipality=municipality)),
        )


def generate(
    *,
    services: int,
    municipality: Municipality,
    client_support: list[Organisation],
    rng: random.Random,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Create ``services`` services: a share for ``client_support``, the rest at new facilities."""
    lists = Lists.load(municipality)
    for_support = int(services * CLIENT_SUPPORT_SHARE) if client_support else 0
    for_facilities = services - for_support
    facilities = _facilities(
        count=-(-for_facilities // SERVICES_PER_FACILITY),
        municipality=municipality,
        lists=lists,
        rng=rng,
    )
    owners = [client_support[i % len(client_support)] for i in range(for_support)] + [
        facilities[i // SERVICES_PER_FACILITY] for i in range(for_facilities)
    ]
    locations = {
        location.organisation_id: location
        for location in Location.objects.filter(organisation__in=facilities)
    }
    made = 0
    for start in range(0, len(owners), batch_size):
        batch = owners[start : start + batch_size]
        with transaction.atomic():
            _services(batch, lists=lists, locations=locations, rng=rng)
        made += len(batch)
        if progress:
            progress(len(batch))
    # Bulk inserts send no signals: make cached answers obsolete by hand.
    version_bump()
    return {"facilities": len(facilities), "services": made}


def _facilities(
    *, count: int, municipality: Municipality, lists: Lists, rng: random.Random
) -> list[Organisation]:
    first = Organisation.objects.filter(slug__startswith="kaart-").count() + 1
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                slug=FACILITY_SLUG.format(n),
                name=f"{rng.choice(KINDS_OF_HELP)} {n:05d}",
                kind=rng.choice(
                    [OrganisationKind.FACILITY] * 4 + [OrganisationKind.MUNICIPAL_SERVICE]
                ),
                description="Voorziening (testgegevens voor de schaal).",
                phone=f"023-555 {n % 100:02d} {n % 97:02d}",
                email=f"info@kaart-{n:05d}.example.org",
                street_address=f"{rng.choice(STREETS)} {n % 200 + 1}",
                postcode=f"20{rng.randint(11, 37)} AB",
                city="Haarlem",
                address_is_confidential=rng.random() < 0.02,
            )
            for n in range(first, first + count)
        ],
        batch_size=1000,
    )
    municipality.organisations.add(*organisations)
    checked = timezone.localdate() - timedelta(days=rng.randint(0, 500))
    locations = Location.objects.bulk_create(
        [
            Location(
                organisation=organisation,
                name=f"Locatie {organisation.name}",
                street_address=organisation.street_address,
                postcode=organisation.postcode.replace(" ", ""),
                city="Haarlem",
                area=rng.choice(lists.areas) if lists.areas else None,
                accessibility=rng.choice(["Drempelvrij.", "Met lift.", ""]),
                is_confidential=organisation.address_is_confidential,
                checked_on=checked,
            )
            for organisation in organisations
        ],
        batch_size=1000,
    )
    Schedule.objects.bulk_create(
        [
            Schedule(
                location=location,
                weekday=rng.randint(1, 5),
                opens_at=time(9, 30),
                closes_at=time(12, 0),
                is_walk_in=rng.random() < 0.5,
            )
            for location in locations
        ],
        batch_size=1000,
    )
    return organisations


def _services(
    owners: list[Organisation],
    *,
    lists: Lists,
    locations: dict[int, Location],
    rng: random.Random,
) -> None:
    languages = sorted(LANGUAGE_CODES - {"nl"})
    today = timezone.localdate()
    rows: list[Service] = []
    relations: list[dict[str, Any]] = []
    for organisation in owners:
        topics = rng.sample(lists.topics, rng.choice([1, 1, 2, 3]))
        groups = rng.sample(lists.groups, rng.choice([0, 0, 1, 2]))
        channels = rng.sample(lists.channels, rng.choice([1, 2, 3]))
        areas = rng.sample(lists.areas, rng.choice([0, 0, 0, 1, 2])) if lists.areas else []
        codes = ["nl", *rng.sample(languages, rng.choice([0, 0, 1, 2]))]
        words = [w for topic in topics for w in rng.sample(TOPIC_WORDS[topic.code], 3)]
        words += rng.sample(GENERAL_WORDS, 4)
        name = f"{rng.choice(KINDS_OF_HELP)} {topics[0].label_nl.lower()}"
        description = "Wij bieden " + ", ".join(words) + "."
        labels = [
            label
            for item in [*topics, *groups, *channels]
            for label in (item.label_nl, item.label_en)
        ]
        labels += [area.name for area in areas] + [organisation.get_kind_display()]
        labels += [language_label(code) for code in codes]
        terms = search.document_terms(
            title=[name, organisation.name], body=[description, organisation.description, *labels]
        )
        rows.append(
            Service(
                organisation=organisation,
                name=name,
                description=description,
                phone=organisation.phone,
                checked_on=today - timedelta(days=rng.randint(0, 500)),
                search_document=" ".join(sorted(terms)),
            )
        )
        relations.append(
            {
                "topics": topics,
                "groups": groups,
                "channels": channels,
                "areas": areas,
                "languages": codes,
                "terms": terms,
            }
        )
    services = Service.objects.bulk_create(rows)
    topic_rows: list[Any] = []
    group_rows: list[Any] = []
    channel_rows: list[Any] = []
    area_rows: list[Any] = []
    language_rows: list[ServiceLanguage] = []
    term_rows: list[ServiceSearchTerm] = []
    at_rows: list[ServiceAtLocation] = []
    for service, related in zip(services, relations, strict=True):
        topic_rows += [Service.topics.through(service=service, topic=t) for t in related["topics"]]
        group_rows += [
            Service.target_groups.through(service=service, targetgroup=g) for g in related["groups"]
        ]
        channel_rows += [
            Service.channels.through(service=service, channel=c) for c in related["channels"]
        ]
        area_rows += [Service.areas.through(service=service, area=a) for a in related["areas"]]
        language_rows += [ServiceLanguage(service=service, code=c) for c in related["languages"]]
        term_rows += [
            ServiceSearchTerm(service=service, term=term, weight=weight)
            for term, weight in related["terms"].items()
        ]
        location = locations.get(service.organisation_id)
        if location is not None:
            at_rows.append(ServiceAtLocation(service=service, location=location))
    for model, batch in (
        (Service.topics.through, topic_rows),
        (Service.target_groups.through, group_rows),
        (Service.channels.through, channel_rows),
        (Service.areas.through, area_rows),
        (ServiceLanguage, language_rows),
        (ServiceSearchTerm, term_rows),
        (ServiceAtLocation, at_rows),
    ):
        manager: Any = model.objects
        manager.bulk_create(batch, batch_size=2000)
