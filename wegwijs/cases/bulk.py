"""Bulk writing and reading of registrations in the uniform registration format.

The registrations app parses and checks a file; its checked rows reach the
case register only through this module, and the export reads them here. An
import is an upsert on the organisation's own references, so importing the
same file twice changes nothing:

- a client is found by ``client_ref``; failing that, a client registered in
  Wegwijs itself whose ``reference`` equals it (what the export writes for it);
- a case is found by ``case_ref``; failing that, ``W-<id>`` names a case
  registered in Wegwijs itself (what the export writes for it);
- for every case in the file, its contact moments are matched on their content
  (date, channel, activity, minutes, counted with multiplicity): missing ones
  are made, imported ones the file no longer has are removed. Contact moments
  registered in Wegwijs itself are never removed by an import.

Everything happens in one transaction, in batches; one audit entry and one
``register_changed`` signal per import.
"""

import hashlib
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import CharField, F, Min, Model, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils import timezone

from wegwijs.accounts.models import Organisation, User
from wegwijs.cases import signals
from wegwijs.cases.constants import AuditEvent, CaseStatus
from wegwijs.cases.models import Case, Client, ContactMoment
from wegwijs.cases.services import REFERENCE_ALPHABET
from wegwijs.core.audit import audit_log
from wegwijs.reference.models import Activity, Area, Channel, Outcome, TargetGroup, Topic

NATIVE_CASE_REF = re.compile(r"^W-(\d{1,18})$")
NATIVE_CASE_PREFIX = "W-"
# Imported contact moments carry a date only; noon keeps that date in every time zone.
CONTACT_TIME = time(12, 0)
CHUNK = 500
# A contact moment's content: date, channel id, activity id, minutes.
_Signature = tuple[date, int, int, int]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ContactRecord:
    on: date
    channel: str
    activity: str
    minutes: int


@dataclass(slots=True)
class CaseRecord:
    case_ref: str
    topic: str
    opened_on: date
    closed_on: date | None
    outcome: str
    contacts: list[ContactRecord] = field(default_factory=list)


@dataclass(slots=True)
class ClientRecord:
    client_ref: str
    area: str
    target_groups: tuple[str, ...]
    cases: list[CaseRecord] = field(default_factory=list)


@dataclass
class ImportCounts:
    clients_created: int = 0
    clients_updated: int = 0
    cases_created: int = 0
    cases_updated: int = 0
    contact_moments_created: int = 0
    contact_moments_deleted: int = 0
    # The earliest day whose figures may have changed.
    first_day: date | None = None

    @property
    def changed(self) -> bool:
        return any(
            (
                self.clients_created,
                self.clients_updated,
                self.cases_created,
                self.cases_updated,
                self.contact_moments_created,
                self.contact_moments_deleted,
            )
        )

    def touch(self, day: date | None) -> None:
        if day is not None and (self.first_day is None or day < self.first_day):
            self.first_day = day

    def as_dict(self) -> dict[str, int]:
        return {
            "clients_created": self.clients_created,
            "clients_updated": self.clients_updated,
            "cases_created": self.cases_created,
            "cases_updated": self.cases_updated,
            "contact_moments_created": self.contact_moments_created,
            "contact_moments_deleted": self.contact_moments_deleted,
        }


