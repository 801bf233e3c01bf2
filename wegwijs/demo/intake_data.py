"""Routing rules and a few residents' requests for the Haarlem demo.

The rules show each kind of criterion (topic, target group, language); the
default sends everything else to the neighbourhood teams. The requests land
in the demo coordinator's inbox (Sociale wijkteams), one of them older than
the service norm. Every person is invented: phone numbers in the 06-5550
range, e-mail addresses under ``DEMO_DOMAIN``. Loading again creates nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from wegwijs.accounts.models import Municipality, Organisation
from wegwijs.demo.data import DEMO_DOMAIN, MUNICIPALITY
from wegwijs.intake import selectors, services
from wegwijs.intake.models import HelpRequest, MunicipalityDefault, RoutingRule, ServiceNorm
from wegwijs.reference.models import TargetGroup, Topic

DEFAULT_ORGANISATION = "sociale-wijkteams"

# (priority, organisation, criteria, note)
RULES: list[tuple[int, str, dict[str, str], str]] = [
    (10, "cjg-haarlem", {"topic": "jeugd-onderwijs"}, "Vragen over kinderen en school"),
    (
        20,
        "mee-de-wering",
        {"target_group": "verstandelijke-beperking"},
        "Mensen met een verstandelijke beperking",
    ),
    (30, "mee-de-wering", {"topic": "financien"}, "Geld en schulden"),
    (40, "wijkcontactvrouwen", {"language": "ar"}, "Arabisch sprekende inwoners"),
    (41, "wijkcontactvrouwen", {"language": "tr"}, "Turks sprekende inwoners"),
    (50, "clientenbelang", {"topic": "bezwaar"}, "Bezwaar en klachten: onafhankelijk"),
]

SERVICE_NORMS = {"sociale-wijkteams": 3, "cjg-haarlem": 5}


@dataclass(frozen=True)
class DemoRequest:
    reference: str
    days_ago: int
    question: str
    fields: dict[str, Any] = field(default_factory=dict)


REQUESTS = [
    DemoRequest(
        reference="H-DEMA-AAA2",
        days_ago=9,
        question=(
            "Ik ben 78 en kan het huishouden niet meer alleen. De gemeente stuurde een "
            "formulier voor hulp, maar ik weet niet wat ik moet invullen."
        ),
        fields={
            "topic_code": "huishouden",
            "name": "Gerda Spaarndam",
            "contact_channel": "telefoon",
            "phone": "06 5550 0101",
            "contact_times": ["ochtend"],
        },
    ),
    DemoRequest(
        reference="H-DEMA-AAA3",
        days_ago=1,
        question=(
            "Mijn moeder woont alleen en wordt vergeetachtig. Ik zorg voor haar naast mijn "
            "werk en het wordt me te veel. Waar kan ik terecht?"
        ),
        fields={
            "topic_code": "mantelzorg",
            "for_whom": "naaste",
            "cared_for_name": "Truus",
            "name": "Sander Kleverpark",
            "contact_channel": "email",
            "email": f"sander.kleverpark@{DEMO_DOMAIN}",
            "contact_times": ["avond"],
            "preferred_organisation_slug": "sociale-wijkteams",
        },
    ),
    DemoRequest(
        reference="H-DEMA-AAA4",
        days_ago=0,
        question="Mijn buurman zegt dat ik een rolstoel kan krijgen. Hoe werkt dat?",
        fields={
            "topic_code": "hulpmiddelen",
            "contact_channel": "whatsapp",
            "phone": "06 5550 0103",
            "contact_times": ["middag", "avond"],
        },
    ),
    DemoRequest(
        reference="H-DEMA-AAA5",
        days_ago=2,
        question="Ik heb een brief van de deurwaarder gekregen en ik weet niet wat ik moet doen.",
        fields={
            "topic_code": "financien",
            "name": "Kees Rozenprieel",
            "contact_channel": "telefoon",
            "phone": "06 5550 0104",
        },
    ),
]


@dataclass
class IntakeReport:
    rules: int = 0
    requests: int = 0

    @property
    def total(self) -> int:
        return self.rules + self.requests


def _rules_load(municipality: Municipality) -> int:
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    created = 0
    if not RoutingRule.objects.filter(municipality=municipality).exists():
        for priority, slug, criteria, note in RULES:
            if slug not in organisations:
                continue
            RoutingRule.objects.create(
                municipality=municipality,
                priority=priority,
                organisation=organisations[slug],
                topic=Topic.objects.filter(code=criteria.get("topic", "")).first(),
                target_group=TargetGroup.objects.filter(
                    code=criteria.get("target_group", "")
                ).first(),
                language=criteria.get("language", ""),
                note=note,
            )
            created += 1
    if DEFAULT_ORGANISATION in organisations:
        _default, was_created = MunicipalityDefault.objects.get_or_create(
            municipality=municipality,
            defaults={"organisation": organisations[DEFAULT_ORGANISATION]},
        )
        created += was_created
    for slug, days in SERVICE_NORMS.items():
        if slug in organisations:
            _norm, was_created = ServiceNorm.objects.get_or_create(
                organisation=organisations[slug], defaults={"working_days": days}
            )
            created += was_created
    return created


def _received(days_ago: int) -> datetime:
    today = timezone.localdate()
    # Working days back, so "9" is overdue and "1" is not, whatever today is.
    day = selectors.overdue_before(today=today, days=days_ago).date() if days_ago else today
    return timezone.make_aware(datetime.combine(day, time(9, 30))) + timedelta(minutes=days_ago)


@transaction.atomic
def demo_intake_load() -> IntakeReport:
    """Create the routing rules, the default and the demo requests that are missing.

    One transaction: the queued processing of each request runs after the
    commit, when the request is routed and marked as notified already.
    """
    report = IntakeReport()
    municipality = Municipality.objects.filter(slug=MUNICIPALITY.slug).first()
    if municipality is None:
        return report
    report.rules = _rules_load(municipality)
    existing = set(
        HelpRequest.objects.filter(
            reference__in=[request.reference for request in REQUESTS]
        ).values_list("reference", flat=True)
    )
    for demo in REQUESTS:
        if demo.reference in existing:
            continue
        values: dict[str, Any] = {"for_whom": "zelf", "consent": True, **demo.fields}
        help_request = services.request_submit(question=demo.question, **values)
        services.request_route(request_id=help_request.pk)
        # Invented people get no mail; the fixed reference makes loading again a no-op.
        now = timezone.now()
        HelpRequest.objects.filter(pk=help_request.pk).update(
            reference=demo.reference,
            received_at=_received(demo.days_ago),
            coordinators_notified_at=now,
            confirmation_sent_at=now,
        )
        report.requests += 1
    return report
