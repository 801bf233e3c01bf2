"""Load the default reference data, idempotently.

Missing entries are created; entries the administrator changed or added are
left as they are, so loading again never undoes configuration.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from wegwijs.accounts.models import Municipality
from wegwijs.reference import data
from wegwijs.reference.atw import statutory_feestdagen
from wegwijs.reference.constants import AreaKind, HolidayKind
from wegwijs.reference.models import (
    Activity,
    Area,
    Channel,
    CodeListItem,
    Holiday,
    Outcome,
    ReferralDeclineReason,
    ReferralStatus,
    TargetGroup,
    Topic,
)

CODE_LISTS: list[tuple[type[CodeListItem], list[tuple[str, str, str]]]] = [
    (Topic, data.TOPICS),
    (Channel, data.CHANNELS),
    (Activity, data.ACTIVITIES),
    (TargetGroup, data.TARGET_GROUPS),
    (Outcome, data.OUTCOMES),
    (ReferralStatus, data.REFERRAL_STATUSES),
    (ReferralDeclineReason, data.REFERRAL_DECLINE_REASONS),
]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int) -> None:
        self.created[name] = self.created.get(name, 0) + count

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _load_code_list(model: type[CodeListItem], rows: list[tuple[str, str, str]]) -> int:
    existing = set(model.objects.values_list("code", flat=True))
    missing = [
        model(code=code, label_nl=nl, label_en=en, position=position)
        for position, (code, nl, en) in enumerate(rows, start=1)
        if code not in existing
    ]
    model.objects.bulk_create(missing)
    return len(missing)


def _load_holidays() -> int:
    existing = set(Holiday.objects.values_list("date", flat=True))
    missing: list[Holiday] = []
    for year in data.HOLIDAY_YEARS:
        for day in statutory_feestdagen(year):
            if day.date not in existing:
                missing.append(
                    Holiday(
                        date=day.date,
                        name_nl=day.name_nl,
                        name_en=day.name_en,
                        kind=HolidayKind.STATUTORY,
                        source="Atw art. 3",
                    )
                )
                existing.add(day.date)
    for day_date, nl, en in data.ROYAL_DECREE_DAYS:
        if day_date not in existing:
            missing.append(
                Holiday(
                    date=day_date,
                    name_nl=nl,
                    name_en=en,
                    kind=HolidayKind.ROYAL_DECREE,
                    source="Atw art. 3 lid 3 (Koninklijk Besluit)",
                )
            )
            existing.add(day_date)
    Holiday.objects.bulk_create(missing)
    return len(missing)


def areas_load(*, municipality: Municipality) -> int:
    """Create the default areas of ``municipality`` when a list exists for it."""
    districts = data.AREAS.get(municipality.slug, {})
    created = 0
    for district_name, neighbourhoods in districts.items():
        district, was_created = Area.objects.get_or_create(
            municipality=municipality,
            code=slugify(district_name),
            defaults={"name": district_name, "kind": AreaKind.DISTRICT},
        )
        created += was_created
        for name in neighbourhoods:
            _, was_created = Area.objects.get_or_create(
                municipality=municipality,
                code=slugify(name),
                defaults={"name": name, "kind": AreaKind.NEIGHBOURHOOD, "parent": district},
            )
            created += was_created
    return created


@transaction.atomic
def reference_data_load() -> LoadReport:
    """Create every missing default: code lists, Atw holidays and known areas."""
    report = LoadReport()
    for model, rows in CODE_LISTS:
        report.add(str(model._meta.verbose_name_plural), _load_code_list(model, rows))
    report.add("holidays", _load_holidays())
    for municipality in Municipality.objects.all():
        report.add("areas", areas_load(municipality=municipality))
    return report
