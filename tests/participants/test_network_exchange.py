"""Exchange of network maps (issue 17): GraphML and CSV out, GraphML and easyNWK in, with a
preview and an all-or-nothing check; round trips; unsafe XML refused."""

import csv
import datetime
import io
import json
import zipfile

import networkx as nx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from accounts.models import AuditEvent
from findings.export_network import research_network_export
from participants.exchange import export
from participants.exchange.reading import read_map
from participants.models import Consent, NetworkMember, NetworkSnapshot, SnapshotTie
from participants.services import consent_give
from participants.services import network as svc
from participants.services import network_exchange as exchange
from participants.services import network_ties as ties
from tests.factories import TEST_PASSWORD
from tests.participants.factories import api_as

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here (pages choose their language per request)."""
    with translation.override("en"):
        yield


def _member(membership, participant, label, **fields):
    data = {"label": label, "sector": "family", "ring": "close", **fields}
    return svc.network_member_create(membership=membership, participant=participant, data=data)


@pytest.fixture
def mapped(social_worker, participant):
    """Four people, three ties, one placed by hand, one with an origin; then a snapshot."""
    rita = _member(
        social_worker,
        participant,
        "Rita",
        support=["emotional", "practical"],
        frequency="weekly",
        critical=True,
        pos_x=0.25,
        pos_y=-0.5,
    )
    jan = _member(social_worker, participant, "Jan", sector="friends", ring="very_close")
    noor = _member(social_worker, participant, "=Noor", sector="neighbours", origin="group")
    wijk = _member(social_worker, participant, "Wijkagent", sector="professionals", ring="services")
    for a, b, extra in (
        (rita, jan, {"strength": "strong"}),
        (jan, noor, {"tension": "tense"}),
        (rita, noor, {}),
    ):
        ties.member_tie_create(
            membership=social_worker,
            participant=participant,
            data={"member_a": a, "member_b": b, **extra},
        )
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    return {"members": [rita, jan, noor, wijk], "snapshot": snapshot}


def _export(social_worker, participant, snapshot, file_format, **kwargs):
    return export.network_export(
        membership=social_worker,
        participant=participant,
        snapshot=snapshot,
        file_format=file_format,
        **kwargs,
    )


def _import(social_worker, participant, content, file_format="graphml", name="map.graphml"):
    imported = exchange.check_map(read_map(name=name, content=content, file_format=file_format))
    return imported


def _frozen(snapshot):
    members = {
        m.member_id: (
            m.label,
            m.sector,
            m.ring,
            m.support,
            m.frequency,
            m.critical,
            m.pos_x,
            m.pos_y,
            m.origin,
            m.origin_work_model_id,
        )
        for m in snapshot.members.all()
    }
    tie_rows = {
        (t.member_a_id, t.member_b_id): (t.strength, t.tension, t.origin)
        for t in snapshot.ties.all()
    }
    return members, tie_rows


# --- Export ----------------------------------------------------------------------------------


def test_graphml_export_opens_in_networkx_without_the_participant(
    social_worker, participant, mapped
):
    participant.first_name, participant.last_name = "Quirina", "Vandersteen"
    participant.save()
    file = _export(social_worker, participant, mapped["snapshot"], "graphml")
    assert file.filename == f"network-{participant.reference_code}-{TODAY.isoformat()}.graphml"
    assert participant.last_name not in file.filename
    graph = nx.read_graphml(io.BytesIO(file.content))
    rita, jan, noor, _wijk = mapped["members"]
    assert set(graph.nodes) == {f"m{m.pk}" for m in mapped["members"]}
    assert graph.number_of_edges() == 3
    assert graph.nodes[f"m{rita.pk}"]["label"] == "Rita"
    assert graph.nodes[f"m{rita.pk}"]["pos_x"] == 0.25
    assert "pos_x" not in graph.nodes[f"m{jan.pk}"]
    assert graph.nodes[f"m{noor.pk}"]["origin_work_model"] == "peer"
    assert graph.edges[f"m{jan.pk}", f"m{noor.pk}"]["tension"] == "tense"
    assert "Quirina" not in file.content.decode()
    assert "Vandersteen" not in file.content.decode()
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert event.object_id == str(mapped["snapshot"].pk)


def test_csv_export_is_two_lists_safe_for_excel(social_worker, participant, mapped):
    file = _export(social_worker, participant, None, "csv")
    assert file.filename.endswith(".zip") and "today" in file.filename
    archive = zipfile.ZipFile(io.BytesIO(file.content))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
    nodes_text = archive.read("nodes.csv").decode("utf-8")
    assert nodes_text.startswith("\ufeff")
    nodes = list(csv.DictReader(io.StringIO(nodes_text.lstrip("\ufeff")), delimiter=";"))
    by_label = {row["label"]: row for row in nodes}
    assert "'=Noor" in by_label  # formula injection neutralised
    assert by_label["Rita"]["pos_x"] == "0,25"  # decimal comma with semicolons
    assert by_label["Rita"]["critical"] == "1"
    edges = list(
        csv.DictReader(
            io.StringIO(archive.read("edges.csv").decode().lstrip("\ufeff")), delimiter=";"
        )
    )
    assert len(edges) == 3
    assert {row["strength"] for row in edges} == {"weak", "strong"}
    comma = zipfile.ZipFile(
        io.BytesIO(_export(social_worker, participant, None, "csv", delimiter=",").content)
    )
    assert "0.25" in comma.read("nodes.csv").decode()
    assert AuditEvent.objects.filter(action="export", object_id=str(participant.pk)).exists()


# --- Round trips -----------------------------------------------------------------------------


def test_graphml_round_trip_gives_the_same_members_ties_and_attributes(
    social_worker, participant, mapped
):
    before = mapped["snapshot"]
    content = _export(social_worker, participant, before, "graphml").content
    imported = _import(social_worker, participant, content)
    assert imported.is_valid, imported.errors
    count = NetworkMember.objects.count()
    after = exchange.network_map_import(
        membership=social_worker,
        participant=participant,
        imported=imported,
        taken_on=TODAY,
        kind="follow_up",
    )
    assert NetworkMember.objects.count() == count  # every label matched today's map
    assert _frozen(after) == _frozen(before)


def test_a_graphml_from_networkx_with_extra_attributes_imports(social_worker, participant, mapped):
    graph = nx.Graph(name="from R")
    graph.add_node("a", label="Rita", sector="Family", ring="Heel dichtbij", weight=3.5)
    graph.add_node("b", label="Mo", sector="vrienden", ring="close", colour="red")
    graph.add_node("ego", label="Me", ego=True)
    graph.add_edge("a", "b", weight=2, strength="strong")
    graph.add_edge("a", "ego")
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    imported = _import(social_worker, participant, buffer.getvalue())
    assert imported.is_valid, imported.errors
    assert [(m.label, m.sector, m.ring) for m in imported.members] == [
        ("Rita", "family", "very_close"),
        ("Mo", "friends", "close"),
    ]
    assert any("colour" in w.message and "weight" in w.message for w in imported.warnings)
    snapshot = exchange.network_map_import(
        membership=social_worker,
        participant=participant,
        imported=imported,
        taken_on=TODAY - datetime.timedelta(days=3),
        kind="baseline",
    )
    rita = mapped["members"][0]
    mo = NetworkMember.objects.get(participant=participant, label="Mo")
    assert {m.member_id for m in snapshot.members.all()} == {rita.pk, mo.pk}
    tie = SnapshotTie.objects.get(snapshot=snapshot)
    assert (tie.member_a_id, tie.member_b_id, tie.strength) == (rita.pk, mo.pk, "strong")


def test_the_csv_export_reads_back(social_worker, participant, mapped):
    file = _export(social_worker, participant, mapped["snapshot"], "csv", delimiter=",")
    archive = zipfile.ZipFile(io.BytesIO(file.content))
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8-sig"))))
    graph = nx.Graph()
    graph.add_nodes_from((row["id"], row) for row in nodes)
    graph.add_edges_from((row["source"], row["target"]) for row in edges)
    snapshot = mapped["snapshot"]
    assert set(graph.nodes) == {f"m{m.member_id}" for m in snapshot.members.all()}
    assert {tuple(sorted(e)) for e in graph.edges} == {
        tuple(sorted((f"m{t.member_a_id}", f"m{t.member_b_id}"))) for t in snapshot.ties.all()
    }


# --- Problems: all or nothing ----------------------------------------------------------------

BAD = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="l" for="node" attr.name="label" attr.type="string"/>
  <key id="s" for="node" attr.name="sector" attr.type="string"/>
  <key id="r" for="node" attr.name="ring" attr.type="string"/>
  <key id="x" for="node" attr.name="pos_x" attr.type="double"/>
  <key id="y" for="node" attr.name="pos_y" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="n1"><data key="l">Rita</data><data key="s">cousins</data>
      <data key="r">close</data></node>
    <node id="n2"><data key="s">family</data><data key="r">close</data></node>
    <node id="n3"><data key="l">Jan</data><data key="s">family</data><data key="r">close</data>
      <data key="x">40</data><data key="y">2</data></node>
    <edge source="n1" target="n3"/>
    <edge source="n3" target="n1"/>
    <edge id="e9" source="n1" target="n7"/>
  </graph>
</graphml>"""


