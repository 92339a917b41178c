"""Reads for the network map: the summary of a map or snapshot, the difference between two
snapshots, the series the change-over-time charts draw, and the follow-ups of family plans.

`network_summary` and `network_diff` are pure functions over member-like objects (a
NetworkMember or a SnapshotMember), so they work the same for today's map and a snapshot.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organisation

from ..models import (
    Agreement,
    AgreementStatusChange,
    FamilyPlan,
    Instrument,
    Measurement,
    NetworkMember,
    NetworkSnapshot,
    OrganisationInstrument,
    Participant,
    SnapshotMember,
)
from ..models.network import (
    MEMBER_ATTRIBUTES,
    WEEKLY_OR_MORE,
    Direction,
    Formality,
    Ring,
    Sector,
    Support,
)
from ..models.network_ties import MemberTie, SnapshotTie
from .files import participants_visible_to

RING_ORDER = {code: index for index, code in enumerate(Ring.values)}
SECTOR_ORDER = {code: index for index, code in enumerate(Sector.values)}


def member_sort_key(member) -> tuple:
    return (RING_ORDER.get(member.ring, 99), SECTOR_ORDER.get(member.sector, 99), member.label)


# --- Summary and difference ---------------------------------------------------------------


@dataclass(frozen=True)
class NetworkSummary:
    size: int
    formal: int
    informal: int
    by_sector: dict[str, int]
    by_ring: dict[str, int]
    by_support: dict[str, int]
    reciprocal: int
    very_close: int
    weekly_or_more: int
    critical: int

    def figures(self) -> dict[str, int]:
        """Every figure under a flat, stable key (`sector.family`, `support.emotional`, ...)."""
        flat = {
            "size": self.size,
            "formal": self.formal,
            "informal": self.informal,
            "reciprocal": self.reciprocal,
            "very_close": self.very_close,
            "weekly_or_more": self.weekly_or_more,
            "critical": self.critical,
        }
        flat |= {f"ring.{code}": count for code, count in self.by_ring.items()}
        flat |= {f"sector.{code}": count for code, count in self.by_sector.items()}
        flat |= {f"support.{code}": count for code, count in self.by_support.items()}
        return flat


def network_summary(members: Iterable[Any]) -> NetworkSummary:
    members = list(members)
    formal = sum(1 for m in members if m.formality == Formality.FORMAL)
    return NetworkSummary(
        size=len(members),
        formal=formal,
        informal=len(members) - formal,
        by_sector={code: sum(1 for m in members if m.sector == code) for code in Sector.values},
        by_ring={code: sum(1 for m in members if m.ring == code) for code in Ring.values},
        by_support={code: sum(1 for m in members if code in m.support) for code in Support.values},
        reciprocal=sum(1 for m in members if m.direction == Direction.MUTUAL),
        very_close=sum(1 for m in members if m.ring == Ring.VERY_CLOSE),
        weekly_or_more=sum(1 for m in members if m.frequency in WEEKLY_OR_MORE),
        critical=sum(1 for m in members if m.critical),
    )


@dataclass(frozen=True)
class ChangedTie:
    before: Any
    after: Any
    fields: tuple[str, ...]


@dataclass(frozen=True)
class NetworkDiff:
    added: list[Any]
    lost: list[Any]
    changed: list[ChangedTie]
    unchanged: list[Any]
    before: NetworkSummary
    after: NetworkSummary
    # figure key -> (before, after, delta), for every figure of the summary.
    deltas: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def _key(member) -> int:
    # A snapshot member carries the id of the member it was copied from; a live member is it.
    return member.member_id if isinstance(member, SnapshotMember) else member.pk


def network_diff(before: Iterable[Any], after: Iterable[Any]) -> NetworkDiff:
    """New, lost and changed ties between two maps, matched by member id, and every delta."""
    old = {_key(m): m for m in before}
    new = {_key(m): m for m in after}
    changed, unchanged = [], []
    for key in sorted(old.keys() & new.keys()):
        fields = tuple(
            name for name in MEMBER_ATTRIBUTES if getattr(old[key], name) != getattr(new[key], name)
        )
        if fields:
            changed.append(ChangedTie(old[key], new[key], fields))
        else:
            unchanged.append(new[key])
    summary_before = network_summary(old.values())
    summary_after = network_summary(new.values())
    figures_before, figures_after = summary_before.figures(), summary_after.figures()
    return NetworkDiff(
        added=sorted((new[k] for k in new.keys() - old.keys()), key=member_sort_key),
        lost=sorted((old[k] for k in old.keys() - new.keys()), key=member_sort_key),
        changed=changed,
        unchanged=unchanged,
        before=summary_before,
        after=summary_after,
        deltas={
            key: (figures_before[key], figures_after[key], figures_after[key] - figures_before[key])
            for key in figures_before
        },
    )


FIGURE_LABELS = {
    "size": _("Size of the network"),
    "formal": _("Formal ties"),
    "informal": _("Informal ties"),
    "reciprocal": _("Reciprocal ties"),
    "very_close": _("Very close ties"),
    "weekly_or_more": _("Contact weekly or more often"),
    "critical": _("Critical or conflictual ties"),
    **{f"ring.{code}": label for code, label in Ring.choices},
    **{f"sector.{code}": label for code, label in Sector.choices},
    **{f"support.{code}": label for code, label in Support.choices},
}

# The figures the change-over-time charts draw for the network.
CHARTED_FIGURES = ("size", "informal", "reciprocal", "very_close", "weekly_or_more")


# --- What the pages load ------------------------------------------------------------------


def network_members(participant: Participant) -> list[NetworkMember]:
    members = NetworkMember.objects.filter(participant=participant)
    return sorted(members, key=member_sort_key)


def member_ties(participant: Participant) -> list[MemberTie]:
    """The ties between members of today's map (one query)."""
    return list(MemberTie.objects.filter(participant=participant).order_by("id"))


