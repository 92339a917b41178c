"""Durable ties: the ties a work model created, followed up 6 and 12 months after it ended."""

import datetime

import numpy as np
import pytest

from buddies.models import Match
from findings import durable_ties as dt
from groups.models import Group
from participants.models import (
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    SnapshotMember,
    SnapshotTie,
    Trajectory,
)
from tests.buddies.conftest import make_request, make_volunteer
from tests.factories import ParticipantFactory, UserFactory
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
END = datetime.date(2025, 1, 15)
AT_6 = datetime.date(2025, 7, 20)  # within [end + 6 months, end + 12 months)
AT_12 = datetime.date(2026, 1, 20)  # within [end + 12 months, end + 18 months)


def model(code):
    return WorkModel.objects.get(code=code)


def member(participant, label="Rita", **origin):
    return NetworkMember.objects.create(
        participant=participant, label=label, sector="friends", ring="close", **origin
    )


def snapshot(participant, day, members=(), ties=(), broken=()):
    """A snapshot holding these live members (by id) and ties (pairs of members)."""
    snap = NetworkSnapshot.objects.create(
        participant=participant, taken_on=day, kind="follow_up", created_by=UserFactory()
    )
    SnapshotMember.objects.bulk_create(
        SnapshotMember(
            snapshot=snap,
            member_id=m.pk,
            label=m.label,
            sector=m.sector,
            ring=m.ring,
            origin=m.origin,
            origin_work_model=m.origin_work_model,
            origin_trajectory_id=m.origin_trajectory_id,
            origin_match_id=m.origin_match_id,
            origin_group_id=m.origin_group_id,
        )
        for m in members
    )
    SnapshotTie.objects.bulk_create(
        SnapshotTie(
            snapshot=snap,
            member_a_id=min(a.pk, b.pk),
            member_b_id=max(a.pk, b.pk),
            tension="broken" if (a, b) in broken else "",
        )
        for a, b in ties
    )
    return snap


def group(organisation, ends_on=END):
    return Group.objects.create(
        organisation=organisation,
        name="Wandelgroep",
        kind="peer_group",
        work_model=model("peer"),
        starts_on=(ends_on or END) - datetime.timedelta(days=90),
        ends_on=ends_on,
        created_by=UserFactory(),
    )


def figures(organisation):
    return {row["code"]: row for row in dt.durable_ties(organisation.pk, today=TODAY)["models"]}


def outcomes(organisation):
    """Per horizon, the outcome of each tie, in the order of the tie's first member."""
    ties, end, snapshots, presence = dt.prepare(dt.load(organisation.pk))
    today = (TODAY - datetime.date(2000, 1, 1)).days
    return {
        months: dict(
            zip(
                map(tuple, ties[:, 1:3].tolist()),
                dt.follow_up(ties, end, snapshots, presence, months, today),
                strict=True,
            )
        )
        for months in dt.HORIZONS
    }


def test_a_group_tie_is_still_there_at_6_months_and_lost_at_12(organisation):
    participant = ParticipantFactory(organisation=organisation)
    met = group(organisation)
    rita = member(
        participant, origin="group", origin_work_model=model("peer"), origin_group_id=met.pk
    )
    snapshot(participant, AT_6, [rita])
    snapshot(participant, AT_12, [])
    found = outcomes(organisation)
    assert found[6][(rita.pk, 0)] == dt.STILL
    assert found[12][(rita.pk, 0)] == dt.LOST


def test_a_member_removed_from_the_map_is_followed_from_its_snapshot_copy(organisation):
    participant = ParticipantFactory(organisation=organisation)
    met = group(organisation)
    rita = member(
        participant, origin="group", origin_work_model=model("peer"), origin_group_id=met.pk
    )
    snapshot(participant, END, [rita])
    snapshot(participant, AT_6, [])
    key = rita.pk
    rita.delete()
    assert outcomes(organisation)[6] == {(key, 0): dt.LOST}


def test_a_buddy_tie_ends_with_the_match(organisation, coordinator, social_worker):
    request = make_request(social_worker)
    match = Match.objects.create(
        organisation=organisation,
        request=request,
        participant=request.participant,
        volunteer=make_volunteer(organisation),
        status=Match.Status.CLOSED,
        started_on=END - datetime.timedelta(days=200),
        closed_on=END,
        proposed_by=coordinator.user,
    )
    participant = request.participant
    # The trajectory ended later: the match, more precise, decides.
    trajectory = Trajectory.objects.create(
        participant=participant,
        work_model=model("buddy"),
        started_on=END - datetime.timedelta(days=300),
        ended_on=datetime.date(2025, 12, 1),
        created_by=coordinator.user,
    )
    buddy = member(
        participant,
        "Buddy",
        origin="buddy",
        origin_work_model=model("buddy"),
        origin_match_id=match.pk,
        origin_trajectory_id=trajectory.pk,
    )
    snapshot(participant, AT_6, [buddy])
    found = outcomes(organisation)
    assert found[6][(buddy.pk, 0)] == dt.STILL
    # No snapshot in [2026-01-15, 2026-07-15) yet, and 1 June 2026 is inside it.
    assert found[12][(buddy.pk, 0)] == dt.NOT_YET