def test_every_problem_is_reported_with_its_element_and_nothing_is_written(
    social_worker, participant
):
    imported = _import(social_worker, participant, BAD)
    messages = [f"{p.element}: {p.message}" for p in imported.errors]
    text = "\n".join(messages)
    assert "node n1: Unknown sector “cousins”" in text
    assert "node n2: This person has no label" in text
    assert "node n3: The position (40, 2) is outside the map" in text
    assert "The same tie is also" in text
    assert "edge e9 (n1-n7): This tie goes to node n7, which is not in the file." in text
    with pytest.raises(ValidationError):
        exchange.network_map_import(
            membership=social_worker,
            participant=participant,
            imported=imported,
            taken_on=TODAY,
            kind="baseline",
        )
    assert not NetworkMember.objects.exists()
    assert not NetworkSnapshot.objects.exists()


def test_a_snapshot_cannot_be_dated_in_the_future(social_worker, participant, mapped):
    content = _export(social_worker, participant, mapped["snapshot"], "graphml").content
    imported = _import(social_worker, participant, content)
    with pytest.raises(ValidationError) as error:
        exchange.network_map_import(
            membership=social_worker,
            participant=participant,
            imported=imported,
            taken_on=TODAY + datetime.timedelta(days=1),
            kind="follow_up",
        )
    assert "taken_on" in error.value.message_dict
    assert NetworkSnapshot.objects.count() == 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="a"><data key="l">&lol3;</data></node></graph></graphml>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="a"><data key="l">&secret;</data></node></graph></graphml>"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL], ids=["laughs", "external"])
