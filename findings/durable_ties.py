"""Durable ties: do the ties a work model created still exist 6 and 12 months after it ended?

**The ties followed.** Every tie that carries the work model that created it
(`origin_work_model`, see participants.models.network_parts.TieOrigin): a network member's tie
to the participant (keyed by the member, `NetworkMember.id`, which its snapshot copies keep as
`SnapshotMember.member_id`) and a tie between two members (keyed by its two members). A tie
counts when today's map or any snapshot carries it with an origin work model; the origin is
read from today's map, or else from the latest snapshot that has it (a member removed from the
map since is followed too: that is a lost tie, not a forgotten one).

**When the work ended.** From the most precise source the origin names: a buddy match's
closing day (`Match.closed_on`), else the group's end date (`Group.ends_on`), else the
trajectory's end (`Trajectory.ended_on`). A tie without such a source, or whose source has not
ended, has *no known end* and is not followed (it is counted among the ties created only).

**The follow-up snapshot.** For "6 months": the participant's first snapshot taken on or
after the end + 6 calendar months and before the end + 12 months; for "12 months": the first
one on or after the end + 12 months and before the end + 18 months. In that snapshot the tie
*still exists* when the snapshot has the member (a member's tie), or the tie between the same
two members and that tie is not marked broken (a tie between members); otherwise it is *lost*.
Without such a snapshot the tie is *not yet known* while the window is still open (a
snapshot may still come), or *not followed up* once it has passed. Neither counts as lost.

**Suppression.** As on the dashboard (`suppression`, MIN_CELL): a work model whose ties come
from fewer than MIN_CELL participants, or number fewer than MIN_CELL, is hidden. Within a work
model the ties created split into: no known end, followed up (still there + lost), not yet
known, not followed up; per horizon these four counts are one additive group whose total is
shown, suppressed with the complementary rule (the "no known end" cell is shared by both
horizons). The followed-up count is hidden as well when its ties come from fewer than MIN_CELL
participants. The share still there, with its 95% bootstrap interval (`stats.share_interval`),
is shown with the followed-up count it is computed from, like a median with its n.

Five reads of integer columns (`columns.int_columns`), side by side on PostgreSQL as in
`practice.load`: today's members and ties with an origin, and one pass each over the snapshot
copies of members and of ties (those with an origin, and the copies of what today's map
follows: an origin noted after a snapshot was taken still finds the member in it), the
snapshots and the ends. numpy does the rest; nothing here loops over participants.
"""

import datetime
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from django.db import connection, connections
from django.db.models import BigIntegerField, Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from buddies.models import Match
from groups.models import Group
from participants.models import (
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    SnapshotMember,
    SnapshotTie,
    Trajectory,
)
from participants.models.network_parts import TieTension
from workmodels.models import WorkModel

from .columns import DAY_ZERO, DayNumber, analytic_reads, int_columns
from .stats import share_interval
from .suppression import MIN_CELL, suppress_group

HORIZONS = (6, 12)  # months after the end
WINDOW = 6  # months: how long after the horizon a snapshot still counts for it
# The follow-up outcome of a tie at one horizon.
NO_END, STILL, LOST, NOT_YET, MISSED = range(5)
LIVE = 10**7  # the "day" of today's map: later than every snapshot
_ZERO = np.datetime64(DAY_ZERO, "D")
# Where an end comes from, in the order the sources win. A tie's source travels as one number,
# id * 4 + kind (0: none), and so does each ended match, group or trajectory.
MATCH, GROUP, TRAJECTORY = 1, 2, 3


def _int(value: int) -> Value:
    return Value(value, output_field=IntegerField())


def _big(value: int) -> Value:
    return Value(value, output_field=BigIntegerField())


def _source(prefix: str = ""):
    """The tie's most precise source (match, else group, else trajectory) as id * 4 + kind."""

    def coded(name: str, kind: int):
        return Cast(F(f"{prefix}origin_{name}_id"), BigIntegerField()) * _big(4) + _big(kind)

    return Coalesce(
        coded("match", MATCH),
        coded("group", GROUP),
        coded("trajectory", TRAJECTORY),
        _big(0),
        output_field=BigIntegerField(),
    )


def _has_origin(organisation_id: int) -> Q:
    return Q(participant__organisation_id=organisation_id, origin_work_model__isnull=False)


# --- The reads -------------------------------------------------------------------------------


