"""The client's complete file (AVG art. 15, Wmo 5.3.2), as data and as a PDF.

Only a coordinator makes it, for a client of their own organisation. The file
holds everything the organisation keeps about the client, including who looked
at it, but never the pseudonym (DOMAIN.md §5: it is never shown or exported).
Making it is itself logged, in the same transaction.
"""

from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.cases import access, selectors
from wegwijs.cases.constants import (
    Answer,
    AppointmentStatus,
    AuditEvent,
    CaseStatus,
    ConsentSubject,
    HeardVia,
    RepresentativeKind,
    WithWhom,
)
from wegwijs.cases.models import Client, ContactMomentRevision
from wegwijs.core.audit import audit_log
from wegwijs.core.errors import PermissionDenied

DOSSIER_FORMAT = "wegwijs-dossier/1"


def _require_coordinator(user: Any) -> None:
    if not (
        has_capability(user, Capability.SEE_ALL_ORGANISATION_CASES)
        or has_capability(user, Capability.MANAGE_ORGANISATION)
    ):
        raise PermissionDenied(_("Alleen een coördinator kan het volledige dossier maken."))


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _code(item: Any) -> dict[str, str] | None:
    return {"code": item.code, "label": item.label} if item is not None else None


def _choice(choices: Any, value: str) -> dict[str, str] | None:
    if not value:
        return None
    labels = dict(choices.choices)
    return {"code": value, "label": str(labels.get(value, value))}


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.email


def _client_data(client: Client) -> dict[str, Any]:
    # The pseudonym is left out on purpose: it is never shown or exported.
    return {
        "reference": client.reference,
        "is_anonymous": client.is_anonymous,
        "given_name": client.given_name,
        "family_name": client.family_name,
        "date_of_birth": _iso(client.date_of_birth),
        "postcode": client.postcode,
        "house_number": client.house_number,
        "phone": client.phone,
        "email": client.email,
        "preferred_language": client.preferred_language,
        "preferred_channel": _code(client.preferred_channel),
        "area": {"code": client.area.code, "name": client.area.name} if client.area else None,
        "representative": {
            "name": client.representative_name,
            "kind": _choice(RepresentativeKind, client.representative_kind),
            "phone": client.representative_phone,
        },
        "created_at": _iso(client.created_at),
        "updated_at": _iso(client.updated_at),
    }


def _revision_data(revision: ContactMomentRevision) -> dict[str, Any]:
    return {
        "changed_at": _iso(revision.changed_at),
        "changed_by": _person(revision.changed_by),
        "previous": revision.previous,
    }


def _access_log(user: User, client: Client) -> list[dict[str, Any]]:
    entries = list(selectors.client_access_log(user=user, client=client))
    slugs = {entry.organisation_slug for entry in entries if entry.organisation_slug}
    names = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
    labels = dict(AuditEvent.choices)
    return [
        {
            "occurred_at": _iso(entry.occurred_at),
            "event": entry.event,
            "event_label": str(labels.get(entry.event, entry.event)),
            "user": entry.actor_label,
            "organisation": names.get(entry.organisation_slug, entry.organisation_slug),
        }
        for entry in entries
    ]