def test_malicious_xml_is_refused_with_a_clear_message(social_worker, participant, content):
    with pytest.raises(ValidationError) as error:
        read_map(name="map.graphml", content=content, file_format="graphml")
    assert "document type declaration or entities" in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content", "file_format", "message"),
    [
        ("map.graphml", b'{"alteri": []}', "graphml", "not valid XML"),
        ("map.graphml", b"<html><body/></html>", "graphml", "not a GraphML file"),
        ("map.json", b"<graphml/>", "graphml", "ends in"),
        ("map.json", b"<graphml/>", "easynwk", "not an easyNWK file"),
        ("map.json", b'{"ego": {}}', "easynwk", "no people and connections"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content, file_format, message):
    with pytest.raises(ValidationError) as error:
        read_map(name=name, content=content, file_format=file_format)
    assert message in error.value.messages[0]


# --- easyNWK ---------------------------------------------------------------------------------

EASYNWK_RECORD = {
    "versions": [
        {
            "id": 1,
            "title": "",
            "date": "2026-01-05",
            "nwk": {"ego": {}, "alteri": [], "connections": []},
        },
        {
            "id": 2,
            "title": "follow-up",
            "date": "2026-03-01",
            "nwk": {
                "ego": {"name": "Participant"},
                "alteri": [
                    {"id": 1, "name": "Mama", "role": "Mutter", "angle": 45, "distance": 20},
                    {"id": 2, "name": "Tom", "angle": 135, "distance": 50},
                    {"id": 3, "name": "Chef", "angle": -135, "distance": 90},
                    {"id": 4, "name": "", "role": "Sozialarbeiterin", "angle": -45, "distance": 70},
                    {"id": 5, "name": "Opa", "angle": 60, "distance": 30, "deceased": True},
                ],
                "connections": [{"id1": 1, "id2": 2}, {"id1": 2, "id2": 3}, {"id1": 1, "id2": 5}],
            },
        },
    ],
    "currentVersion": 2,
}


def test_an_easynwk_web_file_maps_quarters_and_circles(social_worker, participant):
    content = json.dumps(EASYNWK_RECORD).encode()
    imported = _import(social_worker, participant, content, "easynwk", "karte.json")
    assert imported.is_valid, imported.errors
    assert imported.taken_on == "2026-03-01"
    assert [(m.label, m.sector, m.ring) for m in imported.members] == [
        ("Mama", "family", "very_close"),
        ("Tom", "friends", "close"),
        ("Chef", "work_school", "acquaintance"),
        ("Sozialarbeiterin", "professionals", "acquaintance"),
    ]
    assert [(t.a, t.b) for t in imported.ties] == [("1", "2"), ("2", "3")]
    warnings = " ".join(w.message for w in imported.warnings)
    assert "only the current one" in warnings and "died" in warnings


def test_a_classic_easynwk_text_file_imports(social_worker, participant):
    content = (
        "E;Ego;;\r\nF;1;5.3.2026\r\nN;1;Mama;w;M;\r\nN;2;Tom;m;F;\r\nN;3;Weg;m;F;\r\n"
        "P;1;1;0.6;0.4;1\r\nP;2;2;0.2;0.3;1\r\nL;1;1;2\r\nL;2;1;3\r\n"
    ).encode("cp1252")
    imported = _import(social_worker, participant, content, "easynwk", "karte.nwk")
    assert imported.is_valid, imported.errors
    assert imported.taken_on == "2026-03-05"
    assert [(m.label, m.sector) for m in imported.members] == [
        ("Mama", "family"),
        ("Tom", "friends"),
    ]
    assert [(t.a, t.b) for t in imported.ties] == [("1", "2")]


# --- Pages -----------------------------------------------------------------------------------


@pytest.fixture
def writer(social_worker, login):
    client = login(social_worker)
    client.cookies["django_language"] = "en"
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    return client


def test_the_pages_upload_preview_and_confirm(writer, participant, mapped):
    base = f"/participants/{participant.pk}/network/"
    page = writer.get(base)
    assert b'id="exchange"' in page.content
    assert writer.get(f"{base}import/").status_code == 200
    graph = nx.Graph()
    graph.add_node("a", label="Rita", sector="family", ring="close")
    graph.add_node("b", label="Nieuw", sector="clubs", ring="acquaintance")
    graph.add_edge("a", "b")
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    upload = SimpleUploadedFile("map.graphml", buffer.getvalue())
    preview = writer.post(f"{base}import/", {"file_format": "graphml", "file": upload})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Clubs, associations, faith" in text and "the same person" in text
    token = preview.context["token"]
    assert token
    done = writer.post(
        f"{base}import/confirm/",
        {
            "token": token,
            "snapshot-taken_on": TODAY.isoformat(),
            "snapshot-kind": "follow_up",
            "snapshot-note": "",
        },
    )
    assert done.status_code == 302
    snapshot = NetworkSnapshot.objects.latest("id")
    assert done["Location"].endswith(f"snapshots/{snapshot.pk}/")
    assert snapshot.members.count() == 2
    again = writer.post(f"{base}import/confirm/", {"token": token})
    assert again.status_code == 302 and again["Location"].endswith("import/")
    detail = writer.get(f"{base}snapshots/{snapshot.pk}/")
    assert b"export.graphml" in detail.content
    download = writer.get(f"{base}snapshots/{snapshot.pk}/export.graphml")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/graphml+xml"
    assert download["Cache-Control"] == "no-store"


def test_a_file_with_problems_shows_them_and_offers_no_confirmation(writer, participant):
    upload = SimpleUploadedFile("map.graphml", BAD)
    preview = writer.post(
        f"/participants/{participant.pk}/network/import/",
        {"file_format": "graphml", "file": upload},
    )
    assert preview.context["token"] == ""
    assert b"Nothing was imported" in preview.content
    assert b"import/confirm/" not in preview.content


# --- API -------------------------------------------------------------------------------------


def test_the_api_exports_and_imports_in_two_steps(social_worker, participant, mapped):
    api = api_as(social_worker)
    snapshot = mapped["snapshot"]
    graphml = api.get(f"/api/network-snapshots/{snapshot.pk}/graphml/")
    assert graphml.status_code == 200
    assert graphml["Content-Type"] == "application/graphml+xml"
    assert nx.read_graphml(io.BytesIO(graphml.content)).number_of_edges() == 3
    zipped = api.get(f"/api/participants/{participant.pk}/network-csv.zip?delimiter=comma")
    assert zipfile.ZipFile(io.BytesIO(zipped.content)).namelist() == ["nodes.csv", "edges.csv"]
    base = f"/api/participants/{participant.pk}/network-imports/"
    bad = api.post(base, {"file_format": "graphml", "file": SimpleUploadedFile("m.graphml", BAD)})
    assert bad.status_code == 400
    assert any(e["element"].endswith(" n1") for e in bad.json()["elements"])
    refused = api.post(
        base, {"file_format": "graphml", "file": SimpleUploadedFile("m.graphml", EXTERNAL)}
    )
    assert refused.status_code == 400 and "(DTD)" in refused.json()["file"][0]
    missing = api.post(base, {"file_format": "word"})
    assert missing.status_code == 400 and set(missing.json()) == {"file_format", "file"}
    preview = api.post(
        base,
        {"file_format": "graphml", "file": SimpleUploadedFile("m.graphml", graphml.content)},
    )
    assert preview.status_code == 200, preview.json()
    body = preview.json()
    assert {m["member"] for m in body["members"]} == {m.pk for m in mapped["members"]}
    future = (TODAY + datetime.timedelta(days=2)).isoformat()
    confirm = f"{base}confirm/"
    wrong = api.post(confirm, {"token": body["token"], "taken_on": future, "kind": "follow_up"})
    assert wrong.status_code == 400 and "taken_on" in wrong.json()
    done = api.post(
        confirm, {"token": body["token"], "taken_on": TODAY.isoformat(), "kind": "follow_up"}
    )
    assert done.status_code == 201, done.json()
    assert len(done.json()["members"]) == 4
    again = api.post(
        confirm, {"token": body["token"], "taken_on": TODAY.isoformat(), "kind": "follow_up"}
    )
    assert again.status_code == 400 and "token" in again.json()


def test_the_api_keeps_the_files_access(social_worker, participant, mapped, org_admin, colleague):
    snapshot = mapped["snapshot"]
    assert (
        api_as(colleague).get(f"/api/network-snapshots/{snapshot.pk}/graphml/").status_code == 404
    )
    assert api_as(org_admin).get(f"/api/network-snapshots/{snapshot.pk}/csv/").status_code == 200
    upload = {"file_format": "graphml", "file": SimpleUploadedFile("m.graphml", BAD)}
    answer = api_as(org_admin).post(f"/api/participants/{participant.pk}/network-imports/", upload)
    assert answer.status_code == 403


# --- Research export -------------------------------------------------------------------------


def test_the_research_network_structure_is_pseudonymous(
    social_worker, participant, mapped, researcher, login
):
    def download():
        content, people = research_network_export(membership=researcher, delimiter=",")
        archive = zipfile.ZipFile(io.BytesIO(content))
        read = lambda name: list(  # noqa: E731
            csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
        )
        return read("nodes.csv"), read("edges.csv"), people, content

    nodes, edges, people, _content = download()
    assert (nodes, edges, people) == ([], [], 0)  # no research consent yet
    consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.RESEARCH,
        given_on=TODAY,
        method=Consent.Method.WRITTEN,
    )
    nodes, edges, people, content = download()
    assert people == 1 and len(nodes) == 4 and len(edges) == 3
    assert {row["snapshot"] for row in nodes} == {"1"}
    assert {row["sector"] for row in nodes} == {"family", "friends", "neighbours", "professionals"}
    assert all(row["pseudonym"].startswith("R-") and row["node"].startswith("N-") for row in nodes)
    node_ids = {row["node"] for row in nodes}
    assert all(row["node_a"] in node_ids and row["node_b"] in node_ids for row in edges)
    text = zipfile.ZipFile(io.BytesIO(content)).read("nodes.csv").decode()
    for secret in ("Rita", "Noor", participant.reference_code, TODAY.isoformat()):
        assert secret not in text
    again, _edges, _people, _content = download()
    assert {row["node"] for row in again}.isdisjoint(node_ids)  # two downloads do not link
    assert AuditEvent.objects.filter(object_type="findings.research_network_export").count() == 3
    page = login(researcher).get("/findings/research-export/network-structure.zip")
    assert page.status_code == 200 and page["Content-Type"] == "application/zip"


