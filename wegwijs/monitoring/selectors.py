"""Reads of monitoring: who sees which figures, exact or suppressed.

A coordinator sees the own organisation's exact figures; a municipality
sees the suppressed publication of its organisations and of itself as a
whole. Nobody else sees figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from wegwijs.accounts.models import Municipality, Organisation, User
from wegwijs.accounts.permissions import Capability, has_capability
from wegwijs.core.errors import NotFound, PermissionDenied
from wegwijs.deadlines.constants import DeadlineStatus
from wegwijs.deadlines.models import Deadline
from wegwijs.monitoring import periods as periods_mod
from wegwijs.monitoring import publication, suppression
from wegwijs.monitoring.constants import COUNT_MEASURES, Dimension, SurveyAnswer
from wegwijs.monitoring.models import Figure, Publication, SurveyResponse
from wegwijs.monitoring.services import current_policy
from wegwijs.reference.models import Activity, Area, Channel, Outcome, TargetGroup, Topic

CellKey = tuple[str, str]  # (dimension, code)
LABEL_MODELS = {
    Dimension.TOPIC: Topic,
    Dimension.CHANNEL: Channel,
    Dimension.ACTIVITY: Activity,
    Dimension.TARGET_GROUP: TargetGroup,
    Dimension.OUTCOME: Outcome,
}


def _exact_cell(row: Figure | None) -> dict[str, Any]:
    if row is None:
        cell: dict[str, Any] = dict.fromkeys(COUNT_MEASURES, 0)
        cell.update(minutes=0, median_minutes=None, mean_minutes=None)
        cell.update(satisfaction=None, independent=None)
        return cell
    cell = {measure: getattr(row, measure) for measure in COUNT_MEASURES}
    cell["minutes"] = row.minutes
    cell["median_minutes"] = row.median_minutes if row.clients else None
    cell["mean_minutes"] = suppression.ratio(row.minutes, row.clients, None)
    cell["satisfaction"] = suppression.ratio(row.satisfaction_sum, row.satisfaction_count, None)
    cell["independent"] = suppression.ratio(row.independent_yes, row.independent_answered, None)
    return cell


def empty_cell() -> dict[str, Any]:
    return _exact_cell(None)


@dataclass
class Viewer:
    """What one user may see: exact figures of the own organisation, or a suppressed municipality."""

    user: User
    municipality: Municipality | None
    organisation: Organisation | None  # set for a coordinator: the own organisation
    policy: suppression.Policy
    _organisations: list[Organisation] | None = field(default=None, repr=False)

    @property
    def exact(self) -> bool:
        return self.organisation is not None

    @property
    def suppression(self) -> suppression.Policy | None:
        return None if self.exact else self.policy

    def organisations(self) -> list[Organisation]:
        if self._organisations is None:
            if self.organisation is not None:
                self._organisations = [self.organisation]
            else:
                assert self.municipality is not None
                self._organisations = publication.organisations_of(self.municipality.pk)
        return self._organisations

    def organisation_by_slug(self, slug: str) -> Organisation:
        for organisation in self.organisations():
            if organisation.slug == slug:
                return organisation
        raise NotFound(_("Deze organisatie bestaat niet of werkt niet in uw gemeente."))

    def cells(self, subject: Organisation | None, period: periods_mod.Period) -> dict[CellKey, Any]:
        """Every cell of ``subject`` (``None``: the whole municipality) in ``period``."""
        if self.exact:
            assert subject is not None
            assert self.organisation is not None
            assert subject.pk == self.organisation.pk
            rows = Figure.objects.filter(
                organisation=subject, period_kind=period.kind, period_start=period.start
            )
            return {(row.dimension, row.code): _exact_cell(row) for row in rows}
        assert self.municipality is not None
        published = publication.published(
            municipality_id=self.municipality.pk, year=period.year, policy=self.policy
        )
        slug = subject.slug if subject is not None else publication.MUNICIPALITY
        return published.by_scope.get((slug, str(period)), {})


def figures_stamp(viewer: Viewer) -> str:
    """Changes whenever the rollups behind what ``viewer`` sees are computed again.

    A refresh raises the ``Publication.generation`` of every municipality the
    organisation works in (``services.refresh_periods``).
    """
    if viewer.organisation is not None:
        publications = Publication.objects.filter(
            municipality__in=viewer.organisation.municipalities.all()
        )
    else:
        publications = Publication.objects.filter(municipality=viewer.municipality)
    found = publications.aggregate(count=Count("pk"), total=Sum("generation"))
    return f"{found['count']}:{found['total'] or 0}"


def viewer_for(user: Any) -> Viewer:
    """The figures ``user`` may see; everyone else is refused."""
    if has_capability(user, Capability.VIEW_OWN_FIGURES):
        return Viewer(
            user=user, municipality=None, organisation=user.organisation, policy=current_policy()
        )
    if has_capability(user, Capability.VIEW_MONITORING):
        return Viewer(
            user=user, municipality=user.municipality, organisation=None, policy=current_policy()
        )
    raise PermissionDenied(_("Uw rol geeft geen toegang tot de cijfers."))


def subject_for(
    viewer: Viewer, *, organisation_slug: str = "", municipality_slug: str = ""
) -> Organisation | None:
    """The organisation (or ``None``: the whole municipality) the viewer asks about."""
    if viewer.exact:
        assert viewer.organisation is not None
        if organisation_slug and organisation_slug != viewer.organisation.slug:
            raise PermissionDenied(_("U ziet alleen de cijfers van uw eigen organisatie."))
        if municipality_slug:
            raise PermissionDenied(
                _("Cijfers van een hele gemeente zijn er voor de gemeente zelf.")
            )
        return viewer.organisation
    assert viewer.municipality is not None
    if municipality_slug and municipality_slug != viewer.municipality.slug:
        raise PermissionDenied(_("U ziet alleen de cijfers van uw eigen gemeente."))
    if organisation_slug:
        return viewer.organisation_by_slug(organisation_slug)
    return None


def labels(dimension: str) -> dict[str, str]:
    """Code -> label in the active language, in the list's order."""
    english = (translation.get_language() or "nl").startswith("en")
    if dimension == Dimension.AREA:
        return {area.code: area.name for area in Area.objects.order_by("name")}
    model = LABEL_MODELS.get(Dimension(dimension))
    if model is None:
        return {}
    return {
        item.code: (item.label_en if english else item.label_nl)
        for item in model.objects.order_by("position", "code")
    }


