"""The uniform registration format: one checker for every way in, and the writer out.

A file is one CSV row per contact moment with the columns in ``COLUMNS``; a
case without contact moments is one row with the contact columns empty. The
checker reads the file as a stream, once per candidate encoding: it keeps no
rows, only one packed integer per case and per client for the cross-row
checks, and it spills the normalised rows into partitions on disk (by client)
so the writer can later take complete clients, a partition at a time. Errors
carry a code and parameters; their text is made in the reader's language when
shown.
"""

import csv
import hashlib
import io
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.models import Organisation
from wegwijs.cases.bulk import CaseRecord, ClientRecord, ContactRecord
from wegwijs.cases.constants import MAX_MINUTES
from wegwijs.reference.models import Activity, Area, Channel, Outcome, TargetGroup, Topic

COLUMNS = (
    "client_ref",
    "case_ref",
    "topic",
    "opened_on",
    "closed_on",
    "contact_on",
    "channel",
    "activity",
    "minutes",
    "target_groups",
    "area",
    "outcome",
)
CONTACT_COLUMNS = ("contact_on", "channel", "activity", "minutes")
# Values that belong to the case, and to the client, so they must agree across rows.
CASE_COLUMNS = ("client_ref", "topic", "opened_on", "closed_on", "outcome")
CLIENT_COLUMNS = ("target_groups", "area")
# An empty activity is recorded as this code: every contact moment has one.
DEFAULT_ACTIVITY = "overig"
MAX_REF_LENGTH = 100
MAX_ERRORS = 1000
PROGRESS_EVERY = 2000
# Bytes of input per partition of the spilled rows: bounds the writer's memory.
PARTITION_BYTES = 1_000_000
MAX_PARTITIONS = 256
BSN_COLUMN = re.compile(r"bsn|burgerservice|sofi", re.IGNORECASE)
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
BSN_LIKE = re.compile(r"^[0-9][0-9 .-]{6,12}[0-9]$")

