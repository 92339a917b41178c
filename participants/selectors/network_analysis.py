"""The network as a network: who among the members of a map know each other, in figures (for
the worker) and in plain words (for the participant, see `network_analysis_words`).

`network_analysis(members, ties)` is a pure function over member-like objects (NetworkMember
or SnapshotMember) and tie-like objects (MemberTie or SnapshotTie: `member_a_id`,
`member_b_id`, `strength`, `tension`), so today's map and a snapshot are analysed the same
way; `analysis_changes(before, after)` compares two analyses. Every graph algorithm is
networkx's; nothing here queries the database.

How ties count (the pages say the first two in words):

- A **broken** tie is not a tie. It counts for nothing in the structure (density, groups,
  isolates, cliques, bridge persons, betweenness, the ego measures); it is counted apart.
- A **tense** tie is a tie: people who do not get along still know each other.
- **Weak and strong** weigh the same in the structure: a tie is there or it is not. Strength
  counts only in Burt's constraint, where it is the point of the measure: a strong tie weighs
  2, a weak one 1, and the participant's own tie to a member is strong for the rings "very
  close" and "close", weak for "acquaintance" and "services".
- **The members' graph** is the members and the ties between them, without the participant.
  Groups are its connected components of two or more, isolates the members with no tie,
  cliques its maximal cliques of three or more, bridge persons its articulation points (a
  member whose leaving cuts some members off from the rest; the smaller parts are the people
  "only they know"), ranked by betweenness (normalised, on the members' graph).
- **The ego network** is the members' graph with the participant joined to every member
  (everyone on the map is someone the participant knows). Effective size (unweighted: the
  number of members minus their redundancy, Borgatti's n - 2t/n) and constraint (weighted as
  above) are networkx's `effective_size` and `constraint` (Burt 1992) for the participant.
- Before anyone recorded a tie between members (no tie at all, broken ones included), the
  structure is unknown rather than empty: no density, no isolates, no ego measures.

The two costly measures, betweenness (Brandes, O(nm): tens of milliseconds for 150 members
and 2,000 ties) and the maximal cliques, depend only on the shape of the members' graph. They
are kept in the cache under a digest of that shape (member ids and pairs of ids, never names:
members are third parties), so they are recomputed only when who-knows-whom changes; the
answer is the same with or without the cache (bench/network_page.py measures both).
"""

import hashlib
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from ..models.network import Ring
from ..models.network_parts import TieStrength, TieTension
from .network import _key, member_sort_key
from .network_analysis_words import analysis_sentences, change_sentences

EGO = "participant"
STRONG, WEAK = 2, 1
STRONG_RINGS = frozenset({Ring.VERY_CLOSE, Ring.CLOSE})
# Maximal cliques are listed up to this many (a pathological map could have very many); the
# count then says "at least".
CLIQUE_LIMIT = 5000
LARGEST_CLIQUES = 20
TOP_BETWEENNESS = 5
SHAPE_CACHE_SECONDS = 7 * 24 * 3600

Pair = tuple[int, int]

# The figures of the worker's table, as the comparison lists them.
FIGURE_LABELS = {
    "ties": _("Ties between members"),
    "broken": _("Broken ties (not counted)"),
    "density": _("Density among members"),
    "groups": _("Groups that do not know each other"),
    "isolates": _("Members who know no one else"),
    "cliques": _("Groups of three or more who all know each other"),
    "bridges": _("Bridge persons (the only link to someone)"),
    "effective_size": _("Effective size (Burt)"),
    "constraint": _("Constraint (Burt)"),
}


@dataclass(frozen=True)
class Person:
    """A member as the analysis names them (the key is the live member's id)."""

    key: int
    label: str
    sector: str
    ring: str
    order: int  # place in the map's usual order (ring, sector, name)


@dataclass(frozen=True)
class Bridge:
    """A member who is the only link between some members (`reaches`) and the rest."""

    person: int
    reaches: tuple[int, ...]
    betweenness: float