def test_the_preview_pages_are_plain_dutch(social_worker, participant, mapped, login):
    from tests.text.rules import DUTCH_RULES
    from tests.text.visible import visible_text

    client = login(social_worker)
    client.cookies["django_language"] = "nl"
    base = f"/participants/{participant.pk}/network/import/"
    pages = [client.get(base)]
    for name, content, kind in (
        ("map.graphml", BAD, "graphml"),
        ("karte.json", json.dumps(EASYNWK_RECORD).encode(), "easynwk"),
    ):
        upload = SimpleUploadedFile(name, content)
        pages.append(client.post(base, {"file_format": kind, "file": upload}))
    problems = []
    for page in pages:
        for piece, lang in visible_text(page.content.decode()):
            for rule, find in DUTCH_RULES.items():
                if lang in (None, "nl"):
                    problems += [f"{rule} {found!r} in {piece[:100]!r}" for found in find(piece)]
    assert not problems, "\n".join(problems)
    assert "Familie" in pages[2].content.decode()  # easyNWK's own quarter, shown as written


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("a.json", b"\x81\x8d\x8f not text", "easynwk"),
        ("a.json", b"[" * 5000 + b"]" * 5000, "easynwk"),
        ("a.json", b"[1, 2]", "easynwk"),
        ("a.json", b'{"alteri": [1, {"id": 1, "angle": "x"}], "connections": [[1]]}', "easynwk"),
        ("a.nwk", b"N;1;Rita;w;M;\r\nP;1;1;abc;0.5;1\r\nL;1;1;9\r\n", "easynwk"),
        (
            "a.graphml",
            b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            b'<key id="k" for="node" attr.name="pos_x" attr.type="int"/>'
            b'<graph edgedefault="undirected"><node id="a"><data key="k">x</data></node>'
            b"</graph></graphml>",
            "graphml",
        ),
        (
            "a.graphml",
            b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            b'<graph edgedefault="directed"><node id="a"/><edge target="a"/>'
            b'<edge source="a" target="a"/></graph></graphml>',
            "graphml",
        ),
        ("a.graphml", b"<graphml><graph/><graph/></graphml>", "graphml"),
        ("a.graphml", b"\xff\xfe<\x00g\x00", "graphml"),
    ],
)
def test_broken_files_get_a_message_never_an_error(name, content, file_format):
    try:
        imported = read_map(name=name, content=content, file_format=file_format)
    except ValidationError as error:
        assert error.messages
    else:
        assert imported.errors or imported.warnings or not imported.members


def test_a_label_that_looks_like_a_full_name_is_pointed_out(social_worker, participant):
    graph = nx.Graph()
    graph.add_node("a", label="Rita Peeters", sector="family", ring="close")
    graph.add_node("b", label="neighbour Ahmed", sector="neighbours", ring="close")
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    imported = _import(social_worker, participant, buffer.getvalue())
    assert imported.is_valid
    assert [w.element for w in imported.warnings] == ["node a"]