def live_rows(organisation_id: int) -> np.ndarray:
    """(participant, member a, member b or 0, work model, source) of the members and ties with
    an origin work model on today's maps."""
    members = NetworkMember.objects.filter(_has_origin(organisation_id)).values_list(
        "participant_id", "id", _int(0), "origin_work_model_id", _source()
    )
    ties = MemberTie.objects.filter(_has_origin(organisation_id)).values_list(
        "participant_id", "member_a_id", "member_b_id", "origin_work_model_id", _source()
    )
    return int_columns(members.order_by().union(ties.order_by(), all=True), 5)


def _frozen(model, organisation_id: int, followed: Q):
    """The organisation's snapshot copies that carry an origin work model, or that may be
    copies of one followed today (an origin noted after the snapshot was taken)."""
    snapshots = NetworkSnapshot.objects.filter(participant__organisation_id=organisation_id)
    mine = Q(snapshot_id__in=snapshots.values("id"))
    return model.objects.filter(mine & (Q(origin_work_model__isnull=False) | followed))


def frozen_member_rows(organisation_id: int) -> np.ndarray:
    """(snapshot, member, 0, work model or 0, source, 0) of the snapshot copies of members
    (the two constant columns added here: less text to build and parse)."""
    today = NetworkMember.objects.filter(_has_origin(organisation_id)).values("id")
    found = _frozen(SnapshotMember, organisation_id, Q(member_id__in=today)).values_list(
        "snapshot_id",
        "member_id",
        Coalesce("origin_work_model_id", 0, output_field=BigIntegerField()),
        _source(),
    )
    rows = int_columns(found.order_by(), 4)
    zeros = np.zeros(len(rows), dtype=np.int64)
    return np.column_stack([rows[:, :2], zeros, rows[:, 2:], zeros])


def frozen_tie_rows(organisation_id: int) -> np.ndarray:
    """(snapshot, member a, member b, work model or 0, source, broken) of the snapshot copies
    of ties (numpy keeps the followed pairs)."""
    today = MemberTie.objects.filter(_has_origin(organisation_id)).values("member_a_id")
    broken = Case(When(tension=TieTension.BROKEN, then=1), default=0)
    found = _frozen(SnapshotTie, organisation_id, Q(member_a_id__in=today)).values_list(
        "snapshot_id",
        "member_a_id",
        "member_b_id",
        Coalesce("origin_work_model_id", 0, output_field=BigIntegerField()),
        _source(),
        broken,
    )
    return int_columns(found.order_by(), 6)


def snapshot_rows(organisation_id: int) -> np.ndarray:
    """(snapshot, participant, day) of the organisation's snapshots."""
    found = NetworkSnapshot.objects.filter(participant__organisation_id=organisation_id)
    return int_columns(
        found.order_by().values_list("id", "participant_id", DayNumber("taken_on")), 3
    )


def end_rows(organisation_id: int) -> np.ndarray:
    """(id * 4 + kind, day it ended) of the organisation's ended matches, groups and
    trajectories."""

    def coded(kind: int):
        return Cast(F("id"), BigIntegerField()) * _big(4) + _big(kind)

    matches = Match.objects.filter(
        organisation_id=organisation_id, closed_on__isnull=False
    ).values_list(coded(MATCH), DayNumber("closed_on"))
    groups = Group.objects.filter(
        organisation_id=organisation_id, ends_on__isnull=False
    ).values_list(coded(GROUP), DayNumber("ends_on"))
    trajectories = Trajectory.objects.filter(
        participant__organisation_id=organisation_id, ended_on__isnull=False
    ).values_list(coded(TRAJECTORY), DayNumber("ended_on"))
    queries = [qs.order_by() for qs in (matches, groups, trajectories)]
    return int_columns(queries[0].union(*queries[1:], all=True), 2)


READS = {
    "live": live_rows,
    "members": frozen_member_rows,
    "ties": frozen_tie_rows,
    "snapshots": snapshot_rows,
    "ends": end_rows,
}


