"""tie_diff: ties between members gained, lost and changed between two maps, by member ids."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from participants.selectors.network_ties import member_tie_rows, tie_diff


def member(pk, label):
    return SimpleNamespace(pk=pk, label=label)


def tie(a, b, strength="weak", tension=""):
    return SimpleNamespace(member_a_id=a, member_b_id=b, strength=strength, tension=tension)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


MEMBERS = [member(1, "Rita"), member(2, "Jan"), member(3, "Noor")]


def test_nothing_changed():
    ties = [tie(1, 2)]
    diff = tie_diff(ties, [tie(1, 2)], MEMBERS, MEMBERS)
    assert not diff.any and diff.unchanged == 1
    assert diff.sentences() == ["The ties between members did not change."]


def test_gained_lost_and_changed_are_keyed_on_the_two_members():
    before = [tie(1, 2), tie(2, 3, "strong")]
    after = [tie(2, 3, "strong", "broken"), tie(1, 3)]
    diff = tie_diff(before, after, MEMBERS, MEMBERS[:1] + MEMBERS[2:])
    assert [(c.a, c.b) for c in diff.lost] == [("Rita", "Jan")]
    assert [(c.a, c.b) for c in diff.gained] == [("Rita", "Noor")]
    assert [(c.a, c.b, c.fields) for c in diff.changed] == [("Jan", "Noor", ("tension",))]
    sentences = diff.sentences()
    assert sentences[0] == "1 tie between members lost: Rita and Jan no longer know each other."
    assert "Jan and Noor now know each other well, broken (was: well)" in sentences[2]


def test_the_rows_say_who_knows_nobody():
    rows = member_tie_rows(MEMBERS, [tie(1, 2, "strong")])
    assert [row.sentence for row in rows] == [
        "Rita knows Jan (well)",
        "Jan knows Rita (well)",
        "Noor knows nobody else on the map",
    ]