def test_a_tie_between_members_needs_the_pair_and_broken_counts_as_lost(organisation):
    participant = ParticipantFactory(organisation=organisation)
    trajectory = Trajectory.objects.create(
        participant=participant,
        work_model=model("own_network"),
        started_on=END - datetime.timedelta(days=300),
        ended_on=END,
        created_by=UserFactory(),
    )
    rita, jan, mo = (member(participant, name) for name in ("Rita", "Jan", "Mo"))
    origin = {"origin_work_model": model("own_network"), "origin_trajectory_id": trajectory.pk}
    MemberTie.objects.create(participant=participant, member_a=rita, member_b=jan, **origin)
    MemberTie.objects.create(participant=participant, member_a=rita, member_b=mo, **origin)
    snapshot(participant, AT_6, [rita, jan, mo], ties=[(rita, jan), (rita, mo)])
    snapshot(
        participant, AT_12, [rita, jan, mo], ties=[(rita, jan), (rita, mo)], broken=[(rita, mo)]
    )
    found = outcomes(organisation)
    assert found[6] == {(rita.pk, jan.pk): dt.STILL, (rita.pk, mo.pk): dt.STILL}
    assert found[12] == {(rita.pk, jan.pk): dt.STILL, (rita.pk, mo.pk): dt.LOST}


def test_not_yet_known_and_no_known_end(organisation):
    participant = ParticipantFactory(organisation=organisation)
    recent = group(organisation, ends_on=TODAY - datetime.timedelta(days=250))
    running = group(organisation, ends_on=None)
    rita = member(participant, origin_work_model=model("peer"), origin_group_id=recent.pk)
    jan = member(participant, origin_work_model=model("peer"), origin_group_id=running.pk)
    mo = member(participant, origin_work_model=model("peer"))  # no source at all
    found = outcomes(organisation)
    assert found[6] == {(rita.pk, 0): dt.NOT_YET, (jan.pk, 0): dt.NO_END, (mo.pk, 0): dt.NO_END}
    assert found[12][(rita.pk, 0)] == dt.NOT_YET


def test_the_snapshot_must_fall_in_the_window(organisation):
    participant = ParticipantFactory(organisation=organisation)
    met = group(organisation, ends_on=datetime.date(2024, 1, 10))
    rita = member(participant, origin_work_model=model("peer"), origin_group_id=met.pk)
    snapshot(participant, datetime.date(2024, 7, 9), [rita])  # a day before 6 months
    snapshot(participant, datetime.date(2025, 1, 10), [])  # the first day of 12 months
    found = outcomes(organisation)
    assert found[6][(rita.pk, 0)] == dt.MISSED
    assert found[12][(rita.pk, 0)] == dt.LOST


def test_another_organisations_ties_are_not_read(organisation, other_organisation):
    participant = ParticipantFactory(organisation=other_organisation)
    member(participant, origin_work_model=model("peer"))
    assert outcomes(organisation) == {6: {}, 12: {}}


def test_calendar_months():
    days = np.array([(datetime.date(2024, 8, 31) - datetime.date(2000, 1, 1)).days])
    moved = dt.add_months(days, 6)[0]
    assert datetime.date(2000, 1, 1) + datetime.timedelta(days=int(moved)) == datetime.date(
        2025, 2, 28
    )


def _world(organisation, people, *, still, lost):
    """`people` participants in the peer group model, each with one group tie ended at END."""
    met = group(organisation)
    for index in range(people):
        participant = ParticipantFactory(organisation=organisation)
        rita = member(participant, origin_work_model=model("peer"), origin_group_id=met.pk)
        if index < still + lost:
            snapshot(participant, AT_6, [rita] if index < still else [])


def test_figures_count_and_share_with_an_interval(organisation):
    _world(organisation, 15, still=6, lost=4)
    row = figures(organisation)["peer"]
    assert row["created"] == 15 and not row["suppressed"]
    at_6, at_12 = row["horizons"]
    assert (at_6["followed"], at_6["still"], at_6["lost"], at_6["not_followed"]) == (10, 6, 4, 5)
    assert at_6["share"] == pytest.approx(0.6)
    assert 0 <= at_6["low"] <= 0.6 <= at_6["high"] <= 1
    assert at_12["not_yet"] == 15 and at_12["followed"] is None and at_12["share"] is None


def test_a_small_cell_hides_the_next_smallest_too(organisation):
    _world(organisation, 12, still=6, lost=4)
    at_6 = figures(organisation)["peer"]["horizons"][0]
    # Two not followed up: alone it could be worked out from the 12 created, so the followed
    # ones (the only other cell with ties) go too, with their share.
    assert at_6["not_followed"] is None and at_6["followed"] is None and at_6["share"] is None


def test_a_model_with_few_participants_is_hidden(organisation):
    _world(organisation, 4, still=4, lost=0)
    assert figures(organisation)["peer"] == {
        "code": "peer",
        "suppressed": True,
        "created": None,
        "horizons": [],
    }