def chunked(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (attribute name to value) with ``executemany``.

    ``bulk_create`` spends most of an import preparing every value of every
    object; this sends plain tuples. Fields a row leaves out get their
    default; ``auto_now`` fields get the current time. The database's
    constraints still check every row.
    """
    if not rows:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults: dict[str, Any] = {}
    prepare: list[Callable[[Any], Any] | None] = []
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            default: Any = now
        else:
            default = f.get_default()
        defaults[f.attname] = str(default) if isinstance(default, str) else default
        kind = f.get_internal_type()
        if kind == "DateTimeField":
            prepare.append(connection.ops.adapt_datetimefield_value)
        elif kind == "DateField":
            prepare.append(connection.ops.adapt_datefield_value)
        else:
            prepare.append(None)
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    # Names come from the model, values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = []
    for row in rows:
        values = []
        for name, prep in zip(names, prepare, strict=True):
            value = row[name] if name in row else defaults[name]
            values.append(prep(value) if prep is not None and value is not None else value)
        params.append(values)
    with connection.cursor() as cursor:
        for batch in chunked(params, 2000):
            cursor.executemany(sql, batch)


def contact_key(on: date, channel: str, activity: str, minutes: int) -> str:
    """The stable content key of an imported contact moment."""
    text = f"{on.isoformat()}|{channel}|{activity}|{minutes}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, CONTACT_TIME))


class _Codes:
    """Code to id and id to code for every code list, loaded once per import."""

    def __init__(self, organisation: Organisation) -> None:
        self.topic = dict(Topic.objects.values_list("code", "pk"))
        self.channel = dict(Channel.objects.values_list("code", "pk"))
        self.activity = dict(Activity.objects.values_list("code", "pk"))
        self.target_group = dict(TargetGroup.objects.values_list("code", "pk"))
        self.outcome = dict(Outcome.objects.values_list("code", "pk"))
        self.area: dict[str, int] = {}
        for code, pk in (
            Area.objects.filter(municipality__in=organisation.municipalities.all())
            .order_by("pk")
            .values_list("code", "pk")
        ):
            self.area.setdefault(code, pk)
        self.channel_code = {pk: code for code, pk in self.channel.items()}
        self.activity_code = {pk: code for code, pk in self.activity.items()}


# --- Import -------------------------------------------------------------------


def registrations_import(
    *,
    organisation: Organisation,
    actor: User | None,
    groups: Iterable[Sequence[ClientRecord]],
    file_name: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportCounts:
    """Write checked records in one transaction; each group holds complete clients.

    Permission is the caller's to check: the registrations app does.
    """
    counts = ImportCounts()
    rows = 0
    with transaction.atomic():
        # One import per organisation at a time, so two uploads never race.
        list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
        codes = _Codes(organisation)
        for number, group in enumerate(groups, start=1):
            _write_group(organisation, codes, group, counts)
            rows += sum(max(1, len(case.contacts)) for client in group for case in client.cases)
            if progress is not None:
                progress(number)
        audit_log(
            event=AuditEvent.REGISTRATIONS_IMPORTED,
            actor=actor,
            obj=organisation,
            detail={
                "organisation": organisation.slug,
                "file": file_name[:200],
                "rows": rows,
                **counts.as_dict(),
            },
        )
        if counts.changed:
            signals.register_changed.send(
                sender=Case, organisation_id=organisation.pk, first_day=counts.first_day
            )
    return counts


def _new_references(organisation: Organisation, count: int) -> list[str]:
    """``count`` new client references, unique within the organisation."""
    chosen: set[str] = set()
    while len(chosen) < count:
        wanted = count - len(chosen)
        candidates = {
            "K-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
            for _ in range(wanted)
        } - chosen
        for batch in chunked(sorted(candidates)):
            taken = set(
                Client.objects.filter(organisation=organisation, reference__in=batch).values_list(
                    "reference", flat=True
                )
            )
            chosen.update(set(batch) - taken)
    return sorted(chosen)[:count]


def _write_group(
    organisation: Organisation, codes: _Codes, clients: Sequence[ClientRecord], counts: ImportCounts
) -> None:
    client_ids = _write_clients(organisation, codes, clients, counts)
    _write_cases(organisation, codes, clients, client_ids, counts)


def _write_clients(
    organisation: Organisation, codes: _Codes, clients: Sequence[ClientRecord], counts: ImportCounts
) -> dict[str, int]:
    now = timezone.now()
    existing: dict[str, tuple[int, int | None]] = {}
    refs = [client.client_ref for client in clients]
    for batch in chunked(refs):
        for pk, ref, area_id in Client.objects.filter(
            organisation=organisation, client_ref__in=batch
        ).values_list("pk", "client_ref", "area_id"):
            existing[ref] = (pk, area_id)
    for batch in chunked(ref for ref in refs if ref not in existing):
        for pk, ref, area_id in Client.objects.filter(
            organisation=organisation, client_ref="", reference__in=batch
        ).values_list("pk", "reference", "area_id"):
            existing[ref] = (pk, area_id)

    through = Client.target_groups.through
    current_groups: dict[int, dict[int, int]] = defaultdict(dict)
    for id_batch in chunked([pk for pk, _ in existing.values()]):
        for link_pk, client_id, group_id in through.objects.filter(
            client_id__in=id_batch
        ).values_list("pk", "client_id", "targetgroup_id"):
            current_groups[client_id][group_id] = link_pk

    new_records = [client for client in clients if client.client_ref not in existing]
    references = _new_references(organisation, len(new_records))
    _insert(
        Client,
        [
            {
                "organisation_id": organisation.pk,
                "reference": reference,
                "client_ref": record.client_ref,
                "is_anonymous": True,
                "area_id": codes.area[record.area] if record.area else None,
            }
            for record, reference in zip(new_records, references, strict=True)
        ],
    )
    counts.clients_created += len(new_records)
    ids = {ref: pk for ref, (pk, _) in existing.items()}
    for batch in chunked([record.client_ref for record in new_records]):
        ids.update(
            Client.objects.filter(organisation=organisation, client_ref__in=batch).values_list(
                "client_ref", "pk"
            )
        )

    changed_area: list[Client] = []
    changed_ids: set[int] = set()
    add_links: list[dict[str, int]] = []
    remove_links: list[int] = []
    for record in clients:
        client_pk = ids[record.client_ref]
        wanted_area = codes.area[record.area] if record.area else None
        if record.client_ref in existing and existing[record.client_ref][1] != wanted_area:
            changed_area.append(Client(pk=client_pk, area_id=wanted_area, updated_at=now))
            changed_ids.add(client_pk)
        wanted = {codes.target_group[code] for code in record.target_groups}
        have = current_groups.get(client_pk, {})
        for group_id in wanted - set(have):
            add_links.append({"client_id": client_pk, "targetgroup_id": group_id})
        for group_id in set(have) - wanted:
            remove_links.append(have[group_id])
        if record.client_ref in existing and wanted != set(have):
            changed_ids.add(client_pk)
    Client.objects.bulk_update(changed_area, ["area", "updated_at"], batch_size=CHUNK)
    _insert(through, add_links)
    for id_batch in chunked(remove_links):
        through.objects.filter(pk__in=id_batch).delete()
    if changed_ids:
        counts.clients_updated += len(changed_ids)
        # A client's area or target groups count on every day of their cases.
        for id_batch in chunked(sorted(changed_ids)):
            counts.touch(
                Case.objects.filter(client_id__in=id_batch).aggregate(first=Min("opened_on"))[
                    "first"
                ]
            )
    return ids


CASE_FIELDS = (
    "pk",
    "case_ref",
    "client_id",
    "topic_id",
    "opened_on",
    "closed_on",
    "outcome_id",
    "status",
    "version",
    "last_activity_at",
)


def _write_cases(
    organisation: Organisation,
    codes: _Codes,
    clients: Sequence[ClientRecord],
    client_ids: dict[str, int],
    counts: ImportCounts,
) -> None:
    now = timezone.now()
    records = [(client_ids[client.client_ref], case) for client in clients for case in client.cases]
    refs = [case.case_ref for _, case in records]
    existing: dict[str, tuple[Any, ...]] = {}
    for batch in chunked(refs):
        for row in Case.objects.filter(organisation=organisation, case_ref__in=batch).values_list(
            *CASE_FIELDS
        ):
            existing[row[1]] = row
    native = {
        int(match.group(1)): ref
        for ref in refs
        if ref not in existing and (match := NATIVE_CASE_REF.match(ref))
    }
    for id_batch in chunked(sorted(native)):
        for row in Case.objects.filter(
            organisation=organisation, case_ref="", pk__in=id_batch
        ).values_list(*CASE_FIELDS):
            existing[native[row[0]]] = row

    new_cases: list[dict[str, Any]] = []
    changed: list[Case] = []
    case_ids: dict[str, int] = {}
    for client_id, record in records:
        values = {
            "client_id": client_id,
            "topic_id": codes.topic[record.topic],
            "opened_on": record.opened_on,
            "closed_on": record.closed_on,
            "outcome_id": codes.outcome[record.outcome] if record.outcome else None,
            "status": (CaseStatus.CLOSED if record.closed_on else CaseStatus.OPEN).value,
        }
        row = existing.get(record.case_ref)
        if row is None:
            # Like a native case: its last activity is its latest contact moment.
            latest = max([record.opened_on, *(contact.on for contact in record.contacts)])
            new_cases.append(
                {
                    "organisation_id": organisation.pk,
                    "case_ref": record.case_ref,
                    "last_activity_at": _noon(latest),
                    **values,
                }
            )
            counts.touch(record.opened_on)
            continue
        case_ids[record.case_ref] = row[0]
        old = dict(
            zip(
                ("client_id", "topic_id", "opened_on", "closed_on", "outcome_id"),
                row[2:7],
                strict=True,
            )
        )
        old["status"] = row[7]
        if old != values:
            changed.append(Case(pk=row[0], version=row[8] + 1, updated_at=now, **values))
            counts.touch(min(row[4], record.opened_on))
    _insert(Case, new_cases)
    for batch in chunked([case["case_ref"] for case in new_cases]):
        case_ids.update(
            Case.objects.filter(organisation=organisation, case_ref__in=batch).values_list(
                "case_ref", "pk"
            )
        )
    Case.objects.bulk_update(
        changed,
        [
            "client",
            "topic",
            "opened_on",
            "closed_on",
            "outcome",
            "status",
            "version",
            "updated_at",
        ],
        batch_size=CHUNK,
    )
    counts.cases_created += len(new_cases)
    counts.cases_updated += len(changed)
    last_activity = {row[0]: row[9] for row in existing.values()}
    _write_contacts(organisation, codes, records, case_ids, last_activity, counts)


def _write_contacts(
    organisation: Organisation,
    codes: _Codes,
    records: list[tuple[int, CaseRecord]],
    case_ids: dict[str, int],
    last_activity: dict[int, datetime],
    counts: ImportCounts,
) -> None:
    present: dict[int, dict[_Signature, list[tuple[int, bool]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for batch in chunked(sorted(last_activity)):
        for pk, case_id, occurred_at, channel_id, activity_id, minutes, key in (
            ContactMoment.objects.filter(case_id__in=batch)
            .order_by("case_id", "occurred_at", "pk")
            .values_list(
                "pk", "case_id", "occurred_at", "channel_id", "activity_id", "minutes", "import_key"
            )
        ):
            signature = (timezone.localdate(occurred_at), channel_id, activity_id, minutes)
            present[case_id][signature].append((pk, bool(key)))

    new_moments: list[dict[str, Any]] = []
    remove: list[int] = []
    touched: list[Case] = []
    for _, record in records:
        case_id = case_ids[record.case_ref]
        wanted: Counter[_Signature] = Counter(
            (c.on, codes.channel[c.channel], codes.activity[c.activity], c.minutes)
            for c in record.contacts
        )
        have = present.get(case_id, {})
        newest: date | None = None
        for signature, number in wanted.items():
            missing = number - len(have.get(signature, []))
            if missing <= 0:
                continue
            on, channel_id, activity_id, minutes = signature
            key = contact_key(
                on, codes.channel_code[channel_id], codes.activity_code[activity_id], minutes
            )
            for _ in range(missing):
                new_moments.append(
                    {
                        "organisation_id": organisation.pk,
                        "case_id": case_id,
                        "occurred_at": _noon(on),
                        "channel_id": channel_id,
                        "activity_id": activity_id,
                        "minutes": minutes,
                        "import_key": key,
                    }
                )
            counts.touch(on)
            newest = on if newest is None or on > newest else newest
        for signature, moments in have.items():
            excess = len(moments) - wanted.get(signature, 0)
            # Only imported moments go; the ones registered in Wegwijs itself stay.
            imported = [pk for pk, is_imported in moments if is_imported]
            if excess > 0 and imported:
                remove.extend(imported[:excess])
                counts.touch(signature[0])
        if newest is not None and case_id in last_activity:
            moment = _noon(newest)
            if moment > last_activity[case_id]:
                touched.append(Case(pk=case_id, last_activity_at=moment))
    _insert(ContactMoment, new_moments)
    for batch in chunked(remove):
        ContactMoment.objects.filter(pk__in=batch).delete()
    Case.objects.bulk_update(touched, ["last_activity_at"], batch_size=CHUNK)
    counts.contact_moments_created += len(new_moments)
    counts.contact_moments_deleted += len(remove)


# --- Export -------------------------------------------------------------------


def has_imported_cases(organisation: Organisation) -> bool:
    """Whether the organisation holds cases that came in through the registration format."""
    return Case.objects.filter(organisation=organisation).exclude(case_ref="").exists()


def registrations_export(
    *, organisation: Organisation, actor: User | None, first_day: date, last_day: date
) -> Iterator[tuple[str, ...]]:
    """The rows of the cases open on a day of the period, with all their contact moments.

    Native clients get their Wegwijs reference as ``client_ref``; native
    cases ``W-<id>`` as ``case_ref``. The export is logged when it is asked for.
    """
    audit_log(
        event=AuditEvent.REGISTRATIONS_EXPORTED,
        actor=actor,
        obj=organisation,
        detail={
            "organisation": organisation.slug,
            "from": first_day.isoformat(),
            "to": last_day.isoformat(),
        },
    )
    return _export_rows(organisation, first_day, last_day)


def _export_rows(
    organisation: Organisation, first_day: date, last_day: date
) -> Iterator[tuple[str, ...]]:
    cases = (
        Case.objects.filter(organisation=organisation, opened_on__lte=last_day)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first_day))
        .annotate(
            client_key=Coalesce(NullIf(F("client__client_ref"), Value("")), F("client__reference")),
            case_key=Coalesce(
                NullIf(F("case_ref"), Value("")),
                Concat(Value(NATIVE_CASE_PREFIX), Cast("pk", output_field=CharField())),
                output_field=CharField(),
            ),
        )
        .order_by("client_key", "case_key", "pk")
        .values_list(
            "pk",
            "client_id",
            "client_key",
            "case_key",
            "topic__code",
            "opened_on",
            "closed_on",
            "outcome__code",
            "client__area__code",
        )
    )
    through = Client.target_groups.through
    for batch in chunked(cases.iterator(chunk_size=CHUNK)):
        groups: dict[int, list[str]] = defaultdict(list)
        for client_id, code in through.objects.filter(
            client_id__in={row[1] for row in batch}
        ).values_list("client_id", "targetgroup__code"):
            groups[client_id].append(code)
        contacts: dict[int, list[tuple[str, str, str, int]]] = defaultdict(list)
        for case_id, occurred_at, channel, activity, minutes in ContactMoment.objects.filter(
            case_id__in=[row[0] for row in batch]
        ).values_list("case_id", "occurred_at", "channel__code", "activity__code", "minutes"):
            contacts[case_id].append(
                (timezone.localdate(occurred_at).isoformat(), channel, activity, minutes)
            )
        for (
            pk,
            client_id,
            client_ref,
            case_ref,
            topic,
            opened_on,
            closed_on,
            outcome,
            area,
        ) in batch:
            case_values = (
                client_ref,
                case_ref,
                topic,
                opened_on.isoformat(),
                closed_on.isoformat() if closed_on else "",
            )
            client_values = ("|".join(sorted(groups.get(client_id, []))), area or "")
            moments = sorted(contacts.get(pk, []))
            if not moments:
                yield (*case_values, "", "", "", "", *client_values, outcome or "")
            for on, channel, activity, minutes in moments:
                yield (
                    *case_values,
                    on,
                    channel,
                    activity,
                    str(minutes),
                    *client_values,
                    outcome or "",
                )