def load(organisation_id: int) -> dict[str, np.ndarray]:
    """The five reads; on PostgreSQL outside a transaction side by side on their own
    connections, as `practice.load` does."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with analytic_reads():
            return {name: task(organisation_id) for name, task in READS.items()}
    with ThreadPoolExecutor(max_workers=len(READS)) as pool:
        futures = {
            name: pool.submit(_on_own_connection, task, organisation_id)
            for name, task in READS.items()
        }
        return {name: future.result() for name, future in futures.items()}


def _on_own_connection(task, organisation_id: int):
    try:
        with analytic_reads():
            return task(organisation_id)
    finally:
        connections.close_all()  # this thread's connections only


# --- numpy -----------------------------------------------------------------------------------


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """Day numbers moved by calendar months (31 August + 6 months: the last day of February)."""
    dates = _ZERO + days.astype("timedelta64[D]")
    month = dates.astype("datetime64[M]")
    day_of_month = (dates - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    moved = target.astype("datetime64[D]") + np.minimum(day_of_month, length - 1)
    return (moved - _ZERO).astype(np.int64)


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray, missing: int = -1):
    """values[i] where keys[i] == wanted, else `missing` (keys unique)."""
    if not len(keys) or not len(wanted):
        return np.full(len(wanted), missing, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    position = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[position] == wanted, values[position], missing)


def prepare(loaded: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The followed ties (participant, a, b, work model, source), the day each one's work
    ended (-1: no known end), the snapshots (id, participant, day) and the presence rows
    (snapshot, a, b) of the copies not marked broken."""
    snapshots = loaded["snapshots"]
    frozen = np.vstack([loaded["members"], loaded["ties"]])
    participant = _lookup(snapshots[:, 0], snapshots[:, 1], frozen[:, 0])
    day = _lookup(snapshots[:, 0], snapshots[:, 2], frozen[:, 0])
    mine = participant >= 0  # a snapshot removed between the reads: its copies go too
    frozen, participant, day = frozen[mine], participant[mine], day[mine]
    live = loaded["live"]
    with_origin = frozen[:, 3] > 0
    copies = np.vstack(
        [
            np.column_stack([live, np.full(len(live), LIVE)]),
            np.column_stack([participant[with_origin], frozen[with_origin, 1:5], day[with_origin]]),
        ]
    )
    ties = _latest_copies(copies)[:, :5]
    ends = loaded["ends"]
    end = _lookup(ends[:, 0], ends[:, 1], ties[:, 4]) if len(ties) else np.empty(0, np.int64)
    presence = frozen[frozen[:, 5] == 0][:, :3]
    return ties, end, snapshots, presence


def _latest_copies(copies: np.ndarray) -> np.ndarray:
    """One row per tie (participant, a, b): today's map's, else the latest snapshot's."""
    if not len(copies):
        return copies
    order = np.lexsort((-copies[:, 5], copies[:, 2], copies[:, 1], copies[:, 0]))
    rows = copies[order]
    key = rows[:, :3]
    first = np.r_[True, np.any(key[1:] != key[:-1], axis=1)]
    return rows[first]


def follow_up(
    ties: np.ndarray,
    end: np.ndarray,
    snapshots: np.ndarray,
    presence,
    months: int,
    today: int,
) -> np.ndarray:
    """Each tie's outcome (NO_END, STILL, LOST, NOT_YET, MISSED) `months` after its end."""
    outcome = np.full(len(ties), NO_END, dtype=np.int64)
    known = np.flatnonzero(end >= 0)
    if not len(known):
        return outcome
    start = add_months(end[known], months)
    stop = add_months(end[known], months + WINDOW)
    shift = np.int64(1 << 20)  # day numbers stay below this
    participants = ties[known, 0]
    found = np.zeros(len(known), dtype=bool)
    snapshot = np.zeros(len(known), dtype=np.int64)
    if len(snapshots):
        order = np.lexsort((snapshots[:, 0], snapshots[:, 2], snapshots[:, 1]))
        keys = snapshots[order, 1] * shift + snapshots[order, 2]
        position = np.searchsorted(keys, participants * shift + start, side="left")
        inside = position < len(keys)
        position = np.minimum(position, len(keys) - 1)
        found = inside & (keys[position] < participants * shift + stop)
        snapshot = snapshots[order[position], 0]
    if not isinstance(presence, _Presence):
        presence = _Presence(presence)
    present = presence.has(ties[known, 1:3], snapshot) & found
    outcome[known] = np.where(
        found, np.where(present, STILL, LOST), np.where(today < stop, NOT_YET, MISSED)
    )
    return outcome