MESSAGES: dict[str, Any] = {
    "empty-file": _("Het bestand is leeg."),
    "no-rows": _("Het bestand heeft alleen een kopregel en geen regels met gegevens."),
    "not-csv": _(
        "Dit is geen CSV-bestand. Sla het in Excel op als 'CSV (gescheiden door "
        "lijstscheidingsteken)' of 'CSV UTF-8'."
    ),
    "encoding": _(
        "De tekens in het bestand zijn niet te lezen. Sla het op als 'CSV UTF-8' of "
        "als CSV in Windows-1252."
    ),
    "bsn-column": _(
        "Een BSN hoort niet in dit bestand: Wegwijs slaat geen BSN op. Verwijder de kolom "
        "'%(value)s'."
    ),
    "unknown-column": _("Onbekende kolom '%(value)s'. Gebruik alleen de kolommen van het formaat."),
    "duplicate-column": _("De kolom %(value)s staat meer dan één keer in de kopregel."),
    "missing-column": _("De kolom %(value)s ontbreekt in de kopregel."),
    "field-count": _("Deze regel heeft %(found)d kolommen; de kopregel heeft er %(expected)d."),
    "required": _("Vul deze kolom in."),
    "contact-required": _(
        "Vul deze kolom in: de regel heeft een contactmoment (contact_on, channel en minutes "
        "horen bij elkaar)."
    ),
    "too-long": _("Dit kenmerk is te lang: hoogstens %(max)d tekens."),
    "control-characters": _("Dit kenmerk bevat een tab, een nieuwe regel of een ander stuurteken."),
    "looks-like-bsn": _(
        "Dit kenmerk lijkt op een BSN (negen cijfers die de elfproef halen). Gebruik het eigen "
        "kenmerk van uw organisatie, nooit een BSN; zet er bijvoorbeeld een letter voor."
    ),
    "unknown-code": _("Onbekende code '%(value)s'. Gebruik een code uit de codelijst."),
    "unknown-area": _("Onbekende wijk '%(value)s' in de gemeente(n) van uw organisatie."),
    "bad-date": _("'%(value)s' is geen geldige datum. Schrijf JJJJ-MM-DD of DD-MM-JJJJ."),
    "future-date": _("Deze datum ligt in de toekomst."),
    "bad-minutes": _("Vul het aantal minuten in als heel getal van 1 tot en met %(max)d."),
    "closed-before-opened": _("De kwestie sluit vóór de dag dat zij geopend is (%(opened)s)."),
    "contact-before-opened": _(
        "Het contactmoment ligt vóór de dag dat de kwestie geopend is (%(opened)s)."
    ),
    "closed-needs-outcome": _("Een gesloten kwestie heeft een resultaat nodig."),
    "outcome-needs-closed": _(
        "Alleen een gesloten kwestie heeft een resultaat: vul ook closed_on in."
    ),
    "case-disagrees": _(
        "Kwestie %(ref)s heeft in regel %(first_row)d een andere waarde in deze kolom. Wat bij "
        "de kwestie hoort, is in elke regel van de kwestie gelijk."
    ),
    "client-disagrees": _(
        "Cliënt %(ref)s heeft in regel %(first_row)d een andere waarde in deze kolom. Wat bij "
        "de cliënt hoort, is in elke regel van de cliënt gelijk."
    ),
}


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem, at a row (1 is the header) and a column when it has them."""

    row: int | None
    column: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return error_message(self.code, self.params)

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "params": self.params}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RowError":
        return cls(data["row"], data["column"], data["code"], data.get("params") or {})


def error_message(code: str, params: dict[str, Any]) -> str:
    """The message of an error code in the active language."""
    return str(MESSAGES[code]) % params


def looks_like_bsn(value: str) -> bool:
    """Nine digits (eight with a leading zero dropped) that pass the elfproef."""
    if not BSN_LIKE.match(value):
        return False
    digits = re.sub(r"[ .-]", "", value)
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:8], range(9, 1, -1), strict=True)
    )
    total -= int(digits[8])
    return total % 11 == 0 and int(digits) != 0


def parse_date(value: str) -> date | None:
    """``YYYY-MM-DD`` or ``DD-MM-YYYY`` (leading zeros optional); ``None`` when neither."""
    match = ISO_DATE.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = DUTCH_DATE.match(value)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _hash64(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


class _Lists:
    """The codes a file may use, numbered for packing."""

    def __init__(self, organisation: Organisation) -> None:
        def numbered(model: Any) -> dict[str, int]:
            codes = sorted(model.objects.values_list("code", flat=True))
            return {code: number for number, code in enumerate(codes, start=1)}

        self.topic = numbered(Topic)
        self.channel = numbered(Channel)
        self.activity = numbered(Activity)
        self.outcome = numbered(Outcome)
        self.target_group = {
            code: number - 1 for code, number in numbered(TargetGroup).items()
        }  # bit positions
        areas = sorted(
            set(
                Area.objects.filter(municipality__in=organisation.municipalities.all()).values_list(
                    "code", flat=True
                )
            )
        )
        self.area = {code: number for number, code in enumerate(areas, start=1)}


class _Partitions:
    """The normalised rows on disk, split by client so a partition holds whole clients."""

    def __init__(self, count: int) -> None:
        self.files: list[IO[str]] = [
            tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed by close()
            for _ in range(count)
        ]

    def write(self, client_hash: int, values: list[str]) -> None:
        self.files[client_hash % len(self.files)].write("\t".join(values) + "\n")

    def __len__(self) -> int:
        return len(self.files)

    def groups(self) -> Iterator[list[ClientRecord]]:
        """Complete clients, one partition at a time."""
        for handle in self.files:
            handle.seek(0)
            clients: dict[str, ClientRecord] = {}
            cases: dict[str, CaseRecord] = {}
            for line in handle:
                (
                    client_ref,
                    case_ref,
                    topic,
                    opened_on,
                    closed_on,
                    contact_on,
                    channel,
                    activity,
                    minutes,
                    target_groups,
                    area,
                    outcome,
                ) = line.rstrip("\n").split("\t")
                client = clients.get(client_ref)
                if client is None:
                    client = clients[client_ref] = ClientRecord(
                        client_ref=client_ref,
                        area=area,
                        target_groups=tuple(target_groups.split("|")) if target_groups else (),
                    )
                case = cases.get(case_ref)
                if case is None:
                    case = cases[case_ref] = CaseRecord(
                        case_ref=case_ref,
                        topic=topic,
                        opened_on=date.fromisoformat(opened_on),
                        closed_on=date.fromisoformat(closed_on) if closed_on else None,
                        outcome=outcome,
                    )
                    client.cases.append(case)
                if contact_on:
                    case.contacts.append(
                        ContactRecord(
                            on=date.fromisoformat(contact_on),
                            channel=channel,
                            activity=activity,
                            minutes=int(minutes),
                        )
                    )
            yield list(clients.values())

    def close(self) -> None:
        for handle in self.files:
            handle.close()


@dataclass
class CheckedFile:
    """What the checker found: the errors (at most ``MAX_ERRORS``) and the counts."""

    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    clients: int = 0
    cases: int = 0
    contact_moments: int = 0
    partitions: _Partitions | None = None

    @property
    def is_valid(self) -> bool:
        return self.error_count == 0

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        if self.partitions is not None:
            # Nothing will be written: stop spilling.
            self.partitions.close()
            self.partitions = None

    def summary(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "clients": self.clients,
            "cases": self.cases,
            "contact_moments": self.contact_moments,
        }

    def close(self) -> None:
        if self.partitions is not None:
            self.partitions.close()
            self.partitions = None


class _WrongEncoding(Exception):
    pass


Progress = Callable[[int, int], None]


def check_file(
    stream: IO[bytes],
    *,
    organisation: Organisation,
    size: int | None = None,
    spill: bool = True,
    progress: Progress | None = None,
) -> CheckedFile:
    """Check a whole file without writing anything; spill its rows when ``spill`` is set.

    ``stream`` is a seekable binary file. The caller closes the result.
    """
    stream = _binary(stream)
    if size is None:
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
    stream.seek(0)
    head = stream.read(8192)
    stream.seek(0)
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        return _file_error("empty-file")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_error("encoding")
    if head.startswith(b"PK\x03\x04") or b"\x00" in head:
        return _file_error("not-csv")
    lists = _Lists(organisation)
    for encoding in ("utf-8-sig", "cp1252"):
        stream.seek(0)
        try:
            return _check(stream, encoding, lists, size, spill, progress)
        except _WrongEncoding:
            continue
    return _file_error("encoding")


def _binary(stream: Any) -> IO[bytes]:
    """The real binary file inside Django's file wrappers, for ``io.TextIOWrapper``."""
    while not isinstance(stream, io.IOBase) and hasattr(stream, "file"):
        stream = stream.file
    return stream


