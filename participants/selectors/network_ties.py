"""The ties between members of a map in words: who knows whom (the list beside the picture,
read by a screen reader) and what changed between two snapshots. Pure functions of members
and ties already loaded: they work the same on today's map (NetworkMember, MemberTie) and on
a snapshot's frozen copy (SnapshotMember, SnapshotTie), and make no query."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import SnapshotMember
from ..models.network_parts import TIE_ATTRIBUTES, TieStrength, TieTension


def member_key(member) -> int:
    """A snapshot member carries the id of the member it was copied from; a live one is it."""
    return member.member_id if isinstance(member, SnapshotMember) else member.pk


def tie_key(tie) -> tuple[int, int]:
    return (tie.member_a_id, tie.member_b_id)


def how_well(tie) -> str:
    """ "well" or "a little", with the tension: "a little, tense"."""
    words = [_("well") if tie.strength == TieStrength.STRONG else _("a little")]
    if tie.tension == TieTension.TENSE:
        words.append(_("tense"))
    elif tie.tension == TieTension.BROKEN:
        words.append(_("broken"))
    return ", ".join(words)


def origin_words(item) -> str:
    """Where a member or a tie came from: "Met in a group (Kookclub)"; "" when unknown."""
    if not item.origin:
        return item.origin_detail or ""
    label = item.get_origin_display()
    return f"{label} ({item.origin_detail})" if item.origin_detail else label


@dataclass(frozen=True)
class KnownTie:
    other: Any
    tie: Any
    words: str


@dataclass(frozen=True)
class MemberTies:
    member: Any
    ties: list[KnownTie]
    sentence: str


def member_tie_rows(members: Iterable[Any], ties: Iterable[Any]) -> list[MemberTies]:
    """For every member in the order given: who they know on the map, as a sentence ("Rita
    knows Jan (well) and Noor (a little, tense)"). Ties to someone not in `members` are left
    out."""
    members = list(members)
    by_key = {member_key(m): m for m in members}
    known: dict[int, list[KnownTie]] = {key: [] for key in by_key}
    for tie in ties:
        a, b = by_key.get(tie.member_a_id), by_key.get(tie.member_b_id)
        if a is None or b is None:
            continue
        words = how_well(tie)
        known[tie.member_a_id].append(KnownTie(b, tie, words))
        known[tie.member_b_id].append(KnownTie(a, tie, words))
    order = {member_key(m): index for index, m in enumerate(members)}
    rows = []
    for m in members:
        found = sorted(known[member_key(m)], key=lambda t: order[member_key(t.other)])
        if found:
            names = [f"{t.other.label} ({t.words})" for t in found]
            sentence = _("%(name)s knows %(others)s") % {
                "name": m.label,
                "others": get_text_list(names, _("and")),
            }
        else:
            sentence = _("%(name)s knows nobody else on the map") % {"name": m.label}
        rows.append(MemberTies(m, found, sentence))
    return rows


def tie_rows(members: Iterable[Any], ties: Iterable[Any]) -> list[dict[str, Any]]:
    """Every tie once, with the two names, in the members' order (for the table of ties)."""
    members = list(members)
    by_key = {member_key(m): m for m in members}
    order = {key: index for index, key in enumerate(by_key)}
    rows = []
    for tie in ties:
        a, b = by_key.get(tie.member_a_id), by_key.get(tie.member_b_id)
        if a is None or b is None:
            continue
        if order[member_key(a)] > order[member_key(b)]:
            a, b = b, a
        rows.append({"tie": tie, "a": a, "b": b, "origin": origin_words(tie)})
    rows.sort(key=lambda row: (order[member_key(row["a"])], order[member_key(row["b"])]))
    return rows


# --- Comparing two snapshots --------------------------------------------------------------------


@dataclass(frozen=True)
class TieChange:
    """One tie between two members, as before and after, with its two ends' names."""

    a: str
    b: str
    before: Any = None
    after: Any = None
    fields: tuple[str, ...] = ()

    @property
    def names(self) -> dict[str, str]:
        return {"a": self.a, "b": self.b}


@dataclass(frozen=True)
class TieDiff:
    gained: list[TieChange] = field(default_factory=list)
    lost: list[TieChange] = field(default_factory=list)
    changed: list[TieChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def any(self) -> bool:
        return bool(self.gained or self.lost or self.changed)

    def sentences(self) -> list[str]:
        """The changes in plain words, one sentence per kind of change."""
        return tie_diff_sentences(self)


def _label(key: int, *maps: dict[int, Any]) -> str:
    for members in maps:
        if key in members:
            return members[key].label
    return _("someone no longer on the map")


def tie_diff(
    before_ties: Iterable[Any],
    after_ties: Iterable[Any],
    before_members: Iterable[Any],
    after_members: Iterable[Any],
) -> TieDiff:
    """Ties gained, lost and changed (how well they know each other, a tension) between two
    maps, matched on the ids of the two members (a snapshot keeps the live member's id)."""
    old = {tie_key(t): t for t in before_ties}
    new = {tie_key(t): t for t in after_ties}
    old_members = {member_key(m): m for m in before_members}
    new_members = {member_key(m): m for m in after_members}

    def change(key, before=None, after=None, fields=()):
        # Names as in the snapshot the tie is in; a newer name wins when both have it.
        maps = (new_members, old_members) if after is not None else (old_members, new_members)
        return TieChange(_label(key[0], *maps), _label(key[1], *maps), before, after, fields)

    changed, unchanged = [], 0
    for key in sorted(old.keys() & new.keys()):
        fields = tuple(
            name for name in TIE_ATTRIBUTES if getattr(old[key], name) != getattr(new[key], name)
        )
        if fields:
            changed.append(change(key, old[key], new[key], fields))
        else:
            unchanged += 1
    return TieDiff(
        gained=[change(key, after=new[key]) for key in sorted(new.keys() - old.keys())],
        lost=[change(key, before=old[key]) for key in sorted(old.keys() - new.keys())],
        changed=changed,
        unchanged=unchanged,
    )


def _pairs(changes: list[TieChange], pattern: str) -> str:
    return "; ".join(pattern % c.names for c in changes)


def _changed(change: TieChange) -> str:
    return _("%(a)s and %(b)s now know each other %(now)s (was: %(was)s)") % {
        **change.names,
        "now": how_well(change.after),
        "was": how_well(change.before),
    }


def tie_diff_sentences(diff: TieDiff) -> list[str]:
    """ "1 tie between members lost: Jan and Noor no longer know each other." and the like."""
    out = []
    if diff.lost:
        out.append(
            ngettext(
                "%(count)s tie between members lost: %(pairs)s.",
                "%(count)s ties between members lost: %(pairs)s.",
                len(diff.lost),
            )
            % {
                "count": len(diff.lost),
                "pairs": _pairs(diff.lost, _("%(a)s and %(b)s no longer know each other")),
            }
        )
    if diff.gained:
        out.append(
            ngettext(
                "%(count)s new tie between members: %(pairs)s.",
                "%(count)s new ties between members: %(pairs)s.",
                len(diff.gained),
            )
            % {
                "count": len(diff.gained),
                "pairs": _pairs(diff.gained, _("%(a)s and %(b)s got to know each other")),
            }
        )
    if diff.changed:
        out.append(
            ngettext(
                "%(count)s tie between members changed: %(pairs)s.",
                "%(count)s ties between members changed: %(pairs)s.",
                len(diff.changed),
            )
            % {"count": len(diff.changed), "pairs": "; ".join(_changed(c) for c in diff.changed)}
        )
    if not out:
        out.append(_("The ties between members did not change."))
    return out
