"""Every CSV and XLSX download goes through one writer (`netwerk.exports`): a value a
spreadsheet would run as a formula comes back as text, in every text column of every export,
read back with the csv module and with openpyxl; numbers stay numbers."""

import csv
import datetime
import io
import pathlib
import re
import zipfile

import openpyxl
import pytest
from django.urls import get_resolver
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk import exports
from tests.factories import TEST_PASSWORD, MembershipFactory, ParticipantFactory, UserFactory
from workmodels.models import Initiative, WorkModel

from .findings.data import person_in_model
from .groups.conftest import make_group

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+32 470 12 34 56",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
F = FORMULAS[0]
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def _client(membership):
    """Logged in with the password just now: some exports ask for it again."""
    from django.test import Client

    client = Client()
    client.force_login(membership.user)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    return client


def _csv_cells(content: bytes, delimiter=";") -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "a CSV starts with the byte order mark"
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def _assert_no_live_formula(cells: list[list[str]]) -> None:
    for row in cells:
        for cell in row:
            if cell.startswith(exports.FORMULA_START):
                assert NUMBER.match(cell), f"a live formula in the export: {cell!r}"


def _assert_planted(cells: list[list[str]], planted: list[str]) -> None:
    values = {cell for row in cells for cell in row}
    for value in planted:
        assert "'" + value in values, f"{value!r} not exported as text"


# --- the exports, each with what it takes to plant formula-like text in its text columns ----


def _participants(organisation, value):
    worker = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    worker.user.full_name = value
    worker.user.save()
    ParticipantFactory(
        organisation=organisation,
        social_worker=worker.user,
        first_name=value,
        last_name="",
        municipality=value,
    )
    return worker, "/participants/export/?format=csv", [value]


def _directory(organisation, value):
    editor = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    initiative = Initiative.objects.create(
        organisation=organisation,
        name=value,
        provider=value,
        municipalities=[value],
        area=value,
        target_groups=value,
        cost=value,
        sign_up=value,
        contact=value,
        accessibility=value,
    )
    initiative.work_models.set(WorkModel.objects.filter(code="peer"))
    return editor, "/work-models/directory/export/", [value]


def _group_figures(organisation, value):
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    make_group(coordinator, name=value)
    return coordinator, "/groups/figures.csv", [value]


def _dashboard(organisation, value):
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    for _index in range(6):
        person_in_model(organisation, "buddy", before=5, after=2, gender=value)
    return coordinator, "/findings/dashboard/table.csv?by=gender", []


def _durable_ties(organisation, value):
    """Counts per work model (reference data): nothing typed by a person, nothing to plant."""
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    return coordinator, "/findings/dashboard/durable-ties/table.csv", []


def _research(organisation, value):
    researcher = MembershipFactory(organisation=organisation, role=Role.RESEARCHER)
    for _index in range(6):
        person_in_model(
            organisation,
            "buddy",
            before=5,
            after=2,
            research=True,
            municipality=value,
            postcode="9000",
        )
    return researcher, "/findings/research-export/research-export.csv", [value.strip().title()]


def _network_map(organisation, value):
    """A file's network map with formula-like text in a label and an origin's detail."""
    from participants.models import Consent
    from participants.services import consent_give
    from participants.services import network as network_services

    worker = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    participant = ParticipantFactory(organisation=organisation, social_worker=worker.user)
    consent_give(
        membership=worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=timezone.localdate(participant.created_at),
        method=Consent.Method.ORAL,
    )
    for label in (value, "Rita"):
        network_services.network_member_create(
            membership=worker,
            participant=participant,
            data={"label": label, "sector": "family", "ring": "close", "origin": "other"}
            | ({"origin_detail": value} if label == value else {}),
        )
    return worker, participant, [value.strip()]


def _network_today(organisation, value):
    worker, participant, planted = _network_map(organisation, value)
    return worker, f"/participants/{participant.pk}/network/export/today-csv.zip", planted


def _network_snapshot(organisation, value):
    from participants.services import network as network_services

    worker, participant, planted = _network_map(organisation, value)
    snapshot = network_services.network_snapshot_take(
        membership=worker,
        participant=participant,
        taken_on=timezone.localdate() - datetime.timedelta(days=1),
        kind="baseline",
    )
    url = f"/participants/{participant.pk}/network/snapshots/{snapshot.pk}/export-csv.zip"
    return worker, url, planted


def _research_network(organisation, value):
    membership, _url, _planted = _research(organisation, value)
    # Codes and pseudonyms only: nothing typed by a person leaves, so nothing to plant.
    return membership, "/findings/research-export/network-structure.zip", []


def _audit(organisation, value):
    admin = MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN)
    actor = UserFactory(email=value.strip() + "@example.org")
    MembershipFactory(organisation=organisation, user=actor)
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEvent.Action.UPDATE,
        object_type=value,
        object_id=value,
        fields=[value],
    )
    return admin, "/organisation/audit/export/", [value.strip() + "@example.org"]


def _import_example(organisation, value):
    worker = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    return worker, "/participants/import/example.csv", []


def _referral_figures(organisation, value, url="/referrals/figures.csv"):
    """Initiative names and reasons for declining are text people type."""
    from tests.referrals.factories_figures import initiative, make_referral

    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    sender = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    planted = initiative(organisation, value, run_by=organisation)
    for _index in range(5):
        make_referral(
            sender,
            to=organisation,
            to_initiative=planted,
            sent_on=timezone.localdate(),
            status="declined",
            decline_reason=value,
        )
    return coordinator, url, [value]


