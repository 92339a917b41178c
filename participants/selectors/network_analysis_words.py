"""The analysis of a network map in plain words, for the participant: short sentences in the
"je" form ("Rita is the only one who knows your neighbours"), in the active language. The
figures stay beside them for the worker (templates/participants/network/_analysis.html).

A set of members is named by what they are when that is exactly all of them on the map ("your
family", "the people who are close to you"), otherwise by their names, a few at most.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models.network import Ring, Sector

# network_analysis imports this module for its `sentences`, so its types cannot be imported
# here (that would be a cycle): these names only tell the reader what is passed.
NetworkAnalysis = AnalysisChanges = Bridge = Any

NAMES_SHOWN = 4  # names in one list before "and 3 other people"
BRIDGES_SHOWN = 5
CLIQUES_SHOWN = 3
PAIRS_SHOWN = 10

SECTOR_PEOPLE = {
    Sector.HOUSEHOLD: gettext_lazy("the people you live with"),
    Sector.FAMILY: gettext_lazy("your family"),
    Sector.FRIENDS: gettext_lazy("your friends"),
    Sector.NEIGHBOURS: gettext_lazy("your neighbours"),
    Sector.WORK_SCHOOL: gettext_lazy("the people from work or school"),
    Sector.PEERS: gettext_lazy("the people who went through the same as you"),
    Sector.BUDDY: gettext_lazy("your buddy and volunteers"),
    Sector.PROFESSIONALS: gettext_lazy("the professionals who help you"),
    Sector.CLUBS: gettext_lazy("the people from your club, association or faith"),
}
RING_PEOPLE = {
    Ring.VERY_CLOSE: gettext_lazy("the people who are very close to you"),
    Ring.CLOSE: gettext_lazy("the people who are close to you"),
    Ring.ACQUAINTANCE: gettext_lazy("your acquaintances"),
    Ring.SERVICES: gettext_lazy("the services that help you"),
}


@dataclass(frozen=True)
class Sentence:
    text: str
    details: tuple[str, ...] = ()


def _say(text: str, details: Iterable[str] = ()) -> Sentence:
    return Sentence(capfirst(text), tuple(capfirst(detail) for detail in details))


def names(labels: list[str], limit: int = NAMES_SHOWN) -> str:
    """ "Jan", "Jan and Rita", "Jan, Rita and Ali", "Jan, Rita, Ali and 5 other people"."""
    if len(labels) <= 1:
        return "".join(labels)
    if len(labels) <= limit:
        return _("%(names)s and %(last)s") % {"names": ", ".join(labels[:-1]), "last": labels[-1]}
    rest = len(labels) - (limit - 1)
    return ngettext(
        "%(names)s and %(count)s other person", "%(names)s and %(count)s other people", rest
    ) % {"names": ", ".join(labels[: limit - 1]), "count": rest}


def whom(analysis: NetworkAnalysis, keys: Iterable[int]) -> str:
    """A set of members: "your neighbours" when they are all the neighbours on the map (two
    or more), the same for a ring, otherwise their names."""
    keys = set(keys)
    if len(keys) >= 2:
        people = analysis.people.values()
        for code, phrase in SECTOR_PEOPLE.items():
            if keys == {person.key for person in people if person.sector == code}:
                return str(phrase)
        for code, phrase in RING_PEOPLE.items():
            if keys == {person.key for person in people if person.ring == code}:
                return str(phrase)
    return names([analysis.label(key) for key in analysis.ordered(keys)])


def _labels(analysis: NetworkAnalysis, keys: Iterable[int]) -> list[str]:
    return [analysis.label(key) for key in keys]


# --- One map --------------------------------------------------------------------------------


def _groups(a: NetworkAnalysis) -> list[Sentence]:
    if len(a.groups) >= 2:
        return [
            _say(
                ngettext(
                    "Your network consists of %(count)s group that do not know each other.",
                    "Your network consists of %(count)s groups that do not know each other.",
                    len(a.groups),
                )
                % {"count": len(a.groups)},
                [whom(a, group) for group in a.groups],
            )
        ]
    if not a.groups:
        return []
    if not a.isolates:
        return [_say(_("Everyone on your map knows each other, directly or through someone else."))]
    count = len(a.groups[0])
    return [
        _say(
            _("%(count)s people on your map know each other, directly or through someone else.")
            % {"count": count}
        )
    ]


def _isolates(a: NetworkAnalysis) -> list[Sentence]:
    if not a.isolates:
        return []
    text = ngettext(
        "%(names)s knows no one else on your map.",
        "%(names)s know no one else on your map.",
        len(a.isolates),
    )
    return [_say(text % {"names": names(_labels(a, a.isolates))})]


def bridge_sentence(a: NetworkAnalysis, bridge: Bridge, when: str = "") -> Sentence:
    values = {"name": a.label(bridge.person), "whom": whom(a, bridge.reaches)}
    if when == "now":
        return _say(_("%(name)s is now the only one who knows %(whom)s.") % values)
    if when == "no longer":
        return _say(_("%(name)s is no longer the only one who knows %(whom)s.") % values)
    return _say(_("%(name)s is the only one who knows %(whom)s.") % values)


def _bridges(a: NetworkAnalysis) -> list[Sentence]:
    said = [bridge_sentence(a, bridge) for bridge in a.bridges[:BRIDGES_SHOWN]]
    rest = len(a.bridges) - BRIDGES_SHOWN
    if rest > 0:
        text = ngettext(
            "%(count)s other person is also the only link to someone on your map.",
            "%(count)s other people are each the only link to someone on your map.",
            rest,
        )
        said.append(_say(text % {"count": rest}))
    return said


def _clique_names(a: NetworkAnalysis, clique) -> str:
    labels = _labels(a, a.ordered(clique))
    return names(labels, limit=len(clique) if len(clique) <= 6 else NAMES_SHOWN)


def _cliques(a: NetworkAnalysis) -> list[Sentence]:
    if a.clique_count <= CLIQUES_SHOWN:
        return [
            _say(_("%(names)s all know each other.") % {"names": _clique_names(a, clique)})
            for clique in a.largest_cliques
        ]
    if a.cliques_capped:
        text = _("There are at least %(count)s groups of three or more who all know each other.")
    else:
        text = ngettext(
            "There is %(count)s group of three or more who all know each other.",
            "There are %(count)s groups of three or more who all know each other.",
            a.clique_count,
        )
    details = [_clique_names(a, clique) for clique in a.largest_cliques[:CLIQUES_SHOWN]]
    return [_say(text % {"count": a.clique_count}, details)]


def _ego(a: NetworkAnalysis) -> list[Sentence]:
    if a.effective_size is None or not a.edges:
        return []
    count = round(a.effective_size)
    if count >= a.size:
        return []
    text = ngettext(
        "Because some of your %(size)s people know each other, they count as about "
        "%(count)s separate contact.",
        "Because some of your %(size)s people know each other, they count as about "
        "%(count)s separate contacts.",
        count,
    )
    return [_say(text % {"size": a.size, "count": count})]


def _notes(a: NetworkAnalysis) -> list[Sentence]:
    said = []
    if a.broken:
        text = ngettext(
            "%(count)s tie between members is broken; it does not count here.",
            "%(count)s ties between members are broken; they do not count here.",
            a.broken,
        )
        said.append(_say(text % {"count": a.broken}))
    if a.tense:
        text = ngettext(
            "%(count)s tie between members is tense; it still counts as a tie.",
            "%(count)s ties between members are tense; they still count as ties.",
            a.tense,
        )
        said.append(_say(text % {"count": a.tense}))
    return said


def analysis_sentences(a: NetworkAnalysis) -> list[Sentence]:
    if a.size == 0:
        return [_say(_("No one is on your map yet."))]
    if a.size == 1:
        only = next(iter(a.people.values()))
        return [_say(_("%(name)s is the only person on your map.") % {"name": only.label})]
    if not a.ties_recorded:
        return [_say(_("Who among these people know each other was not recorded yet."))]
    if not a.edges:
        return [
            _say(_("No one on your map knows anyone else on it: every tie between them is broken."))
        ]
    if a.density == 1:
        said = [_say(_("Everyone on your map knows everyone else."))]
    else:
        said = _groups(a) + _isolates(a) + _bridges(a) + _cliques(a)
    return said + _ego(a) + _notes(a)


# --- Between two snapshots ------------------------------------------------------------------


def _pairs(changes: AnalysisChanges, pairs) -> list[str]:
    shown = [names([changes.label(a), changes.label(b)]) for a, b in pairs[:PAIRS_SHOWN]]
    rest = len(pairs) - PAIRS_SHOWN
    if rest > 0:
        shown.append(ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest})
    return shown


def _tie_changes(c: AnalysisChanges) -> list[Sentence]:
    said = []
    if c.gained:
        text = ngettext(
            "%(count)s new tie between members.",
            "%(count)s new ties between members.",
            len(c.gained),
        )
        said.append(_say(text % {"count": len(c.gained)}, _pairs(c, c.gained)))
    if c.lost:
        text = ngettext(
            "%(count)s tie between members lost.",
            "%(count)s ties between members lost.",
            len(c.lost),
        )
        said.append(_say(text % {"count": len(c.lost)}, _pairs(c, c.lost)))
    if c.broke:
        text = ngettext(
            "%(count)s tie between members broke.",
            "%(count)s ties between members broke.",
            len(c.broke),
        )
        said.append(_say(text % {"count": len(c.broke)}, _pairs(c, c.broke)))
    return said or [_say(_("The ties between members did not change."))]


def _group_changes(c: AnalysisChanges) -> list[Sentence]:
    delta = c.groups_delta
    if delta > 0:
        text = ngettext(
            "There is %(count)s more group that does not know the others.",
            "There are %(count)s more groups that do not know the others.",
            delta,
        )
        return [_say(text % {"count": delta})]
    if delta < 0:
        text = ngettext(
            "There is %(count)s group fewer that does not know the others.",
            "There are %(count)s groups fewer that do not know the others.",
            -delta,
        )
        return [_say(text % {"count": -delta})]
    return []


def _isolate_changes(c: AnalysisChanges) -> list[Sentence]:
    said = []
    if c.newly_isolated:
        text = ngettext(
            "%(names)s now knows no one else on your map.",
            "%(names)s now know no one else on your map.",
            len(c.newly_isolated),
        )
        said.append(_say(text % {"names": names(_labels(c.after, c.newly_isolated))}))
    if c.no_longer_isolated:
        text = ngettext(
            "%(names)s now knows someone else on your map.",
            "%(names)s now know someone else on your map.",
            len(c.no_longer_isolated),
        )
        said.append(_say(text % {"names": names(_labels(c.after, c.no_longer_isolated))}))
    return said


def _clique_changes(c: AnalysisChanges) -> list[Sentence]:
    new = c.new_cliques
    if len(new) <= CLIQUES_SHOWN:
        return [
            _say(_("%(names)s now all know each other.") % {"names": _clique_names(c.after, k)})
            for k in new
        ]
    text = ngettext(
        "There is %(count)s new group of three or more who all know each other.",
        "There are %(count)s new groups of three or more who all know each other.",
        len(new),
    )
    details = [_clique_names(c.after, clique) for clique in new[:CLIQUES_SHOWN]]
    return [_say(text % {"count": len(new)}, details)]


def change_sentences(c: AnalysisChanges, with_ties: bool = True) -> list[Sentence]:
    """What changed in who-knows-whom. `with_ties=False` leaves out the ties gained, lost and
    broken, for a page that already lists them by name (the comparison's tie_diff)."""
    if not c.comparable:
        if not c.before.ties_recorded and not c.after.ties_recorded:
            text = _("Who knows whom was not recorded in either snapshot.")
        elif not c.before.ties_recorded:
            text = _(
                "Who knows whom was not recorded in the earlier snapshot, so changes in it "
                "cannot be shown."
            )
        else:
            text = _(
                "Who knows whom was not recorded in the later snapshot, so changes in it "
                "cannot be shown."
            )
        return [_say(text)]
    said = (_tie_changes(c) if with_ties else []) + _group_changes(c) + _isolate_changes(c)
    said += [bridge_sentence(c.after, bridge, "now") for bridge in c.new_bridges[:BRIDGES_SHOWN]]
    said += [
        bridge_sentence(c.before, bridge, "no longer") for bridge in c.gone_bridges[:BRIDGES_SHOWN]
    ]
    said += _clique_changes(c)
    if not said:
        return [_say(_("The groups, the bridge persons and who is alone did not change."))]
    return said
