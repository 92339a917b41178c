"""A network map (today's, or a snapshot) as GraphML and as CSV node and edge lists.

- GraphML is written by networkx: one node per member (id `m<member key>`) with the
  attributes label, sector, ring, support, direction, frequency, known_for, critical,
  pos_x/pos_y (only when placed by hand: centre 0,0, the outer ring's edge at distance 1),
  origin, origin_detail and origin_work_model; one undirected edge per tie with strength,
  tension and the origin fields. Codes, not translated words, so that a file reads the same
  in every language and comes back in through the import.
- The participant (ego) is not a node: every member is tied to them, and leaving them out
  keeps their name out of the file. The graph attribute `ego` says so.
- The CSV lists follow `netwerk.exports` (byte order mark, semicolons with decimal commas or
  `?delimiter=comma`, formula injection neutralised), zipped together as nodes.csv and
  edges.csv.

File names carry the file's reference and a date, never a name. Every export is audited by
its caller (`network_export`), like the other exports.
"""

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk import exports as writer
from workmodels.models import WorkModel

from ..models import NetworkSnapshot, Participant
from ..models.network import MEMBER_ATTRIBUTES

FORMAT = "netwerk.network-map"
VERSION = 1
GRAPHML = "graphml"
CSV = "csv"
CONTENT_TYPES = {GRAPHML: "application/graphml+xml", CSV: "application/zip"}

NODE_COLUMNS = (
    "id",
    *MEMBER_ATTRIBUTES,
    "pos_x",
    "pos_y",
    "origin",
    "origin_detail",
    "origin_work_model",
)
EDGE_COLUMNS = ("source", "target", "strength", "tension", "origin", "origin_detail")
EDGE_COLUMNS += ("origin_work_model",)
EGO_NOTE = "not included: every node is tied to the participant"


def node_id(member_key: int) -> str:
    return f"m{member_key}"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def _work_model_codes() -> dict[int, str]:
    return dict(WorkModel.objects.values_list("id", "code"))


def _member_key(member) -> int:
    # A snapshot member carries the key of the live member it was copied from.
    return member.member_id if hasattr(member, "member_id") else member.pk


def node_rows(members: Iterable, codes: dict[int, str]) -> list[dict[str, Any]]:
    rows = []
    for member in members:
        rows.append(
            {
                "id": node_id(_member_key(member)),
                "label": member.label,
                "sector": member.sector,
                "ring": member.ring,
                "support": ",".join(member.support or []),
                "direction": member.direction,
                "frequency": member.frequency,
                "known_for": member.known_for,
                "critical": bool(member.critical),
                "pos_x": member.pos_x,
                "pos_y": member.pos_y,
                "origin": member.origin,
                "origin_detail": member.origin_detail,
                "origin_work_model": codes.get(member.origin_work_model_id, ""),
            }
        )
    return rows


def edge_rows(ties: Iterable, codes: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {
            "source": node_id(tie.member_a_id),
            "target": node_id(tie.member_b_id),
            "strength": tie.strength,
            "tension": tie.tension,
            "origin": tie.origin,
            "origin_detail": tie.origin_detail,
            "origin_work_model": codes.get(tie.origin_work_model_id, ""),
        }
        for tie in ties
    ]


def graph_of(nodes: Sequence[dict], edges: Sequence[dict], *, taken_on=None) -> nx.Graph:
    graph = nx.Graph(format=FORMAT, version=VERSION, ego=EGO_NOTE)
    if taken_on is not None:
        graph.graph["taken_on"] = taken_on.isoformat()
    for row in nodes:
        # networkx writes no None: an attribute a node lacks is simply absent.
        graph.add_node(row["id"], **{k: v for k, v in row.items() if k != "id" and v is not None})
    for row in edges:
        data = {k: v for k, v in row.items() if k not in ("source", "target")}
        graph.add_edge(row["source"], row["target"], **data)
    return graph


def graphml_bytes(nodes: Sequence[dict], edges: Sequence[dict], *, taken_on=None) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph_of(nodes, edges, taken_on=taken_on), buffer, encoding="utf-8")
    return buffer.getvalue()


def csv_zip_bytes(
    nodes: Sequence[dict], edges: Sequence[dict], *, delimiter: str = writer.SEMICOLON
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "nodes.csv",
            writer.csv_bytes(
                NODE_COLUMNS, ([row[c] for c in NODE_COLUMNS] for row in nodes), delimiter=delimiter
            ),
        )
        archive.writestr(
            "edges.csv",
            writer.csv_bytes(
                EDGE_COLUMNS, ([row[c] for c in EDGE_COLUMNS] for row in edges), delimiter=delimiter
            ),
        )
    return buffer.getvalue()


def network_export(
    *,
    membership: Membership,
    participant: Participant,
    snapshot: NetworkSnapshot | None,
    file_format: str,
    delimiter: str = writer.SEMICOLON,
) -> ExportFile:
    """Today's map (no snapshot) or a snapshot as GraphML or zipped CSVs. Audited as an export
    (which record and which fields, never the content). The caller checks access."""
    if snapshot is None:
        members = list(participant.network_members.order_by("id"))
        ties = list(participant.member_ties.order_by("id"))
        taken_on, when = None, f"today-{timezone.localdate().isoformat()}"
    else:
        members = list(snapshot.members.all())
        ties = list(snapshot.ties.all())
        taken_on, when = snapshot.taken_on, snapshot.taken_on.isoformat()
    codes = _work_model_codes()
    nodes, edges = node_rows(members, codes), edge_rows(ties, codes)
    if file_format == GRAPHML:
        content = graphml_bytes(nodes, edges, taken_on=taken_on)
        extension = "graphml"
    else:
        content = csv_zip_bytes(nodes, edges, delimiter=delimiter)
        extension = "zip"
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        obj=snapshot if snapshot is not None else participant,
        fields=[f"network_{file_format}", *NODE_COLUMNS[1:], *EDGE_COLUMNS[2:]],
    )
    filename = f"network-{participant.reference_code}-{when}.{extension}"
    return ExportFile(content=content, content_type=CONTENT_TYPES[file_format], filename=filename)
