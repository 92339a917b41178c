"""The network as a network: the analysis of who knows whom on small maps whose answers are
known by hand, its plain words (English and Dutch) and its changes between two snapshots."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from participants.models import NetworkMember, SnapshotMember
from participants.selectors.network_analysis import (
    AnalysisChanges,
    analysis_changes,
    network_analysis,
)
from participants.selectors.network_analysis_words import analysis_sentences, change_sentences


def member(pk, label, sector="family", ring="close"):
    return NetworkMember(pk=pk, label=label, sector=sector, ring=ring)


def tie(a, b, strength="weak", tension=""):
    return SimpleNamespace(
        member_a_id=min(a, b), member_b_id=max(a, b), strength=strength, tension=tension
    )


def sentences(subject, language="en"):
    """The sentences in a language (the `sentences` property keeps the first language asked)."""
    with translation.override(language):
        if isinstance(subject, AnalysisChanges):
            return change_sentences(subject)
        return analysis_sentences(subject)


def said(subject, language="en") -> list[str]:
    return [sentence.text for sentence in sentences(subject, language)]


# --- Figures ----------------------------------------------------------------------------------


def test_a_path_of_three_matches_the_figures_computed_by_hand():
    # A (very close) - B (close) - C (acquaintance); A-B strong, B-C weak.
    members = [
        member(1, "Ann", ring="very_close"),
        member(2, "Bart", ring="close"),
        member(3, "Cas", ring="acquaintance"),
    ]
    analysis = network_analysis(members, [tie(1, 2, "strong"), tie(2, 3)])
    assert (analysis.size, analysis.ties, analysis.strong) == (3, 2, 1)
    assert analysis.density == pytest.approx(2 / 3)
    assert analysis.density_percent == pytest.approx(66.667, abs=0.001)
    # Bart lies on the one shortest path between the two others: normalised betweenness 1.
    assert analysis.betweenness == ((2, pytest.approx(1.0)),)
    assert [(b.person, b.reaches) for b in analysis.bridges] == [(2, (3,))]
    # Effective size (Borgatti): n - 2t/n = 3 - 4/3.
    assert analysis.effective_size == pytest.approx(3 - 4 / 3)
    assert analysis.efficiency == pytest.approx((3 - 4 / 3) / 3)
    # Constraint, weights: participant-Ann 2, participant-Bart 2, participant-Cas 1 (rings),
    # Ann-Bart 2 (strong), Bart-Cas 1 (weak). p(participant→Ann) = 2/5, →Bart 2/5, →Cas 1/5;
    # p(Ann→Bart) = 2/4, p(Bart→Ann) = 2/5, p(Bart→Cas) = 1/5, p(Cas→Bart) = 1/2.
    c_ann = (0.4 + 0.4 * 0.4) ** 2
    c_bart = (0.4 + 0.4 * 0.5 + 0.2 * 0.5) ** 2
    c_cas = (0.2 + 0.4 * 0.2) ** 2
    assert analysis.constraint == pytest.approx(c_ann + c_bart + c_cas)
    assert analysis.constraint == pytest.approx(0.882)
    assert analysis.groups == ((1, 2, 3),) and analysis.isolates == ()
    assert analysis.clique_count == 0


def test_a_star_through_the_participant_only_is_not_yet_known_not_empty():
    members = [member(1, "Ann"), member(2, "Bart", "friends"), member(3, "Cas", "neighbours")]
    analysis = network_analysis(members, [])
    assert not analysis.ties_recorded and not analysis.has_structure
    assert analysis.density is None and analysis.effective_size is None
    assert analysis.constraint is None and analysis.isolates == ()
    assert said(analysis) == ["Who among these people know each other was not recorded yet."]


def test_broken_ties_do_not_count_and_tense_ones_do():
    members = [member(1, "Ann"), member(2, "Bart"), member(3, "Cas")]
    only_broken = network_analysis(members, [tie(1, 2, tension="broken")])
    assert only_broken.ties_recorded and only_broken.ties == 0 and only_broken.broken == 1
    assert said(only_broken) == [
        "No one on your map knows anyone else on it: every tie between them is broken."
    ]
    analysis = network_analysis(
        members, [tie(1, 2, tension="broken"), tie(2, 3, "strong", tension="tense")]
    )
    assert (analysis.ties, analysis.broken, analysis.tense) == (1, 1, 1)
    assert analysis.edges == {(2, 3)} and analysis.isolates == (1,)
    assert analysis.density == pytest.approx(1 / 3)
    english = said(analysis)
    assert "Ann knows no one else on your map." in english
    assert "1 tie between members is broken; it does not count here." in english
    assert "1 tie between members is tense; it still counts as a tie." in english


def test_two_groups_that_do_not_know_each_other_are_named_by_sector():
    members = [
        member(1, "Jan"),
        member(2, "Rita"),
        member(3, "Noor", "friends"),
        member(4, "Kees", "friends"),
    ]
    analysis = network_analysis(members, [tie(1, 2), tie(3, 4)])
    assert len(analysis.groups) == 2 and analysis.bridges == ()
    first = sentences(analysis)[0]
    assert first.text == "Your network consists of 2 groups that do not know each other."
    assert first.details == ("Your family", "Your friends")
    assert sentences(analysis, "nl")[0].text == (
        "Je netwerk bestaat uit 2 groepjes die elkaar niet kennen."
    )


def test_a_bridge_person_is_the_only_one_who_knows_a_whole_sector():
    members = [
        member(1, "Rita"),
        member(2, "Jan"),
        member(3, "Ali"),
        member(4, "Piet", "neighbours"),
        member(5, "Els", "neighbours"),
    ]
    ties = [tie(1, 2), tie(2, 3), tie(1, 3), tie(1, 4), tie(4, 5)]
    analysis = network_analysis(members, ties)
    assert {b.person for b in analysis.bridges} == {1, 4}
    assert analysis.bridges[0].person == 1 and set(analysis.bridges[0].reaches) == {4, 5}
    english = said(analysis)
    assert "Rita is the only one who knows your neighbours." in english
    assert "Piet is the only one who knows Els." in english
    assert "Everyone on your map knows each other, directly or through someone else." in english
    assert "Rita is de enige die je buren kent." in said(analysis, "nl")


def test_a_clique_and_isolates_in_plain_words():
    members = [member(k, name) for k, name in enumerate(["Jan", "Rita", "Ali", "Noor", "Mo"], 1)]
    analysis = network_analysis(members, [tie(1, 2), tie(2, 3), tie(1, 3, "strong")])
    assert analysis.cliques == ((1, 2, 3),)
    assert analysis.largest_cliques == ((3, 1, 2),)  # in the map's order: Ali, Jan, Rita
    assert analysis.isolates == (5, 4)
    assert said(analysis)[:3] == [
        "3 people on your map know each other, directly or through someone else.",
        "Mo and Noor know no one else on your map.",
        "Ali, Jan and Rita all know each other.",
    ]
    dutch = said(analysis, "nl")
    assert "Ali, Jan en Rita kennen elkaar allemaal." in dutch
    assert "Mo en Noor kennen niemand anders op je kaart." in dutch


def test_everyone_knowing_everyone_is_said_once():
    members = [member(k, name) for k, name in enumerate(["Jan", "Rita", "Ali"], 1)]
    analysis = network_analysis(members, [tie(1, 2), tie(2, 3), tie(1, 3)])
    assert analysis.density == 1
    assert said(analysis)[0] == "Everyone on your map knows everyone else."


def test_an_empty_map_and_a_map_of_one_are_said_kindly():
    assert said(network_analysis([], [])) == ["No one is on your map yet."]
    alone = network_analysis([member(1, "zus Leen")], [])
    assert said(alone) == ["Zus Leen is the only person on your map."]
    assert alone.density is None and alone.constraint is None


def test_long_lists_of_names_are_cut_short():
    members = [member(k, f"P{k:02}") for k in range(1, 9)]
    analysis = network_analysis(members, [tie(1, 2)])
    assert "P03, P04, P05 and 3 other people know no one else on your map." in said(analysis)


def test_snapshot_members_are_keyed_by_the_member_they_were_copied_from():
    members = [
        SnapshotMember(member_id=10, label="Jan", sector="family", ring="close"),
        SnapshotMember(member_id=20, label="Rita", sector="family", ring="close"),
    ]
    analysis = network_analysis(members, [tie(10, 20)])
    assert analysis.edges == {(10, 20)} and analysis.density == 1


def test_a_large_map_is_analysed_with_its_cliques_counted():
    members = [member(k, f"P{k}") for k in range(1, 41)]
    ties = [tie(a, b) for a in range(1, 41) for b in range(a + 1, 41) if (a * b) % 7 < 3]
    analysis = network_analysis(members, ties)
    assert analysis.ties == len(ties)
    assert analysis.clique_count >= 1 and len(analysis.largest_cliques) <= 20
    assert all(len(clique) >= 3 for clique in analysis.cliques)
    assert len(analysis.betweenness) <= 5


# --- Changes ----------------------------------------------------------------------------------


def test_changes_between_two_snapshots_in_the_same_words():
    family = [member(1, "Rita"), member(2, "Jan"), member(3, "Ali")]
    neighbours = [member(4, "Piet", "neighbours"), member(5, "Els", "neighbours")]
    before = network_analysis(
        family + neighbours, [tie(1, 2), tie(2, 3), tie(1, 3), tie(1, 4), tie(2, 4), tie(4, 5)]
    )
    after = network_analysis(
        family + neighbours,
        [tie(1, 2), tie(2, 3), tie(1, 3), tie(1, 4), tie(4, 5, tension="broken")],
    )
    changes = analysis_changes(before, after)
    assert changes.lost == ((2, 4),) and changes.broke == ((4, 5),) and changes.gained == ()
    english = said(changes)
    assert english[:2] == ["1 tie between members lost.", "1 tie between members broke."]
    assert sentences(changes)[0].details == ("Jan and Piet",)
    assert "Els now knows no one else on your map." in english
    assert "Rita is now the only one who knows Piet." in english
    assert "1 band tussen leden verloren." in said(changes, "nl")
    back = analysis_changes(after, before)
    assert "Rita is no longer the only one who knows Piet." in said(back)
    assert "Els now knows someone else on your map." in said(back)


def test_a_group_and_a_clique_that_appear_are_named():
    members = [member(k, name) for k, name in enumerate(["Jan", "Rita", "Ali", "Noor"], 1)]
    before = network_analysis(members, [tie(1, 2), tie(2, 3)])
    after = network_analysis(members, [tie(1, 2), tie(2, 3), tie(1, 3)])
    assert "Ali, Jan and Rita now all know each other." in said(analysis_changes(before, after))
    split = network_analysis(members, [tie(1, 2), tie(3, 4)])
    assert "There is 1 more group that does not know the others." in said(
        analysis_changes(before, split)
    )
    # A triangle that was part of a larger clique before is not "new".
    four = network_analysis(members, [tie(a, b) for a in range(1, 5) for b in range(a + 1, 5)])
    three = network_analysis(members, [tie(1, 2), tie(2, 3), tie(1, 3), tie(3, 4)])
    assert analysis_changes(four, three).new_cliques == ()


def test_changes_are_not_invented_when_ties_were_not_recorded_before():
    members = [member(1, "Jan"), member(2, "Rita")]
    changes = analysis_changes(
        network_analysis(members, []), network_analysis(members, [tie(1, 2)])
    )
    assert not changes.comparable
    assert said(changes) == [
        "Who knows whom was not recorded in the earlier snapshot, so changes in it cannot be shown."
    ]
    figures = {key: (old, new) for key, _label, _kind, old, new, _delta in changes.figures()}
    assert figures["density"] == (None, 100.0) and figures["ties"] == (None, 1)


def test_the_costly_measures_are_kept_by_the_maps_shape_not_by_names(monkeypatch):
    import networkx

    ties = [tie(1, 2), tie(2, 3), tie(3, 4), tie(1, 3, "strong")]
    first = network_analysis([member(k, f"Naam {k}") for k in range(1, 5)], ties)

    def not_again(*args, **kwargs):
        raise AssertionError("measured again")

    monkeypatch.setattr(networkx, "betweenness_centrality", not_again)
    renamed = network_analysis([member(k, f"Ander {k}") for k in range(1, 5)], ties)
    assert renamed.betweenness == first.betweenness and renamed.cliques == first.cliques
    assert renamed.constraint == first.constraint
    assert said(renamed)[1] == "Ander 3 is the only one who knows Ander 4."