def _referral_figures_instance(organisation, value):
    return _referral_figures(organisation, value, "/referrals/figures/netwerk.csv")


def _signals_report(organisation, value):
    """The policy analyst's signals report: a municipality and a released story as typed."""
    from urllib.parse import urlencode

    from tests.signalling.report_data import analyst, record, sharing_organisation

    for index in range(3):
        sharing, worker = sharing_organisation(value)
        record(
            sharing,
            worker,
            count=5,
            municipality=value,
            story=value,
            story_released=index == 0,
            released_at=timezone.now() if index == 0 else None,
        )
    query = urlencode({"municipality": value})
    return analyst(), f"/signals-report/report.csv?{query}", [value]


EXPORTS = {
    "participants:export": _participants,
    "workmodels:directory_export": _directory,
    "groups:figures_csv": _group_figures,
    "findings:dashboard_csv": _dashboard,
    "findings:durable_ties_csv": _durable_ties,
    "findings:research_export_csv": _research,
    "organisation_audit_export": _audit,
    "participants:import_example": _import_example,
    "referrals:figures_csv": _referral_figures,
    "referrals:figures_instance_csv": _referral_figures_instance,
    "participants:network_export_csv": _network_today,
    "participants:network_snapshot_csv": _network_snapshot,
    "findings:research_network_zip": _research_network,
    "signals_report:report_csv": _signals_report,
}
# Downloads that are not spreadsheets.
NOT_SPREADSHEETS = {
    "participants:rights_export_json",
    "participants:network_export_graphml",  # XML: tests/participants/test_network_exchange.py
    "participants:network_snapshot_graphml",
}


def _get(client, url):
    if url.startswith("/organisation/audit/export/"):
        response = client.post(url)
        return b"".join(response.streaming_content), response
    response = client.get(url)
    return response.content, response


@pytest.mark.parametrize("name", sorted(EXPORTS))
@pytest.mark.parametrize("value", FORMULAS, ids=range(len(FORMULAS)))
def test_every_text_cell_of_every_csv_export_is_text_not_a_formula(organisation, name, value):
    membership, url, planted = EXPORTS[name](organisation, value)
    content, response = _get(_client(membership), url)
    assert response.status_code == 200, name
    assert response["Content-Disposition"].startswith("attachment;")
    if response["Content-Type"] == "application/zip":  # several CSVs, zipped
        archive = zipfile.ZipFile(io.BytesIO(content))
        cells = [row for part in archive.namelist() for row in _csv_cells(archive.read(part))]
    else:
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        cells = _csv_cells(content)
    _assert_no_live_formula(cells)
    # Values that would still start a formula after the csv module strips nothing: planted.
    _assert_planted(cells, [p for p in planted if p.startswith(exports.FORMULA_START)])


@pytest.mark.parametrize("value", FORMULAS, ids=range(len(FORMULAS)))
def test_the_xlsx_export_holds_formula_like_text_as_text(organisation, value):
    membership, _url, _planted = _participants(organisation, value)
    response = _client(membership).get("/participants/export/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if cell.data_type == "s"]
    assert all(not text.startswith(exports.FORMULA_START) for text in texts)
    assert any(text.startswith("'") and text[1:] in value for text in texts)


def test_a_comma_delimited_download_is_neutralised_too(organisation):
    membership, _url, planted = _group_figures(organisation, F)
    content, _response = _get(_client(membership), "/groups/figures.csv?delimiter=comma")
    cells = _csv_cells(content, delimiter=",")
    _assert_no_live_formula(cells)
    _assert_planted(cells, planted)


def test_negative_numbers_stay_numbers():
    content = exports.csv_bytes(["a", "b", "c"], [[-3, -1.5, "-1.5"]])
    assert _csv_cells(content) == [["a", "b", "c"], ["-3", "-1,5", "'-1.5"]]
    content = exports.csv_bytes(["a"], [[-1.5]], delimiter=",")
    assert _csv_cells(content, ",")[1] == ["-1.5"]
    sheet = openpyxl.load_workbook(
        io.BytesIO(exports.xlsx_bytes(["a", "b"], [[-3, "=1+1"]], title="t"))
    ).active
    assert [cell.value for cell in sheet[2]] == [-3, "'=1+1"]
    assert sheet["A2"].data_type == "n"


def test_every_download_of_the_project_is_covered_here():
    names = {
        name
        for name, route in _patterns(get_resolver())
        if re.search(r"export|\.csv|\.xlsx", route)
    }
    assert names - set(EXPORTS) - NOT_SPREADSHEETS - {"findings:research_export"} == set()


def _patterns(resolver, namespace="", prefix=""):
    """(name with its namespace, route) of every URL pattern."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner, route)
        else:
            yield f"{namespace}{pattern.name}", route


def test_no_module_writes_a_spreadsheet_by_hand():
    root = pathlib.Path(__file__).resolve().parent.parent
    allowed = {
        "netwerk/exports.py",  # the writer
        "netwerk/spreadsheets.py",  # the reader of uploads
        "notifications/sweep.py",  # COPY rows into PostgreSQL, not a download
    }
    offenders = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root).as_posix()
        if relative.split("/")[0] in ("tests", "bench", ".venv", "var", "scripts"):
            continue
        if relative in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"csv\.writer\(|Workbook\(|text/csv; charset", text):
            offenders.append(relative)
    assert offenders == []