def network_snapshots(participant: Participant, *, ties: bool = True) -> list[NetworkSnapshot]:
    """All snapshots, oldest first, with their frozen members and ties (three queries).

    `ties=False` leaves the ties out (two queries) for pages that show no snapshot's ties (the
    network page, the charts): 2,000 ties cost ~15 ms of CPU per snapshot to load."""
    prefetches = [Prefetch("members", queryset=SnapshotMember.objects.order_by("id"))]
    if ties:
        prefetches.append(Prefetch("ties", queryset=SnapshotTie.objects.order_by("id")))
    return list(
        NetworkSnapshot.objects.filter(participant=participant)
        .select_related("created_by")
        .prefetch_related(*prefetches)
        .order_by("taken_on", "id")
    )


def measurements_of(participant: Participant) -> list[Measurement]:
    return list(
        Measurement.objects.filter(participant=participant)
        .select_related("instrument", "recorded_by")
        .order_by("taken_on", "id")
    )


def enabled_instruments(organisation_id: int) -> list[Instrument]:
    enabled = OrganisationInstrument.objects.filter(organisation_id=organisation_id)
    return list(
        Instrument.objects.filter(pk__in=enabled.values("instrument")).order_by("code", "-version")
    )


def family_plans_of(participant: Participant) -> list[FamilyPlan]:
    return list(
        FamilyPlan.objects.filter(participant=participant).prefetch_related(
            Prefetch("agreements", queryset=Agreement.objects.select_related("member")),
            Prefetch(
                "agreements__status_changes",
                queryset=AgreementStatusChange.objects.select_related("changed_by"),
            ),
        )
    )


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    points: list[tuple[datetime.date, float]]
    thresholds: list[tuple[float, str]]
    y_min: float
    y_max: float


def network_series(snapshots: Sequence[NetworkSnapshot]) -> list[Series]:
    summaries = [(s.taken_on, network_summary(s.members.all()).figures()) for s in snapshots]
    top = max([figures["size"] for _, figures in summaries] + [5])
    return [
        Series(
            key=f"network-{key}",
            title=str(FIGURE_LABELS[key]),
            points=[(day, figures[key]) for day, figures in summaries],
            thresholds=[],
            y_min=0,
            y_max=top,
        )
        for key in CHARTED_FIGURES
    ]