def summary(
    *, viewer: Viewer, subject: Organisation | None, period: periods_mod.Period
) -> dict[str, Any]:
    """The body of GET /api/v1/monitoring/summary."""
    cells = viewer.cells(subject, period)
    total = cells.get(("total", ""), empty_cell())
    topics = [
        {
            "topic": code,
            "clients": cells.get(("topic", code), empty_cell())["clients"],
            "cases": cells.get(("topic", code), empty_cell())["cases"],
        }
        for code in labels(Dimension.TOPIC)
    ]
    policy = viewer.suppression
    return {
        "period": {"start": period.start, "end": period.end},
        "scope": {
            "municipality": viewer.municipality.slug if viewer.municipality else None,
            "organisation": subject.slug if subject is not None else None,
        },
        "suppression": (
            None if policy is None else {"threshold": policy.threshold, "rounding": policy.rounding}
        ),
        "totals": {
            "clients": total["clients"],
            "cases": total["cases"],
            "contact_moments": total["contact_moments"],
            "minutes": total["minutes"],
            "information_advice": total["information_advice"],
            "trajectories": total["trajectories"],
        },
        "by_topic": topics,
    }


# --- Figures outside the rollups: small tables, read when shown ------------------------------


def survey_figures(
    *, viewer: Viewer, subject: Organisation | None, period: periods_mod.Period
) -> dict[str, Any]:
    """What clients said in the anonymous survey; only with at least ``threshold`` answers.

    The threshold holds for everyone, the organisation itself included: a
    few answers could be recognised.
    """
    organisations = [subject] if subject is not None else viewer.organisations()
    answers = SurveyResponse.objects.filter(
        organisation__in=organisations, month__gte=period.start, month__lte=period.end
    ).aggregate(
        n=Count("id"),
        mark=Avg("mark"),
        heard=Count("id", filter=Q(felt_heard=SurveyAnswer.YES)),
        independent=Count("id", filter=Q(independent=SurveyAnswer.YES)),
    )
    enough = answers["n"] >= viewer.policy.threshold
    return {
        "enough": enough,
        "responses": answers["n"] if enough or viewer.exact else None,
        "mark": answers["mark"] if enough else None,
        "felt_heard": answers["heard"] / answers["n"] if enough else None,
        "independent": answers["independent"] / answers["n"] if enough else None,
    }


def deadline_figures(
    *, viewer: Viewer, subject: Organisation | None, period: periods_mod.Period, today: Any
) -> dict[str, Any]:
    """Legal deadlines due in the period: met and missed (suppressed outside the organisation)."""
    organisations = [subject] if subject is not None else viewer.organisations()
    due = Deadline.objects.filter(
        organisation__in=organisations, due_date__gte=period.start, due_date__lte=period.end
    ).aggregate(
        met=Count("id", filter=Q(status=DeadlineStatus.MET)),
        missed=Count(
            "id",
            filter=Q(status=DeadlineStatus.MISSED)
            | Q(status=DeadlineStatus.OPEN, due_date__lt=today),
        ),
    )
    if viewer.exact:
        return {"met": due["met"], "missed": due["missed"]}
    shown = suppression.suppress(
        {"met": due["met"], "missed": due["missed"], "all": due["met"] + due["missed"]},
        [suppression.Line("all", ("met", "missed"))],
        viewer.policy,
    )
    return {"met": shown["met"], "missed": shown["missed"]}