def _collect(*, user: User, client_id: Any, file_format: str) -> dict[str, Any]:
    _require_coordinator(user)
    with transaction.atomic():
        client = access.client_get(user, client_id, audit=False)
        # Logged first, so the file shows this request in its own access log.
        audit_log(
            event=AuditEvent.CLIENT_EXPORTED,
            actor=user,
            obj=client,
            client_id=client.pk,
            detail={"format": file_format},
        )
        client = (
            access.clients_for(user)
            .select_related("preferred_channel", "area", "organisation")
            .prefetch_related("target_groups")
            .get(pk=client.pk)
        )
        cases = list(selectors.client_cases(user=user, client=client))
        moments_by_case: dict[int, list[dict[str, Any]]] = {case.pk: [] for case in cases}
        moments = (
            access.contact_moments_for(user)
            .filter(case__client=client)
            .select_related("channel", "activity", "with_organisation", "registered_by")
            .prefetch_related(
                Prefetch(
                    "revisions",
                    queryset=ContactMomentRevision.objects.select_related("changed_by"),
                )
            )
            .order_by("occurred_at", "id")
        )
        for moment in moments:
            moments_by_case.setdefault(moment.case_id, []).append(
                {
                    "id": moment.pk,
                    "occurred_at": _iso(moment.occurred_at),
                    "channel": _code(moment.channel),
                    "activity": _code(moment.activity),
                    "minutes": moment.minutes,
                    "with_whom": _choice(WithWhom, moment.with_whom),
                    "with_organisation": moment.with_organisation.name
                    if moment.with_organisation
                    else None,
                    "note": moment.note,
                    "registered_by": _person(moment.registered_by),
                    "revisions": [_revision_data(r) for r in moment.revisions.all()],
                }
            )
        appointments_by_case: dict[int, list[dict[str, Any]]] = {case.pk: [] for case in cases}
        appointments = (
            access.appointments_for(user)
            .filter(case__client=client)
            .select_related("channel", "supporter")
            .order_by("starts_at", "id")
        )
        for appointment in appointments:
            appointments_by_case.setdefault(appointment.case_id, []).append(
                {
                    "id": appointment.pk,
                    "starts_at": _iso(appointment.starts_at),
                    "channel": _code(appointment.channel),
                    "place": appointment.place,
                    "description": appointment.description,
                    "status": _choice(AppointmentStatus, appointment.status),
                    "supporter": _person(appointment.supporter),
                }
            )
        consents = [
            {
                "subject": _choice(ConsentSubject, consent.subject),
                "purpose": consent.purpose,
                "given_on": _iso(consent.given_on),
                "withdrawn_on": _iso(consent.withdrawn_on),
                "recorded_by": _person(consent.recorded_by),
            }
            for consent in client.consents.select_related("recorded_by").order_by("given_on", "id")
        ]
        dossier: dict[str, Any] = {
            "format": DOSSIER_FORMAT,
            "generated_at": _iso(timezone.now()),
            "generated_by": _person(user),
            "organisation": {
                "slug": client.organisation.slug,
                "name": client.organisation.name,
            },
            "client": _client_data(client),
            "target_groups": [_code(group) for group in client.target_groups.all()],
            "consents": consents,
            "cases": [
                {
                    "id": case.pk,
                    "topic": _code(case.topic),
                    "question": case.question,
                    "status": _choice(CaseStatus, case.status),
                    "opened_on": _iso(case.opened_on),
                    "closed_on": _iso(case.closed_on),
                    "outcome": _code(case.outcome),
                    "satisfaction": case.satisfaction,
                    "experienced_independent": _choice(Answer, case.experienced_independent),
                    "heard_via": _choice(HeardVia, case.heard_via),
                    "supporters": [_person(s) for s in case.supporters.all()],
                    "contact_moments": moments_by_case.get(case.pk, []),
                    "appointments": appointments_by_case.get(case.pk, []),
                }
                for case in cases
            ],
            # Referrals and deadlines are not built yet; the keys are here so the
            # format stays the same when they are.
            "referrals": [],
            "deadlines": [],
            "access_log": _access_log(user, client),
        }
        return dossier


def client_dossier(*, user: User, client_id: Any) -> dict[str, Any]:
    """Return the client's complete file as JSON-ready data; log that it was made."""
    return _collect(user=user, client_id=client_id, file_format="json")