def _thresholds(instrument: Instrument) -> list[tuple[float, str]]:
    """Band boundaries: LSNS-6 12 (at risk below), De Jong Gierveld 2 and 5."""
    bands = instrument.definition.get("cutoffs", {}).get("bands", [])
    lines = []
    for band in bands[1:]:
        label = band.get("label", {})
        text = label.get(translation.get_language() or "nl") or label.get("nl", band["code"])
        lines.append((band["min"], text))
    return lines


def measurement_series(measurements: Sequence[Measurement]) -> list[Series]:
    by_code: dict[str, list[Measurement]] = {}
    for measurement in measurements:
        by_code.setdefault(measurement.instrument.code, []).append(measurement)
    series = []
    for code, rows in sorted(by_code.items()):
        latest = rows[-1].instrument
        scoring_range = latest.definition.get("scoring", {}).get("range", {})
        series.append(
            Series(
                key=f"measure-{code}",
                title=latest.name,
                points=[(m.taken_on, m.total) for m in rows if m.total is not None],
                thresholds=_thresholds(latest),
                y_min=scoring_range.get("min", 0),
                y_max=scoring_range.get("max", 10),
            )
        )
    return series


# --- API reads and follow-ups -------------------------------------------------------------


def network_members_for_api(membership: Membership | None) -> QuerySet[NetworkMember]:
    return NetworkMember.objects.filter(
        participant__in=participants_visible_to(membership)
    ).select_related("participant", "origin_work_model")


def member_ties_for_api(membership: Membership | None) -> QuerySet[MemberTie]:
    """The ties between members of the maps the caller may read (as their members)."""
    return (
        MemberTie.objects.filter(participant__in=participants_visible_to(membership))
        .select_related("participant", "origin_work_model")
        .order_by("id")
    )


def snapshots_for_api(membership: Membership | None) -> QuerySet[NetworkSnapshot]:
    frozen = {"origin_work_model"}
    return (
        NetworkSnapshot.objects.filter(participant__in=participants_visible_to(membership))
        .select_related("participant", "created_by")
        .prefetch_related(
            Prefetch(
                "members", queryset=SnapshotMember.objects.select_related(*frozen).order_by("id")
            ),
            Prefetch("ties", queryset=SnapshotTie.objects.select_related(*frozen).order_by("id")),
        )
        .order_by("taken_on", "id")
    )


def measurements_for_api(membership: Membership | None) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(participant__in=participants_visible_to(membership))
        .select_related("participant", "instrument", "recorded_by")
        .order_by("taken_on", "id")
    )


def family_plans_for_api(membership: Membership | None) -> QuerySet[FamilyPlan]:
    return (
        FamilyPlan.objects.filter(participant__in=participants_visible_to(membership))
        .select_related("participant", "created_by")
        .prefetch_related(
            Prefetch("agreements", queryset=Agreement.objects.select_related("member"))
        )
    )


@dataclass(frozen=True)
class PlanFollowUp:
    kind: str  # "evaluation" | "agreement"
    due_on: datetime.date
    participant_id: int
    social_worker_id: int | None
    plan_id: int
    agreement_id: int | None = None


def family_plan_follow_ups_due(
    organisation: Organisation, today: datetime.date
) -> list[PlanFollowUp]:
    """Plan evaluations due and not done, and agreements past their date still open or partly
    done, for one organisation, in two queries whatever their number (for the reminders)."""
    plans = FamilyPlan.objects.filter(
        participant__organisation=organisation,
        evaluation_on__lte=today,
        evaluated_on__isnull=True,
    ).values_list("pk", "evaluation_on", "participant_id", "participant__social_worker_id")
    agreements = Agreement.objects.filter(
        plan__participant__organisation=organisation,
        due_on__lt=today,
        status__in=[Agreement.Status.OPEN, Agreement.Status.PARTLY],
    ).values_list(
        "pk", "due_on", "plan_id", "plan__participant_id", "plan__participant__social_worker_id"
    )
    due = [
        PlanFollowUp("evaluation", day, participant, worker, plan)
        for plan, day, participant, worker in plans
    ]
    due += [
        PlanFollowUp("agreement", day, participant, worker, plan, pk)
        for pk, day, plan, participant, worker in agreements
    ]
    return sorted(due, key=lambda f: (f.due_on, f.plan_id, f.agreement_id or 0))
