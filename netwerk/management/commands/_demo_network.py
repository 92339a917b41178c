"""Demo data for the network map as a network: one file of the demo social worker with members
(a few with where they met), ties between them, a baseline three months ago and a follow-up
in which one tie is gone, one grew stronger and a new one came through a cooking course.
Through the services; skipped when that file has ties already. Synthetic names only."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from participants.models import MemberTie, NetworkSnapshot, Participant
from participants.services import network, network_ties

MEMBERS = (
    # label, sector, ring, origin, origin detail
    ("Zus Leen", "family", "very_close", "own_network", ""),
    ("Broer Jef", "family", "close", "own_network", ""),
    ("Nicht Sara", "family", "acquaintance", "family_conference", "Familieberaad van maart"),
    ("Buurvrouw Rita", "neighbours", "close", "neighbourhood", "Buurtfeest"),
    ("Buurman Ali", "neighbours", "acquaintance", "neighbourhood", "Buurtfeest"),
    ("Vriendin Noor", "friends", "close", "course", "Kookcursus"),
    ("Maatschappelijk werker OCMW", "professionals", "services", "", ""),
)
# Ties of the baseline, by index in MEMBERS: (a, b, strength, tension).
BASELINE_TIES = (
    (0, 1, "strong", ""),
    (0, 2, "weak", ""),
    (1, 2, "weak", "tense"),
    (3, 4, "strong", ""),
    (3, 5, "weak", ""),
    (0, 3, "weak", ""),
)


def _member(worker, participant, label, sector, ring, origin, detail):
    return network.network_member_create(
        membership=worker,
        participant=participant,
        data={
            "label": label,
            "sector": sector,
            "ring": ring,
            "support": ["emotional"] if ring == "very_close" else ["practical"],
            "direction": "mutual",
            "frequency": "weekly" if ring in ("very_close", "close") else "monthly",
            "origin": origin,
            "origin_detail": detail,
        },
    )


def network_with_ties(organisation: Organisation, users: dict[str, User]) -> None:
    worker = Membership.objects.select_related("organisation", "user").get(
        organisation=organisation, user=users["maatschappelijkwerker"]
    )
    files = Participant.objects.filter(
        organisation=organisation, social_worker=worker.user
    ).order_by("reference_code")
    if MemberTie.objects.filter(participant__in=files).exists():
        return
    participant = files.filter(network_snapshots__isnull=True).first()
    if participant is None:
        return
    today = timezone.localdate()
    members = [_member(worker, participant, *row) for row in MEMBERS]
    ties = {}
    for a, b, strength, tension in BASELINE_TIES:
        ties[(a, b)] = network_ties.member_tie_create(
            membership=worker,
            participant=participant,
            data={
                "member_a": members[a],
                "member_b": members[b],
                "strength": strength,
                "tension": tension,
                "origin": "neighbourhood" if {a, b} & {3, 4} else "own_network",
            },
        )
    network.network_snapshot_take(
        membership=worker,
        participant=participant,
        taken_on=today - datetime.timedelta(days=90),
        kind=NetworkSnapshot.Kind.BASELINE,
        note="Netwerkkaart bij de start, samen getekend.",
    )
    # Three months later: Jef and Sara fell out, Rita and Noor became friends, and Noor met
    # Leen at the cooking course.
    network_ties.member_tie_delete(membership=worker, tie=ties[(1, 2)])
    network_ties.member_tie_update(membership=worker, tie=ties[(3, 5)], data={"strength": "strong"})
    network_ties.member_tie_create(
        membership=worker,
        participant=participant,
        data={
            "member_a": members[0],
            "member_b": members[5],
            "origin": "course",
            "origin_detail": "Kookcursus",
        },
    )
    network.network_snapshot_take(
        membership=worker,
        participant=participant,
        taken_on=today - datetime.timedelta(days=1),
        kind=NetworkSnapshot.Kind.FOLLOW_UP,
        note="Opvolging na drie maanden.",
    )