def _file_error(code: str) -> CheckedFile:
    result = CheckedFile()
    result.add(RowError(None, None, code))
    return result


def _check(
    stream: IO[bytes],
    encoding: str,
    lists: _Lists,
    size: int,
    spill: bool,
    progress: Progress | None,
) -> CheckedFile:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    result = CheckedFile()
    if spill:
        result.partitions = _Partitions(min(MAX_PARTITIONS, max(1, size // PARTITION_BYTES + 1)))
    try:
        header_line = text.readline()
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        reader = csv.reader(_chain(header_line, text), delimiter=delimiter)
        header = next(reader, [])
        positions = _check_header(header, result)
        if positions is None:
            return result
        checker = _RowChecker(lists, positions, len(header), result)
        for number, record in enumerate(reader, start=2):
            checker.check(number, record)
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(stream.tell(), size)
        if result.rows == 0 and result.error_count == 0:
            result.add(RowError(None, None, "no-rows"))
        result.clients = len(checker.clients)
        result.cases = len(checker.cases)
        if progress is not None:
            progress(size, size)
        return result
    except UnicodeDecodeError:
        result.close()
        raise _WrongEncoding from None
    except BaseException:
        result.close()
        raise
    finally:
        text.detach()


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def _check_header(header: list[str], result: CheckedFile) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        if not name:
            continue
        if BSN_COLUMN.search(name):
            result.add(RowError(1, raw.strip(), "bsn-column", {"value": raw.strip()}))
        elif name not in COLUMNS:
            result.add(RowError(1, raw.strip(), "unknown-column", {"value": raw.strip()}))
        elif name in positions:
            result.add(RowError(1, name, "duplicate-column", {"value": name}))
        else:
            positions[name] = index
    for name in COLUMNS:
        if name not in positions:
            result.add(RowError(1, name, "missing-column", {"value": name}))
    return positions if result.error_count == 0 else None


class _RowChecker:
    """The checks of one row, and the compact memory of cases and clients across rows."""

    # Packing of a case's values into one integer: client hash (64 bits), topic and
    # outcome numbers (12 bits each), opened and closed day ordinals (20 bits each),
    # and above those the row where the case was first seen.
    CASE_VALUE_BITS = 128
    CLIENT_VALUE_BITS = 80

    def __init__(
        self, lists: _Lists, positions: dict[str, int], width: int, result: CheckedFile
    ) -> None:
        self.lists = lists
        self.index = [positions[name] for name in COLUMNS]
        self.width = width
        self.result = result
        self.today = timezone.localdate()
        self.cases: dict[int, int] = {}
        self.clients: dict[int, int] = {}

    def error(self, row: int, column: str | None, code: str, **params: Any) -> None:
        self.result.add(RowError(row, column, code, params))

    def check(self, row: int, record: list[str]) -> None:
        if not any(value.strip() for value in record):
            return  # Excel writes empty rows as separators only
        if len(record) < self.width or any(v.strip() for v in record[self.width :]):
            self.error(row, None, "field-count", found=len(record), expected=self.width)
            return
        self.result.rows += 1
        values = [record[position].strip() for position in self.index]
        (
            client_ref,
            case_ref,
            topic,
            opened_raw,
            closed_raw,
            contact_raw,
            channel,
            activity,
            minutes_raw,
            groups_raw,
            area,
            outcome,
        ) = values
        errors_before = self.result.error_count

        for column, ref in (("client_ref", client_ref), ("case_ref", case_ref)):
            if not ref:
                self.error(row, column, "required")
            elif len(ref) > MAX_REF_LENGTH:
                self.error(row, column, "too-long", max=MAX_REF_LENGTH)
            elif CONTROL.search(ref):
                self.error(row, column, "control-characters")
            elif looks_like_bsn(ref):
                self.error(row, column, "looks-like-bsn")

        topic_number = self.code(row, "topic", topic, self.lists.topic, required=True)
        opened_on = self.date(row, "opened_on", opened_raw, required=True)
        closed_on = self.date(row, "closed_on", closed_raw)
        outcome_number = self.code(row, "outcome", outcome, self.lists.outcome)
        if opened_on and closed_on and closed_on < opened_on:
            self.error(row, "closed_on", "closed-before-opened", opened=_shown(opened_on))
        if closed_raw and not outcome:
            self.error(row, "outcome", "closed-needs-outcome")
        if outcome and not closed_raw:
            self.error(row, "outcome", "outcome-needs-closed")

        has_contact = any((contact_raw, channel, activity, minutes_raw))
        if has_contact:
            contact_on = self.date(row, "contact_on", contact_raw, contact=True)
            self.code(row, "channel", channel, self.lists.channel, contact=True)
            if activity:
                self.code(row, "activity", activity, self.lists.activity)
            else:
                activity = DEFAULT_ACTIVITY
            if not minutes_raw:
                self.error(row, "minutes", "contact-required")
            elif not (minutes_raw.isdigit() and 1 <= int(minutes_raw) <= MAX_MINUTES):
                self.error(row, "minutes", "bad-minutes", max=MAX_MINUTES)
            if contact_on and opened_on and contact_on < opened_on:
                self.error(row, "contact_on", "contact-before-opened", opened=_shown(opened_on))

        group_mask = 0
        groups: list[str] = []
        if groups_raw:
            for code in groups_raw.split("|"):
                code = code.strip()
                if not code:
                    continue
                bit = self.lists.target_group.get(code)
                if bit is None:
                    self.error(row, "target_groups", "unknown-code", value=code)
                elif not group_mask & (1 << bit):
                    group_mask |= 1 << bit
                    groups.append(code)
        area_number = 0
        if area:
            area_number = self.lists.area.get(area, 0)
            if not area_number:
                self.error(row, "area", "unknown-area", value=area)

        if self.result.error_count != errors_before or not client_ref or not case_ref:
            return
        assert opened_on is not None
        assert topic_number is not None
        client_hash = _hash64(client_ref)
        self.agree_case(
            row,
            case_ref,
            client_hash
            | topic_number << 64
            | (outcome_number or 0) << 76
            | opened_on.toordinal() << 88
            | (closed_on.toordinal() if closed_on else 0) << 108,
        )
        self.agree_client(row, client_ref, client_hash, group_mask | area_number << 64)
        if has_contact:
            self.result.contact_moments += 1
        if self.result.partitions is not None:
            contact_on = parse_date(contact_raw) if has_contact else None
            contact_iso = contact_on.isoformat() if contact_on else ""
            self.result.partitions.write(
                client_hash,
                [
                    client_ref,
                    case_ref,
                    topic,
                    opened_on.isoformat(),
                    closed_on.isoformat() if closed_on else "",
                    contact_iso,
                    channel if has_contact else "",
                    activity if has_contact else "",
                    str(int(minutes_raw)) if has_contact else "",
                    "|".join(sorted(groups)),
                    area,
                    outcome,
                ],
            )

    def code(
        self,
        row: int,
        column: str,
        value: str,
        codes: dict[str, int],
        *,
        required: bool = False,
        contact: bool = False,
    ) -> int | None:
        if not value:
            if required or contact:
                self.error(row, column, "contact-required" if contact else "required")
            return None
        number = codes.get(value)
        if number is None:
            self.error(row, column, "unknown-code", value=value)
        return number

    def date(
        self, row: int, column: str, value: str, *, required: bool = False, contact: bool = False
    ) -> date | None:
        if not value:
            if required or contact:
                self.error(row, column, "contact-required" if contact else "required")
            return None
        day = parse_date(value)
        if day is None:
            self.error(row, column, "bad-date", value=value)
        elif day > self.today:
            self.error(row, column, "future-date")
            return None
        return day

    def agree_case(self, row: int, case_ref: str, packed: int) -> None:
        key = _hash64(case_ref)
        known = self.cases.get(key)
        if known is None:
            self.cases[key] = packed | row << self.CASE_VALUE_BITS
            return
        mask = (1 << self.CASE_VALUE_BITS) - 1
        if known & mask == packed:
            return
        first_row = known >> self.CASE_VALUE_BITS
        fields = (
            ("client_ref", 0, 64),
            ("topic", 64, 12),
            ("outcome", 76, 12),
            ("opened_on", 88, 20),
            ("closed_on", 108, 20),
        )
        for column, shift, bits in fields:
            part = (1 << bits) - 1
            if (known >> shift) & part != (packed >> shift) & part:
                self.error(row, column, "case-disagrees", ref=case_ref, first_row=first_row)

    def agree_client(self, row: int, client_ref: str, client_hash: int, packed: int) -> None:
        known = self.clients.get(client_hash)
        if known is None:
            self.clients[client_hash] = packed | row << self.CLIENT_VALUE_BITS
            return
        first_row = known >> self.CLIENT_VALUE_BITS
        if known & ((1 << 64) - 1) != packed & ((1 << 64) - 1):
            self.error(
                row, "target_groups", "client-disagrees", ref=client_ref, first_row=first_row
            )
        if (known >> 64) & 0xFFFF != (packed >> 64) & 0xFFFF:
            self.error(row, "area", "client-disagrees", ref=client_ref, first_row=first_row)


def _shown(day: date) -> str:
    return day.strftime("%d-%m-%Y")


# --- Writing the format -----------------------------------------------------


class _Line:
    """A file-like object that hands back what the csv writer wrote."""

    def __init__(self) -> None:
        self.value = ""

    def write(self, text: str) -> int:
        self.value = text
        return len(text)


def csv_lines(rows: Iterator[tuple[str, ...]], *, bom: bool = True) -> Iterator[str]:
    """The header and ``rows`` as lines of a CSV that Dutch Excel opens as it is.

    Semicolons, UTF-8 with a byte-order mark, CRLF line ends.
    """
    line = _Line()
    writer = csv.writer(line, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield ("\ufeff" if bom else "") + line.value
    for row in rows:
        writer.writerow(row)
        yield line.value
