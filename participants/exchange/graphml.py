"""Reading a GraphML file into an `ImportedMap`, safely.

The XML is first parsed by defusedxml with document type declarations forbidden: no entity
can be expanded (billion laughs) and no external entity or DTD fetched. Only a file that
passes and whose root is <graphml> goes on to networkx, which then reads the attributes
with their declared types. The structure (node ids declared once, edges between declared
nodes, no tie twice) is read from the defused tree, because networkx silently adds a node an
edge names and merges a repeated edge.

Read per node: label, sector, ring (codes, or their English or Dutch names), and when
present support, direction, frequency, known_for, critical, pos_x/pos_y, origin,
origin_detail, origin_work_model; per edge: strength, tension and the origin fields. Other
attributes are ignored (a warning names them). A node with a true `ego` attribute is the
participant and is skipped.
"""

from xml.etree.ElementTree import ParseError

import networkx as nx
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from .checks import ImportedMap, ImportedMember, ImportedTie, check

NS = "{http://graphml.graphdrawing.org/xmlns}"
NODE_KEYS = (
    "label",
    "sector",
    "ring",
    "support",
    "direction",
    "frequency",
    "known_for",
    "critical",
    "pos_x",
    "pos_y",
    "origin",
    "origin_detail",
    "origin_work_model",
)
EDGE_KEYS = ("strength", "tension", "origin", "origin_detail", "origin_work_model")
READ_ALSO = {"ego", "format", "version", "taken_on", "id"}


class NotGraphML(ValueError):
    """The file is not a GraphML file Netwerk can read safely; the message says why."""


def _tag(element) -> str:
    return element.tag.removeprefix(NS) if isinstance(element.tag, str) else ""


def safe_tree(content: bytes):
    """The XML's root, parsed without entities or DTDs; NotGraphML if unsafe or not XML."""
    try:
        root = SafeET.fromstring(content, forbid_dtd=True, forbid_entities=True)
    except DefusedXmlException as error:
        raise NotGraphML(
            _(
                "This file contains a document type declaration or entities. Netwerk does not "
                "read those, for safety: export the file again without them."
            )
        ) from error
    except (ParseError, ValueError) as error:
        raise NotGraphML(_("This file is not valid XML, so it is not a GraphML file.")) from error
    if _tag(root) != "graphml":
        raise NotGraphML(_("This XML file is not a GraphML file (its root is not <graphml>)."))
    return root


def _truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "ja", "waar")


def _edge_data(graph, a: str, b: str) -> dict:
    """An edge's attributes; networkx reads a repeated edge as a multigraph (reported as a
    duplicate tie by the checks), so take the first."""
    data = graph.get_edge_data(a, b) or {}
    if graph.is_multigraph():
        data = next(iter(data.values()), {})
    return data


def read_graphml(content: bytes) -> ImportedMap:
    """The file as an ImportedMap, checked (`checks.check`). NotGraphML for a file that is
    not a safe GraphML file at all."""
    root = safe_tree(content)
    imported = ImportedMap(file_format="graphml")
    graphs = [child for child in root if _tag(child) == "graph"]
    if len(graphs) != 1:
        raise NotGraphML(_("A GraphML file for one network map holds exactly one graph."))
    if root.find(f".//{NS}hyperedge") is not None:
        raise NotGraphML(_("This GraphML file has hyperedges, which a network map cannot hold."))
    try:
        graph = nx.parse_graphml(content, node_type=str)
    except (nx.NetworkXError, ParseError, UnicodeDecodeError, ValueError, KeyError) as error:
        raise NotGraphML(
            _("networkx cannot read this GraphML file: %(error)s") % {"error": str(error)[:200]}
        ) from error
    imported.taken_on = str(graph.graph.get("taken_on", ""))[:10]
    declared = [node.get("id", "") for node in graphs[0] if _tag(node) == "node"]
    ignored: set[str] = set()
    egos: set[str] = set()
    for key in declared:
        data = graph.nodes[key] if key in graph else {}
        if _truthy(data.get("ego", False)):
            egos.add(key)
            imported.warn(_("node %(key)s") % {"key": key}, _("The participant is not imported."))
            continue
        ignored |= set(data) - set(NODE_KEYS) - READ_ALSO
        imported.members.append(
            ImportedMember(key=key, **{name: data[name] for name in NODE_KEYS if name in data})
        )
    for member in imported.members:
        member.critical = _truthy(member.critical)
        member.label = str(member.label)
    for number, edge in enumerate((e for e in graphs[0] if _tag(e) == "edge"), start=1):
        a, b = edge.get("source", ""), edge.get("target", "")
        if a in egos or b in egos:
            continue  # a tie to the participant: every member has one
        element = _("edge %(id)s (%(a)s-%(b)s)") % {"id": edge.get("id") or number, "a": a, "b": b}
        data = _edge_data(graph, a, b)
        ignored |= set(data) - set(EDGE_KEYS) - READ_ALSO
        imported.ties.append(
            ImportedTie(
                a=a,
                b=b,
                element=element,
                **{name: str(data[name]) for name in EDGE_KEYS if name in data},
            )
        )
    if ignored:
        imported.warn(
            _("file"),
            _("These attributes are not read: %(names)s.") % {"names": ", ".join(sorted(ignored))},
        )
    return check(imported)
