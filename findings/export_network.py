"""The research export's network structure: who knows whom on the network maps of the
participants who consented to research, and nothing else (issue 17, "Privacy").

The research export (`findings.export`) has one row per participant and work model; a map
is a different shape (many people, ties between them), so it is a separate download with
the same access (`EXPORT_ROLES`) and the same participants (research consent in force).
Pseudonyms follow the research export: random per download, stable within it, so two
downloads cannot be linked (with each other, or with the research export). Members get a
pseudonymous node id the same way. No label, name, note, date or origin leaves: a snapshot
is its order number and kind (baseline, follow-up), a member their sector and ring, a tie
its two node ids, its strength and any tension. The participant is no node: every member is
tied to them. The download is audited.
"""

import hashlib
import hmac
import io
import secrets
import zipfile
from collections import defaultdict

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk import exports
from participants.models import NetworkSnapshot, SnapshotMember, SnapshotTie

from .export import research_participants

NODE_COLUMNS = ("pseudonym", "snapshot", "kind", "node", "sector", "ring")
EDGE_COLUMNS = ("pseudonym", "snapshot", "node_a", "node_b", "strength", "tension")


def research_network_rows(organisation_id: int) -> tuple[list[list], list[list], int]:
    """(node rows, edge rows, number of participants), in an order that says nothing."""
    key = secrets.token_bytes(32)

    def code(prefix: str, *parts: int) -> str:
        message = ":".join(str(part) for part in parts).encode()
        return prefix + hmac.new(key, message, hashlib.sha256).hexdigest()[:12]

    snapshots = NetworkSnapshot.objects.filter(
        participant__in=research_participants(organisation_id)
    )
    order: dict[int, tuple[int, int, str]] = {}
    seen: dict[int, int] = defaultdict(int)
    for pk, participant_id, kind in snapshots.order_by(
        "participant_id", "taken_on", "id"
    ).values_list("id", "participant_id", "kind"):
        seen[participant_id] += 1
        order[pk] = (participant_id, seen[participant_id], kind)
    nodes = []
    for snapshot_id, member_id, sector, ring in SnapshotMember.objects.filter(
        snapshot_id__in=order
    ).values_list("snapshot_id", "member_id", "sector", "ring"):
        pid, number, kind = order[snapshot_id]
        nodes.append([code("R-", pid), number, kind, code("N-", pid, member_id), sector, ring])
    edges = []
    for snapshot_id, a, b, strength, tension in SnapshotTie.objects.filter(
        snapshot_id__in=order
    ).values_list("snapshot_id", "member_a_id", "member_b_id", "strength", "tension"):
        pid, number, _kind = order[snapshot_id]
        edges.append(
            [code("R-", pid), number, code("N-", pid, a), code("N-", pid, b), strength, tension]
        )
    # Sorted by pseudonym (random), then snapshot: the order says nothing about who came first.
    nodes.sort(key=lambda row: (row[0], row[1], row[3]))
    edges.sort(key=lambda row: (row[0], row[1], row[2], row[3]))
    return nodes, edges, len(seen)


def research_network_export(
    *, membership: Membership, delimiter: str = exports.SEMICOLON
) -> tuple[bytes, int]:
    """nodes.csv and edges.csv, zipped, and the number of participants in them. Audited."""
    nodes, edges, people = research_network_rows(membership.organisation_id)
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type="findings.research_network_export",
        object_id=people,
        fields=sorted({*NODE_COLUMNS, *EDGE_COLUMNS}),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", exports.csv_bytes(NODE_COLUMNS, nodes, delimiter=delimiter))
        archive.writestr("edges.csv", exports.csv_bytes(EDGE_COLUMNS, edges, delimiter=delimiter))
    return buffer.getvalue(), people