@dataclass(frozen=True)
class NetworkAnalysis:
    people: Mapping[int, Person]
    ties_recorded: bool  # any tie between members at all, broken ones included
    edges: frozenset[Pair]  # the ties that count (not broken), lower key first
    strong: int
    tense: int
    broken_edges: frozenset[Pair]
    density: float | None
    groups: tuple[tuple[int, ...], ...]  # components of two or more, largest first
    isolates: tuple[int, ...]
    cliques: tuple[tuple[int, ...], ...]  # maximal cliques of 3+ (ids in order), largest first
    clique_count: int
    cliques_capped: bool
    bridges: tuple[Bridge, ...]  # highest betweenness first
    betweenness: tuple[tuple[int, float], ...]  # the members with the highest, above zero
    effective_size: float | None
    constraint: float | None

    @property
    def size(self) -> int:
        return len(self.people)

    @property
    def ties(self) -> int:
        return len(self.edges)

    @property
    def broken(self) -> int:
        return len(self.broken_edges)

    @property
    def density_percent(self) -> float | None:
        return None if self.density is None else self.density * 100

    @property
    def efficiency(self) -> float | None:
        if self.effective_size is None or not self.size:
            return None
        return self.effective_size / self.size

    @property
    def efficiency_percent(self) -> float | None:
        return None if self.efficiency is None else self.efficiency * 100

    @property
    def largest_clique(self) -> int:
        return len(self.cliques[0]) if self.cliques else 0

    @property
    def largest_cliques(self) -> tuple[tuple[int, ...], ...]:
        """The largest cliques, each in the map's order (the same order as `cliques`)."""
        ordered = [tuple(self.ordered(clique)) for clique in self.cliques[:LARGEST_CLIQUES]]
        return tuple(sorted(ordered, key=lambda c: (-len(c), [self.people[k].order for k in c])))

    @property
    def has_structure(self) -> bool:
        """Whether there is anything to say about who knows whom."""
        return self.ties_recorded and self.size >= 2

    def label(self, key: int) -> str:
        return self.people[key].label

    def ordered(self, keys: Iterable[int]) -> list[int]:
        return sorted(keys, key=lambda key: self.people[key].order)

    def betweenness_rows(self) -> list[tuple[str, float, bool]]:
        """The worker's table: (label, betweenness, is a bridge person) of the members with the
        highest betweenness and of the top bridge persons, highest first."""
        bridges = {bridge.person for bridge in self.bridges}
        rows = dict(self.betweenness)
        rows |= {b.person: b.betweenness for b in self.bridges[:TOP_BETWEENNESS]}
        ordered = sorted(rows.items(), key=lambda item: (-item[1], self.people[item[0]].order))
        return [(self.label(key), value, key in bridges) for key, value in ordered]

    @cached_property
    def sentences(self) -> list:
        return analysis_sentences(self)


def _pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _members_graph(people: Mapping[int, Person], ties: Iterable[Any]):
    """The members' graph (weights kept for the constraint) and the tie counts."""
    edges: dict[Pair, int] = {}
    broken, recorded, strong, tense = set(), False, 0, 0
    for tie in ties:
        a, b = tie.member_a_id, tie.member_b_id
        if a == b or a not in people or b not in people:
            continue
        recorded = True
        if tie.tension == TieTension.BROKEN:
            broken.add(_pair(a, b))
            continue
        is_strong = tie.strength == TieStrength.STRONG
        edges[_pair(a, b)] = STRONG if is_strong else WEAK
        strong += is_strong
        tense += tie.tension == TieTension.TENSE
    graph = nx.Graph()
    graph.add_nodes_from(people)
    graph.add_edges_from((a, b, {"weight": weight}) for (a, b), weight in edges.items())
    return graph, edges, frozenset(broken), recorded, strong, tense


def _bridges(graph, people, betweenness: dict[int, float]) -> tuple[Bridge, ...]:
    bridges = []
    for person in nx.articulation_points(graph):
        around = nx.node_connected_component(graph, person) - {person}
        parts = sorted(
            (sorted(part) for part in nx.connected_components(graph.subgraph(around))),
            key=lambda part: (-len(part), min(people[key].order for key in part)),
        )
        reaches = sorted(itertools.chain.from_iterable(parts[1:]), key=lambda k: people[k].order)
        bridges.append(Bridge(person, tuple(reaches), betweenness.get(person, 0.0)))
    return tuple(sorted(bridges, key=lambda b: (-b.betweenness, people[b.person].order)))


@dataclass(frozen=True)
class Shape:
    """The costly measures, which depend on the graph's shape alone (ids, never names)."""

    betweenness: dict[int, float]
    cliques: list[tuple[int, ...]]  # ids in order, largest first
    capped: bool
    effective_size: float
    constraint: float