def test_followed_ties_of_few_participants_are_hidden_with_their_share(organisation):
    _world(organisation, 9, still=3, lost=0)
    at_6 = figures(organisation)["peer"]["horizons"][0]
    assert at_6["followed"] is None and at_6["share"] is None and at_6["suppressed"]
    assert at_6["not_followed"] is None  # else 9 - 6 would give the followed ones away


# --- The report page, the dashboard, the CSV tables and the API ------------------------------


@pytest.fixture
def followed(organisation, monkeypatch):
    """15 peer group ties: 6 still there and 4 lost at 6 months, 5 never followed up."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    _world(organisation, 15, still=6, lost=4)


def test_the_report_page_lists_the_ties_per_work_model(followed, coordinator, login):
    content = login(coordinator).get("/findings/dashboard/durable-ties/").content.decode()
    assert "Duurzame banden per werkmodel" in content
    assert "60%" in content and "n=10" in content
    assert "Wat dit telt" in content and "Wat dit verbergt" in content
    assert "style=" not in content and "<script>" not in content


def test_the_dashboard_shows_the_durable_ties_and_links_the_report(followed, researcher, login):
    content = login(researcher).get("/findings/dashboard/").content.decode()
    assert "/findings/dashboard/durable-ties/" in content
    assert "60%" in content


def test_the_csv_tables_carry_the_durable_ties(followed, coordinator, login):
    client = login(coordinator)
    text = client.get("/findings/dashboard/durable-ties/table.csv").content.decode("utf-8-sig")
    header, *lines = [line.split(";") for line in text.splitlines()]
    rows = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    peer = rows["peer"]
    assert (peer["ties_created"], peer["6m_still"], peer["6m_lost"]) == ("15", "6", "4")
    assert peer["6m_share_still"] in ("0.600", "0,600")
    assert peer["12m_followed"] == "suppressed" and peer["12m_not_yet"] == "15"
    assert rows["buddy"]["ties_created"] == "suppressed"
    text = client.get("/findings/dashboard/table.csv").content.decode("utf-8-sig")
    header, *lines = [line.split(";") for line in text.splitlines()]
    peer = next(dict(zip(header, line, strict=True)) for line in lines if line[0] == "peer")
    assert peer["durable_ties_6m_n"] == "10" and peer["durable_ties_12m_n"] == "suppressed"


def test_the_api_gives_the_durable_ties(followed, researcher, login):
    data = login(researcher).get("/api/what-works-for-whom/").json()["durable_ties"]
    peer = next(row for row in data["models"] if row["code"] == "peer")
    assert peer["created"] == 15
    assert peer["horizons"][0]["share"] == pytest.approx(0.6)
    assert data["horizons"] == [6, 12] and data["min_cell"] == 5


def test_a_new_tie_refreshes_the_cached_report(
    followed, organisation, coordinator, login, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    assert "n=10" in client.get("/findings/dashboard/durable-ties/").content.decode()
    participant = NetworkSnapshot.objects.filter(taken_on=AT_6).first().participant
    with django_capture_on_commit_callbacks(execute=True):
        SnapshotTie.objects.create(
            snapshot=NetworkSnapshot.objects.create(
                participant=participant, taken_on=END, kind="baseline", created_by=UserFactory()
            ),
            member_a_id=1,
            member_b_id=2,
        )
    content = client.get("/findings/dashboard/durable-ties/").content.decode()
    assert "n=10" in content  # same figures, computed again: no stale error


def test_a_removed_member_refreshes_the_cached_report(
    followed, coordinator, login, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    assert "n=10" in client.get("/findings/dashboard/durable-ties/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        member(
            ParticipantFactory(organisation=coordinator.organisation),
            origin_work_model=model("peer"),
        )
    content = client.get("/findings/dashboard/durable-ties/").content.decode()
    assert "16" in content


def test_a_member_with_a_work_model_gets_the_participants_trajectory(social_worker):
    from participants.services.network_ties import prepare_origin

    participant = ParticipantFactory(organisation=social_worker.organisation)
    trajectory = Trajectory.objects.create(
        participant=participant,
        work_model=model("buddy"),
        started_on=END,
        created_by=social_worker.user,
    )
    found = prepare_origin({"origin": "buddy"}, participant)
    assert found["origin_trajectory_id"] == trajectory.pk
    cleared = prepare_origin({"origin": "other", "origin_work_model": None}, participant)
    assert cleared["origin_trajectory_id"] is None


def test_the_demo_shows_durable_ties():
    from django.core.management import call_command

    from accounts.models import Organisation

    call_command("seed_demo", password="demo-password-for-tests")
    organisation = Organisation.objects.get(name="CAW Demo Oost-Vlaanderen")
    rows = {row["code"]: row for row in dt.durable_ties(organisation.pk)["models"]}
    at_6, at_12 = rows["peer"]["horizons"]
    assert at_6["followed"] and at_12["followed"]
    assert at_12["share"] < at_6["share"] <= 1
    # The buddy ties of running matches have no end yet: a small cell, protected.
    assert rows["buddy"]["created"] >= 12