class _Presence:
    """The presence rows as one sorted number each (snapshot, a, b by rank among the ids
    present), built once and searched per horizon."""

    def __init__(self, presence: np.ndarray):
        self.empty = not len(presence)
        if self.empty:
            return
        self.members = _sorted_unique(np.concatenate([presence[:, 1], presence[:, 2]]))
        self.snapshots = _sorted_unique(presence[:, 0])
        self.bits = max(len(self.members).bit_length(), 1)
        if len(self.snapshots).bit_length() + 2 * self.bits > 62:
            raise OverflowError("too many members and snapshots to key them in 63 bits")
        self.there = np.sort(self._keys(presence[:, 0], presence[:, 1], presence[:, 2])[0])

    def _keys(self, snap, a, b):
        def rank(sorted_ids, ids):
            position = np.minimum(np.searchsorted(sorted_ids, ids), len(sorted_ids) - 1)
            return position, sorted_ids[position] == ids

        rank_a, found_a = rank(self.members, a)
        rank_b, found_b = rank(self.members, b)
        rank_s, found_s = rank(self.snapshots, snap)
        key = (rank_s << (2 * self.bits)) | (rank_a << self.bits) | rank_b
        return key, found_a & found_b & found_s

    def has(self, pairs: np.ndarray, snapshot: np.ndarray) -> np.ndarray:
        """Whether each (a, b) is in its snapshot."""
        if self.empty or not len(pairs):
            return np.zeros(len(pairs), dtype=bool)
        wanted, exact = self._keys(snapshot, pairs[:, 0], pairs[:, 1])
        position = np.minimum(np.searchsorted(self.there, wanted), len(self.there) - 1)
        return exact & (self.there[position] == wanted)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def durable_ties(organisation_id: int, *, today: datetime.date | None = None) -> dict:
    """Per work model: the ties it created and what became of them (plain data, cacheable)."""
    today = today or timezone.localdate()
    models = list(WorkModel.objects.order_by("order").values_list("id", "code"))
    return compute(load(organisation_id), models, (today - datetime.date(2000, 1, 1)).days)


def compute(loaded: dict, models: list[tuple[int, str]], today: int) -> dict:
    ties, end, snapshots, presence = prepare(loaded)
    presence = _Presence(presence)
    outcomes = {
        months: follow_up(ties, end, snapshots, presence, months, today) for months in HORIZONS
    }
    rows = []
    for index, (model_id, code) in enumerate(models):
        mine = ties[:, 3] == model_id if len(ties) else np.zeros(0, dtype=bool)
        people = ties[mine, 0]
        counts = {months: np.bincount(outcomes[months][mine], minlength=5) for months in HORIZONS}
        followed_people = {
            months: len(_sorted_unique(people[outcomes[months][mine] <= LOST]))
            for months in HORIZONS
        }
        everyone = len(_sorted_unique(people))
        rows.append(_row(code, index, int(mine.sum()), everyone, counts, followed_people))
    return {"models": rows, "horizons": list(HORIZONS), "min_cell": MIN_CELL}


def _groups(counts: dict, followed_people: dict) -> dict[int, tuple[bool, ...]]:
    """Per horizon, which of (no end, followed, not yet known, not followed up) to hide."""
    cells = {
        months: [
            int(c[NO_END]),
            int(c[STILL] + c[LOST]),
            int(c[NOT_YET]),
            int(c[MISSED]),
        ]
        for months, c in counts.items()
    }
    no_end_hidden = False
    for _round in range(2):  # the shared "no end" cell: hidden in one, hidden in both
        hidden = {}
        for months, group in cells.items():
            few = followed_people[months] < MIN_CELL and group[1] > 0
            already = [no_end_hidden, few, False, False]
            result = suppress_group(group, already_hidden=already, floor=0)
            hidden[months] = (*result.hidden, result.hide_total)
        if any(h[0] for h in hidden.values()) == no_end_hidden:
            break
        no_end_hidden = True
    return hidden


def _row(code, index, created, participants, counts, followed_people) -> dict:
    if created < MIN_CELL or participants < MIN_CELL:
        return {"code": code, "suppressed": True, "created": None, "horizons": []}
    hidden = _groups(counts, followed_people)
    if any(h[-1] for h in hidden.values()):  # only the total could protect a cell
        return {"code": code, "suppressed": True, "created": None, "horizons": []}
    horizons = []
    for months in HORIZONS:
        c, hide = counts[months], hidden[months]
        followed = int(c[STILL] + c[LOST])
        entry = {
            "months": months,
            "no_end": None if hide[0] else int(c[NO_END]),
            "followed": None if hide[1] else followed,
            "still": None if hide[1] else int(c[STILL]),
            "lost": None if hide[1] else int(c[LOST]),
            "not_yet": None if hide[2] else int(c[NOT_YET]),
            "not_followed": None if hide[3] else int(c[MISSED]),
            "share": None,
            "low": None,
            "high": None,
            "suppressed": bool(hide[1]),
        }
        if not hide[1] and followed:
            share, low, high = share_interval(int(c[STILL]), followed, seed=(index, months))
            entry |= {"share": share, "low": low, "high": high}
        horizons.append(entry)
    return {"code": code, "suppressed": False, "created": created, "horizons": horizons}