def _measure(graph, ego_weights: dict[int, int]) -> Shape:
    centrality = nx.betweenness_centrality(graph) if graph.number_of_edges() else {}
    enumerated = list(itertools.islice(nx.find_cliques(graph), CLIQUE_LIMIT + 1))
    cliques = sorted(
        (tuple(sorted(clique)) for clique in enumerated[:CLIQUE_LIMIT] if len(clique) >= 3),
        key=lambda clique: (-len(clique), clique),
    )
    ego = nx.Graph()
    ego.add_edges_from(graph.edges(data=True))
    ego.add_edges_from((EGO, key, {"weight": weight}) for key, weight in ego_weights.items())
    # Without `nodes`, networkx computes both with sparse matrices (milliseconds); asking for
    # the participant alone takes its per-node path, seconds on a large map.
    return Shape(
        betweenness=centrality,
        cliques=cliques,
        capped=len(enumerated) > CLIQUE_LIMIT,
        effective_size=nx.effective_size(ego)[EGO],
        constraint=nx.constraint(ego, weight="weight")[EGO],
    )


def _shape(graph, edges: dict[Pair, int], people: Mapping[int, Person]) -> Shape:
    """The costly measures, from the cache when this shape was measured before."""
    ego_weights = {
        key: STRONG if person.ring in STRONG_RINGS else WEAK for key, person in people.items()
    }
    fingerprint = repr((sorted(ego_weights.items()), sorted(edges.items())))
    key = f"network-shape:v1:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = _measure(graph, ego_weights)
        cache.set(key, found, SHAPE_CACHE_SECONDS)
    return found


def _unknown(people, edges, broken, recorded, strong, tense) -> "NetworkAnalysis":
    return NetworkAnalysis(
        people=people,
        ties_recorded=recorded,
        edges=frozenset(edges),
        strong=strong,
        tense=tense,
        broken_edges=broken,
        density=None,
        groups=(),
        isolates=(),
        cliques=(),
        clique_count=0,
        cliques_capped=False,
        bridges=(),
        betweenness=(),
        effective_size=None,
        constraint=None,
    )


def network_analysis(members: Iterable[Any], ties: Iterable[Any]) -> NetworkAnalysis:
    """The structure of a map (live or frozen); see the module's docstring for how ties count."""
    ordered = sorted(members, key=member_sort_key)
    people = {
        _key(member): Person(_key(member), member.label, member.sector, member.ring, index)
        for index, member in enumerate(ordered)
    }
    graph, edges, broken, recorded, strong, tense = _members_graph(people, ties)
    if not (recorded and len(people) >= 2):
        return _unknown(people, edges, broken, recorded, strong, tense)
    order = {key: person.order for key, person in people.items()}
    components = [tuple(sorted(c, key=order.get)) for c in nx.connected_components(graph)]
    groups = sorted((c for c in components if len(c) >= 2), key=lambda c: (-len(c), order[c[0]]))
    shape = _shape(graph, edges, people)
    top = sorted(
        ((key, value) for key, value in shape.betweenness.items() if value > 0),
        key=lambda item: (-item[1], order[item[0]]),
    )[:TOP_BETWEENNESS]
    return NetworkAnalysis(
        people=people,
        ties_recorded=recorded,
        edges=frozenset(edges),
        strong=strong,
        tense=tense,
        broken_edges=broken,
        density=nx.density(graph),
        groups=tuple(groups),
        isolates=tuple(sorted(nx.isolates(graph), key=order.get)),
        cliques=tuple(shape.cliques),
        clique_count=len(shape.cliques),
        cliques_capped=shape.capped,
        bridges=_bridges(graph, people, shape.betweenness),
        betweenness=tuple(top),
        effective_size=shape.effective_size,
        constraint=shape.constraint,
    )


# --- Changes between two snapshots ----------------------------------------------------------