# --- PDF ----------------------------------------------------------------------

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@cache
def _pdf_fonts() -> tuple[str, str]:
    """Return (regular, bold) font names, registered once per process.

    DejaVu covers Turkish and other letters that the built-in Helvetica lacks
    (such as the dotless i); without it installed, Helvetica still shows Dutch accents.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = _FONT_DIR / "DejaVuSans.ttf", _FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return ("Helvetica", "Helvetica-Bold")
    pdfmetrics.registerFont(TTFont("WegwijsSans", str(regular)))
    pdfmetrics.registerFont(TTFont("WegwijsSans-Bold", str(bold)))
    return ("WegwijsSans", "WegwijsSans-Bold")


def _date_nl(value: str | None, *, with_time: bool = False) -> str:
    if not value:
        return "-"
    if with_time:
        return datetime.fromisoformat(value).strftime("%d-%m-%Y %H:%M")
    return date.fromisoformat(value[:10]).strftime("%d-%m-%Y")


def _label(value: dict[str, str] | None) -> str:
    return value["label"] if value else "-"


def client_dossier_pdf(*, user: User, client_id: Any) -> bytes:
    """Return the client's complete file as a readable Dutch PDF; log that it was made."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    dossier = _collect(user=user, client_id=client_id, file_format="pdf")
    regular, bold = _pdf_fonts()
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontName=regular, fontSize=9)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=sheet["Heading1"], fontName=bold)
    h2 = ParagraphStyle("h2", parent=sheet["Heading2"], fontName=bold)
    h3 = ParagraphStyle("h3", parent=sheet["Heading3"], fontName=bold)

    def text(value: Any, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(value if value not in (None, "") else "-")), style)

    def table(header: list[str], rows: list[list[Any]], widths: list[float]) -> Table:
        data = [[text(cell, small) for cell in header]]
        data += [[text(cell, small) for cell in row] for row in rows]
        result = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        result.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return result

    def none_line(message: str) -> Paragraph:
        return text(message)

    client = dossier["client"]
    name = f"{client['given_name']} {client['family_name']}".strip() or (
        _("anonieme cliënt %(reference)s") % {"reference": client["reference"]}
    )
    story: list[Any] = [
        Paragraph(escape(_("Dossier van %(name)s") % {"name": name}), h1),
        text(
            _(
                "Volledig dossier van %(organisation)s, gemaakt op %(date)s door %(user)s "
                "(AVG artikel 15, Wmo 2015 artikel 5.3.2)."
            )
            % {
                "organisation": dossier["organisation"]["name"],
                "date": _date_nl(dossier["generated_at"], with_time=True),
                "user": dossier["generated_by"],
            }
        ),
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Persoonsgegevens")), h2),
    ]
    representative = client["representative"]
    personal = [
        [_("Kenmerk"), client["reference"]],
        [_("Voornaam"), client["given_name"]],
        [_("Achternaam"), client["family_name"]],
        [_("Geboortedatum"), _date_nl(client["date_of_birth"])],
        [_("Postcode en huisnummer"), f"{client['postcode']} {client['house_number']}".strip()],
        [_("Telefoon"), client["phone"]],
        [_("E-mail"), client["email"]],
        [_("Voorkeurstaal"), client["preferred_language"]],
        [_("Voorkeurskanaal"), _label(client["preferred_channel"])],
        [_("Wijk"), client["area"]["name"] if client["area"] else "-"],
        [
            _("Mantelzorger of vertegenwoordiger"),
            " · ".join(
                part
                for part in (
                    representative["name"],
                    _label(representative["kind"]) if representative["kind"] else "",
                    representative["phone"],
                )
                if part
            ),
        ],
        [
            _("Doelgroepen"),
            ", ".join(group["label"] for group in dossier["target_groups"]) or "-",
        ],
        [_("Ingeschreven op"), _date_nl(client["created_at"])],
    ]
    story.append(table([_("Gegeven"), _("Waarde")], personal, [55, 115]))

    story.append(Paragraph(escape(_("Toestemmingen")), h2))
    if dossier["consents"]:
        story.append(
            table(
                [_("Waarvoor"), _("Doel"), _("Gegeven op"), _("Ingetrokken op")],
                [
                    [
                        _label(c["subject"]),
                        c["purpose"],
                        _date_nl(c["given_on"]),
                        _date_nl(c["withdrawn_on"]),
                    ]
                    for c in dossier["consents"]
                ],
                [60, 60, 25, 25],
            )
        )
    else:
        story.append(none_line(_("Geen toestemmingen vastgelegd.")))

    story.append(Paragraph(escape(_("Kwesties")), h2))
    if not dossier["cases"]:
        story.append(none_line(_("Geen kwesties.")))
    for case in dossier["cases"]:
        story.append(
            Paragraph(
                escape(
                    _("%(topic)s, geopend op %(date)s")
                    % {"topic": _label(case["topic"]), "date": _date_nl(case["opened_on"])}
                ),
                h3,
            )
        )
        story.append(
            table(
                [_("Gegeven"), _("Waarde")],
                [
                    [_("Vraag"), case["question"]],
                    [_("Status"), _label(case["status"])],
                    [_("Gesloten op"), _date_nl(case["closed_on"])],
                    [_("Resultaat"), _label(case["outcome"])],
                    [_("Tevredenheid"), case["satisfaction"]],
                    [
                        _("Ondersteuner ervaren als onafhankelijk"),
                        _label(case["experienced_independent"]),
                    ],
                    [_("Ondersteuners"), ", ".join(case["supporters"])],
                ],
                [55, 115],
            )
        )
        story.append(Spacer(1, 2 * mm))
        if case["contact_moments"]:
            rows = []
            for moment in case["contact_moments"]:
                note = moment["note"]
                if moment["revisions"]:
                    note = f"{note} " + _("(%(count)d keer gewijzigd)") % {
                        "count": len(moment["revisions"])
                    }
                rows.append(
                    [
                        _date_nl(moment["occurred_at"], with_time=True),
                        _label(moment["channel"]),
                        _label(moment["activity"]),
                        moment["minutes"],
                        moment["with_organisation"] or _label(moment["with_whom"]),
                        note,
                    ]
                )
            story.append(
                table(
                    [
                        _("Datum"),
                        _("Kanaal"),
                        _("Activiteit"),
                        _("Min."),
                        _("Met wie"),
                        _("Notitie"),
                    ],
                    rows,
                    [26, 20, 26, 11, 27, 60],
                )
            )
            revisions = [
                (moment, revision)
                for moment in case["contact_moments"]
                for revision in moment["revisions"]
            ]
            if revisions:
                story.append(Spacer(1, 2 * mm))
                story.append(text(_("Eerdere versies van gewijzigde contactmomenten:"), small))
                story.append(
                    table(
                        [
                            _("Contactmoment van"),
                            _("Gewijzigd op"),
                            _("Door"),
                            _("Minuten"),
                            _("Notitie"),
                        ],
                        [
                            [
                                _date_nl(moment["occurred_at"], with_time=True),
                                _date_nl(revision["changed_at"], with_time=True),
                                revision["changed_by"],
                                revision["previous"].get("minutes"),
                                revision["previous"].get("note"),
                            ]
                            for moment, revision in revisions
                        ],
                        [28, 28, 35, 17, 62],
                    )
                )
        else:
            story.append(none_line(_("Geen contactmomenten.")))
        if case["appointments"]:
            story.append(Spacer(1, 2 * mm))
            story.append(
                table(
                    [_("Afspraak op"), _("Kanaal"), _("Plaats"), _("Omschrijving"), _("Status")],
                    [
                        [
                            _date_nl(a["starts_at"], with_time=True),
                            _label(a["channel"]),
                            a["place"],
                            a["description"],
                            _label(a["status"]),
                        ]
                        for a in case["appointments"]
                    ],
                    [28, 22, 40, 55, 25],
                )
            )

    story.append(Paragraph(escape(_("Doorverwijzingen")), h2))
    story.append(none_line(_("Geen doorverwijzingen.")))
    story.append(Paragraph(escape(_("Termijnen")), h2))
    story.append(none_line(_("Geen termijnen.")))

    story.append(Paragraph(escape(_("Wie heeft het dossier bekeken of gewijzigd")), h2))
    story.append(
        table(
            [_("Wanneer"), _("Wat"), _("Wie"), _("Organisatie")],
            [
                [
                    _date_nl(entry["occurred_at"], with_time=True),
                    entry["event_label"],
                    entry["user"],
                    entry["organisation"],
                ]
                for entry in dossier["access_log"]
            ],
            [30, 50, 50, 40],
        )
    )

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Dossier van %(name)s") % {"name": name},
        author=dossier["organisation"]["name"],
        lang="nl-NL",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    document.build(story)
    return buffer.getvalue()
