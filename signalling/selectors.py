"""Reads for structural signals. `signals_visible_to` is the one visibility rule.

Staff (social workers, coordinators, org admins) read all of their organisation's signals:
they carry no names and are the organisation's shared evidence. A volunteer reads only the
signals they recorded. Researchers read none (they see no organisation's own list), and
nobody sees another organisation's signals here: what crosses organisations is counts only,
of organisations that opted in (`Signal.objects.shared()`).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.http import Http404

from accounts.models import Membership, Organisation, Role
from buddies.models import Match
from buddies.selectors import matches_visible_to
from groups.models import GroupSession
from groups.selectors.pages import session_in_reach
from participants.models import Participant
from participants.selectors import participant_editable_by, participants_visible_to
from workmodels.models import WorkModel

from .models import Signal, SignalSharing, SignalTheme, quarter_bounds

# Who records signals and reads their organisation's list.
STAFF = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN})
RECORDERS = STAFF | {Role.VOLUNTEER}
# Who keeps the organisation's signals: releases stories, manages themes and sharing.
KEEPERS = frozenset({Role.ORG_ADMIN})


def _active(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active


def signals_visible_to(membership: Membership | None) -> QuerySet[Signal]:
    if not _active(membership) or membership.role not in RECORDERS:
        return Signal.objects.none()
    in_org = Signal.objects.filter(organisation_id=membership.organisation_id)
    if membership.role == Role.VOLUNTEER:
        return in_org.filter(reported_by_id=membership.user_id)
    return in_org


def signal_get_for(membership: Membership | None, pk: int) -> Signal:
    signal = (
        signals_visible_to(membership)
        .select_related("theme", "work_model", "initiative", "reported_by", "released_by")
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def signal_editable_by(membership: Membership | None, signal: Signal) -> bool:
    """Change or withdraw: the reporter, or an org admin; never once withdrawn."""
    if not _active(membership) or signal.organisation_id != membership.organisation_id:
        return False
    if signal.withdrawn_at is not None:
        return False
    return membership.role == Role.ORG_ADMIN or (
        membership.role in RECORDERS and signal.reported_by_id == membership.user_id
    )


def can_keep(membership: Membership | None) -> bool:
    """Release stories, manage themes and sharing."""
    return _active(membership) and membership.role in KEEPERS


def themes_of(organisation: Organisation | int, *, active_only: bool = False):
    org_id = getattr(organisation, "pk", organisation)
    themes = SignalTheme.objects.filter(organisation_id=org_id)
    return themes.filter(active=True) if active_only else themes


def sharing_of(organisation: Organisation | int) -> SignalSharing | None:
    org_id = getattr(organisation, "pk", organisation)
    return SignalSharing.objects.filter(organisation_id=org_id).select_related("by").first()


def shares_signals(organisation: Organisation | int) -> bool:
    org_id = getattr(organisation, "pk", organisation)
    return SignalSharing.objects.filter(organisation_id=org_id, opted_in=True).exists()


# Where a signal is recorded from -------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    kind: str  # Signal.Source
    participant: Participant | None = None
    match: Match | None = None
    session: GroupSession | None = None

    def default_municipality(self, organisation: Organisation) -> str:
        if self.participant is not None and self.participant.municipality:
            return self.participant.municipality
        if self.match is not None and self.match.participant.municipality:
            return self.match.participant.municipality
        return organisation.municipality

    def default_work_model(self) -> WorkModel | None:
        if self.match is not None:
            return WorkModel.objects.filter(code=WorkModel.Code.BUDDY).first()
        if self.session is not None:
            return self.session.group.work_model
        return None


def source_for(membership: Membership, kind: str, pk: int | None) -> Source:
    """The file, match or session a signal is recorded from, within the recorder's reach:
    404 outside it (or for a role that does not record from there), 403 for a file the
    recorder may read but not write to."""
    if not _active(membership) or membership.role not in RECORDERS:
        raise Http404
    if kind == Signal.Source.STANDALONE:
        if membership.role == Role.VOLUNTEER:
            raise Http404  # volunteers record from their own match
        return Source(kind)
    if kind == Signal.Source.FILE:
        participant = participants_visible_to(membership).filter(pk=pk).first()
        if participant is None:
            raise Http404
        if participant.anonymised_on is not None or (
            membership.role != Role.ORG_ADMIN
            and not participant_editable_by(membership, participant)
        ):
            raise PermissionDenied
        return Source(kind, participant=participant)
    if kind == Signal.Source.MATCH:
        match = matches_visible_to(membership).select_related("participant").filter(pk=pk).first()
        if match is None:
            raise Http404
        return Source(kind, match=match)
    if kind == Signal.Source.SESSION:
        if membership.role == Role.VOLUNTEER:
            raise Http404
        session = session_in_reach(membership, pk)
        if session is None:
            raise Http404
        return Source(kind, session=session)
    raise Http404


# Lists and overviews ----------------------------------------------------------------------


@dataclass(frozen=True)
class SignalFilters:
    theme: int | None = None
    municipality: str = ""
    quarter: str = ""
    work_model: int | None = None
    withdrawn: bool = False


def signal_list(membership: Membership, filters: SignalFilters | None = None) -> QuerySet[Signal]:
    filters = filters or SignalFilters()
    signals = signals_visible_to(membership)
    signals = signals if filters.withdrawn else signals.current()
    if filters.theme:
        signals = signals.filter(theme_id=filters.theme)
    if filters.municipality:
        signals = signals.filter(municipality__iexact=filters.municipality)
    if filters.quarter:
        try:
            first, last = quarter_bounds(filters.quarter)
        except ValueError:
            return signals.none()
        signals = signals.filter(occurred_on__range=(first, last))
    if filters.work_model:
        signals = signals.filter(work_model_id=filters.work_model)
    return signals.select_related("theme", "work_model").order_by("-occurred_on", "-id")


def municipalities_of(membership: Membership) -> list[str]:
    return list(
        signals_visible_to(membership)
        .current()
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Overview:
    quarters: list[str]  # newest first
    rows: list[tuple[SignalTheme, list[tuple[str, int]], int]]  # theme, (quarter, n)s, total
    totals: list[int]
    total: int
    not_counted: int  # participants who asked not to be counted


def overview(membership: Membership, *, quarters: int = 4, today: datetime.date) -> Overview:
    """The organisation's current signals per theme and quarter, the last `quarters`
    quarters up to today's: two queries."""
    last_quarter = (today.month - 1) // 3 + 1
    labels = []
    year, number = today.year, last_quarter
    for _step in range(quarters):
        labels.append(f"{year}-Q{number}")
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    first, _last = quarter_bounds(labels[-1])
    signals = signals_visible_to(membership).current().filter(occurred_on__gte=first)
    counts: dict[tuple[int, str], int] = {}
    not_counted = 0
    rows = (
        signals.annotate(year=ExtractYear("occurred_on"), q=ExtractQuarter("occurred_on"))
        .values("theme_id", "year", "q")
        .annotate(n=Count("id"), refused=Count("id", filter=Q(participant_counted=False)))
        .order_by()
    )
    for row in rows:
        counts[(row["theme_id"], f"{row['year']}-Q{row['q']}")] = row["n"]
        not_counted += row["refused"]
    themes = list(themes_of(membership.organisation_id).order_by("order", "name", "id"))
    table = []
    for theme in themes:
        values = [(label, counts.get((theme.pk, label), 0)) for label in labels]
        total = sum(n for _label, n in values)
        if total or theme.active:
            table.append((theme, values, total))
    totals = [sum(row[1][i][1] for row in table) for i in range(len(labels))]
    return Overview(labels, table, totals, sum(totals), not_counted)