@dataclass(frozen=True)
class AnalysisChanges:
    """What changed in who knows whom between two analyses (usually two snapshots)."""

    before: NetworkAnalysis
    after: NetworkAnalysis
    gained: tuple[Pair, ...]
    lost: tuple[Pair, ...]  # gone altogether (the tie was removed, or a member left the map)
    broke: tuple[Pair, ...]  # counted before, broken now
    newly_isolated: tuple[int, ...]
    no_longer_isolated: tuple[int, ...]
    new_bridges: tuple[Bridge, ...]  # after's, including those who now reach other people
    gone_bridges: tuple[Bridge, ...]  # before's, reaching only members still on the map
    new_cliques: tuple[tuple[int, ...], ...]  # not part of any clique before, largest first

    @property
    def comparable(self) -> bool:
        """Ties between members were recorded in both: otherwise changes are not known."""
        return self.before.ties_recorded and self.after.ties_recorded

    @property
    def groups_delta(self) -> int:
        return len(self.after.groups) - len(self.before.groups)

    def label(self, key: int) -> str:
        person = self.after.people.get(key) or self.before.people[key]
        return person.label

    def figures(self) -> list[tuple[str, str, str, Any, Any, Any]]:
        """(key, label, kind, before, after, difference) of every figure of the worker's table;
        kind is "count", "percent" or "decimal"; a figure not known on one side is None."""
        rows = [
            ("ties", "count", self.before.ties, self.after.ties),
            ("broken", "count", self.before.broken, self.after.broken),
            ("density", "percent", self.before.density_percent, self.after.density_percent),
            ("groups", "count", len(self.before.groups), len(self.after.groups)),
            ("isolates", "count", len(self.before.isolates), len(self.after.isolates)),
            ("cliques", "count", self.before.clique_count, self.after.clique_count),
            ("bridges", "count", len(self.before.bridges), len(self.after.bridges)),
            ("effective_size", "decimal", self.before.effective_size, self.after.effective_size),
            ("constraint", "decimal", self.before.constraint, self.after.constraint),
        ]
        out = []
        for key, kind, old, new in rows:
            old = old if _known(self.before, key) else None
            new = new if _known(self.after, key) else None
            delta = None if old is None or new is None else new - old
            out.append((key, str(FIGURE_LABELS[key]), kind, old, new, delta))
        return out

    @cached_property
    def sentences(self) -> list:
        return change_sentences(self)

    @cached_property
    def structural_sentences(self) -> list:
        """The changes beyond ties gained and lost (those the comparison lists by name)."""
        return change_sentences(self, with_ties=False)


def _known(analysis: NetworkAnalysis, key: str) -> bool:
    if key in ("ties", "broken"):
        return analysis.ties_recorded
    return analysis.has_structure


def _new_cliques(before: NetworkAnalysis, after: NetworkAnalysis) -> tuple[tuple[int, ...], ...]:
    by_member: dict[int, list[frozenset[int]]] = {}
    for clique in before.cliques:
        members = frozenset(clique)
        for key in clique:
            by_member.setdefault(key, []).append(members)
    return tuple(
        clique
        for clique in after.cliques
        if not any(set(clique) <= old for old in by_member.get(clique[0], ()))
    )


def analysis_changes(before: NetworkAnalysis, after: NetworkAnalysis) -> AnalysisChanges:
    """Ties gained, lost and broken, members newly alone or no longer alone, bridge persons
    and cliques that appeared or went, between two analyses (members matched by their key)."""
    broke = before.edges & after.broken_edges
    alone_before, alone_after = set(before.isolates), set(after.isolates)
    both_known = before.has_structure and after.has_structure
    old_bridges = {bridge.person: bridge for bridge in before.bridges}
    new_bridges = {bridge.person: bridge for bridge in after.bridges}
    gone = []
    for person, bridge in old_bridges.items():
        if person in new_bridges or person not in after.people:
            continue
        reaches = tuple(key for key in bridge.reaches if key in after.people)
        if reaches:
            gone.append(Bridge(person, reaches, bridge.betweenness))
    return AnalysisChanges(
        before=before,
        after=after,
        gained=tuple(sorted(after.edges - before.edges)),
        lost=tuple(sorted(before.edges - after.edges - broke)),
        broke=tuple(sorted(broke)),
        newly_isolated=tuple(key for key in after.isolates if key not in alone_before)
        if both_known
        else (),
        no_longer_isolated=tuple(
            after.ordered(
                key for key in alone_before if key in after.people and key not in alone_after
            )
        )
        if both_known
        else (),
        new_bridges=tuple(
            bridge
            for bridge in after.bridges
            if bridge.person not in old_bridges
            or set(old_bridges[bridge.person].reaches) != set(bridge.reaches)
        ),
        gone_bridges=tuple(gone),
        new_cliques=_new_cliques(before, after),
    )
