"""Importing participants from a spreadsheet (preview, then all or nothing) and exporting the
caseload to CSV and XLSX."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.middleware import SESSION_ORGANISATION_KEY
from accounts.models import AuditEvent, Role
from netwerk.forms import INVALID_FORM_STATUS
from participants.models import Consent, Participant
from participants.views.import_export import SESSION_KEY
from tests.factories import TEST_PASSWORD, MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

HEADER = ["Voornaam", "Achternaam", "Geboortejaar", "Talen", "Gezinssituatie", "Smartphone"]
ROWS = [["Amina", "El Idrissi", "1985", "nl; ar", "single_parent", "ja"],
        ["Jan", "Peeters", "1960", "nl", "Lives alone", "nee"]]  # fmt: skip


@pytest.fixture
def login(login):
    """Logged in, with the pages in English (the language switch sets this cookie)."""

    def _login(membership):
        client = login(membership)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


def _exporter(login, membership):
    """Logged in, and the password given again just now: exports ask for it (allauth)."""
    client = login(membership)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    return client


def _csv(rows, delimiter=";", bom=True) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, content: bytes, name: str = "deelnemers.csv"):
    return client.post("/participants/import/", {"file": SimpleUploadedFile(name, content)})


def _confirm(client, response):
    return client.post("/participants/import/confirm/", {"token": response.context["token"]})


@pytest.mark.parametrize(("delimiter", "bom"), [(";", True), (",", True), (";", False)])
def test_a_valid_csv_is_previewed_then_imported_into_the_workers_own_caseload(
    delimiter, bom, social_worker, login
):
    client = login(social_worker)
    preview = _upload(client, _csv([HEADER, *ROWS], delimiter=delimiter, bom=bom))
    assert preview.status_code == 200
    assert "Import 2 participants" in preview.content.decode()
    assert not Participant.objects.exists()  # the preview saves nothing

    response = _confirm(client, preview)

    assert response.status_code == 302
    amina = Participant.objects.get(first_name="Amina")
    assert amina.social_worker == social_worker.user
    assert amina.organisation == social_worker.organisation
    assert (amina.birth_year, amina.languages) == (1985, ["ar", "nl"])
    assert (amina.household, amina.has_smartphone) == ("single_parent", True)
    jan = Participant.objects.get(first_name="Jan")
    assert (jan.household, jan.has_smartphone, jan.status) == ("alone", False, "intake")
    created = AuditEvent.objects.filter(action="create", object_type="participants.participant")
    assert created.count() == 2
    assert SESSION_KEY not in client.session


def test_a_valid_xlsx_imports_with_numbers_dates_and_consent(social_worker, login):
    client = login(social_worker)
    content = _xlsx([
        ["first_name", "Birth year", "Internet at home", "Status", "Toestemming", "Consent date"],
        ["Sara", 1990, True, "active", "schriftelijk", datetime.date(2025, 1, 31)],
        [None, None, None, None, None, None],
        ["Tom", 1975.0, "no", "Paused", "oral", "02/03/2025"],
    ])  # fmt: skip
    preview = _upload(client, content, "deelnemers.xlsx")
    assert preview.context["report"].is_valid, preview.context["problems"]

    _confirm(client, preview)

    sara = Participant.objects.get(first_name="Sara")
    assert (sara.birth_year, sara.internet_at_home, sara.status) == (1990, True, "active")
    consent = Consent.objects.get(participant=sara)
    assert (consent.purpose, consent.given_on) == ("file", datetime.date(2025, 1, 31))
    assert Participant.objects.get(first_name="Tom").consents.get().method == "oral"


def test_the_example_file_can_be_filled_in_and_imported(social_worker, login):
    client = login(social_worker)
    header = client.get("/participants/import/example.csv").content.decode("utf-8-sig").strip()
    row = ";".join("Lena" if i == 0 else "" for i in range(header.count(";") + 1))
    preview = _upload(client, f"{header}\r\n{row}\r\n".encode())
    assert preview.context["report"].is_valid
    _confirm(client, preview)
    assert Participant.objects.filter(first_name="Lena").exists()


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column(social_worker, login):
    client = login(social_worker)
    rows = [HEADER, ROWS[0], [], ["Piet", "Janssens", "1800", "nl", "", ""], ROWS[1]]

    response = _upload(client, _csv(rows))

    page = response.content.decode()
    assert "Row 4, column “Birth year”: Give a birth year that exists." in page
    assert 'name="token"' not in page
    assert [row.number for row in response.context["report"].invalid_rows] == [4]
    assert not Participant.objects.exists()
    assert SESSION_KEY not in client.session


def test_every_problem_of_every_row_is_reported_in_its_own_column(social_worker, login):
    client = login(social_worker)
    rows = [
        ["voornaam", "e-mail", "status", "talen", "smartphone"],
        ["", "geen-adres", "active", "xx", "misschien"],
    ]
    problems = {
        (number, str(label), message)
        for number, label, message in _upload(client, _csv(rows)).context["problems"]
    }
    labels = {label for _number, label, _message in problems}
    assert labels == {"first name", "e-mail address", "status", "languages spoken",
                      "has a smartphone"}  # fmt: skip
    active = "A file becomes active only after the participant consented to it."
    assert (2, "status", active) in problems
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", _csv([["Voornaam", "Maat"], ["Ann", "38"]]), "Unknown columns: “Maat”"),
        ("a.csv", _csv([["Achternaam"], ["Peeters"]]), "needs a column with the first name"),
        ("a.csv", _csv([["Voornaam", "Gezondheid"], ["Ann", "x"]]), "Sensitive data is never"),
        ("a.csv", _csv([["first_name", "migration_background"], ["Ann", "x"]]), "Sensitive data"),
        ("a.csv", _csv([["Voornaam", "voornaam"], ["Ann", "Ann"]]), "appear more than once"),
        ("a.csv", _csv([["Voornaam"]] + [["Ann"]] * 1001), "more than 1000 rows"),
        ("a.csv", _csv([["Voornaam"]]), "no rows below them"),
        ("a.csv", "Voornaam\nHélène\n".encode("latin-1"), "not saved as UTF-8"),
        ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "not a CSV file"),
        ("a.pdf", b"%PDF-1.4", "Upload a CSV file (.csv) or an Excel file (.xlsx)."),
        ("a.xlsx", b"not a zip at all", "This Excel file cannot be read"),
        ("a.xlsx", b"PK\x03\x04broken", "This Excel file cannot be read"),
        ("a.csv", b"   \r\n", "The file is empty."),
        ("a.csv", b"Voornaam\n" + b"x" * (2 * 1024 * 1024), "larger than 2 MB"),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_imported_gets_a_clear_error_and_nothing_is_imported(
    name, content, message, social_worker, login
):
    client = login(social_worker)
    response = _upload(client, content, name)
    assert response.status_code == INVALID_FORM_STATUS
    assert message in response.content.decode()
    assert not Participant.objects.exists()
    assert SESSION_KEY not in client.session


def test_an_empty_upload_or_none_at_all_is_refused(social_worker, login):
    client = login(social_worker)
    assert _upload(client, b"").status_code == INVALID_FORM_STATUS
    assert client.post("/participants/import/").status_code == INVALID_FORM_STATUS
    assert not Participant.objects.exists()


def test_confirm_checks_every_row_again_so_a_tampered_session_imports_nothing(social_worker, login):
    client = login(social_worker)
    preview = _upload(client, _csv([HEADER, *ROWS]))
    session = client.session
    from netwerk.spreadsheets import Table
    from participants.views.import_export import PENDING

    tampered = Table(header=[*HEADER, "health_remarks"], rows=[(2, [*ROWS[0], "diabetes"])])
    request = type("R", (), {"session": session, "membership": social_worker})()
    token = PENDING.keep(request, tampered)
    session.save()

    response = client.post("/participants/import/confirm/", {"token": token}, follow=True)

    assert preview.context["token"] != token
    assert "Sensitive data is never imported" in response.content.decode()
    assert not Participant.objects.exists()


def test_confirm_with_the_token_of_an_earlier_preview_imports_nothing(social_worker, login):
    client = login(social_worker)
    first = _upload(client, _csv([HEADER, ROWS[0]]))
    second = _upload(client, _csv([HEADER, ROWS[1]]))

    response = _confirm(client, first)

    assert response.status_code == 302
    assert not Participant.objects.exists()
    _confirm(client, second)
    assert list(Participant.objects.values_list("first_name", flat=True)) == ["Jan"]


def test_a_bad_upload_after_a_good_preview_leaves_nothing_to_confirm(social_worker, login):
    client = login(social_worker)
    good = _upload(client, _csv([HEADER, *ROWS]))
    _upload(client, _csv([["Schoenmaat"], ["38"]]))
    _confirm(client, good)
    assert not Participant.objects.exists()


def test_confirming_twice_imports_once(social_worker, login):
    client = login(social_worker)
    preview = _upload(client, _csv([HEADER, *ROWS]))
    _confirm(client, preview)
    _confirm(client, preview)
    assert Participant.objects.count() == 2


def test_a_preview_made_in_one_organisation_cannot_be_confirmed_in_another(
    social_worker, other_organisation, login
):
    MembershipFactory(user=social_worker.user, organisation=other_organisation)
    client = login(social_worker)
    session = client.session
    session[SESSION_ORGANISATION_KEY] = social_worker.organisation_id
    session.save()
    preview = _upload(client, _csv([HEADER, *ROWS]))
    session = client.session
    session[SESSION_ORGANISATION_KEY] = other_organisation.pk
    session.save()

    _confirm(client, preview)

    assert not Participant.objects.exists()


def test_cancel_drops_the_waiting_file(social_worker, login):
    client = login(social_worker)
    preview = _upload(client, _csv([HEADER, *ROWS]))
    client.post("/participants/import/cancel/")
    _confirm(client, preview)
    assert not Participant.objects.exists()


# --- Export -------------------------------------------------------------------------------


@pytest.fixture
def caseload(social_worker, colleague, other_org_worker):
    mine = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Mira",
        municipality='=HYPERLINK("http://evil")',
        health_remarks="diabetes",
        migration_background="Marokko",
        last_intervention_on=datetime.date(2025, 3, 1),
    )
    paused = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="@Pol",
        last_name="+32",
        status=Participant.Status.PAUSED,
    )
    colleagues = ParticipantFactory(
        organisation=colleague.organisation, social_worker=colleague.user, first_name="Cas"
    )
    other = ParticipantFactory(
        organisation=other_org_worker.organisation,
        social_worker=other_org_worker.user,
        first_name="Otto",
    )
    return mine, paused, colleagues, other


def _csv_rows(response, delimiter=";"):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_the_csv_export_holds_the_workers_own_caseload_only(social_worker, caseload, login):
    mine, paused, _colleagues, _other = caseload
    response = _exporter(login, social_worker).get("/participants/export/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _csv_rows(response)
    assert header == ["Reference", "Name", "Status", "Municipality", "Social worker",
                      "Last intervention", "Next follow-up"]  # fmt: skip
    assert sorted(row[0] for row in rows) == sorted([mine.reference_code, paused.reference_code])
    page = response.content.decode()
    assert "diabetes" not in page and "Marokko" not in page


def test_the_csv_export_neutralises_formulas_and_can_use_semicolons(social_worker, caseload, login):
    url = "/participants/export/?format=csv&delimiter=semicolon"
    rows = _csv_rows(_exporter(login, social_worker).get(url), delimiter=";")
    cells = {cell for row in rows[1:] for cell in row}
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'@Pol +32" in cells
    assert "2025-03-01" in cells


def test_the_xlsx_export_holds_the_same_rows_as_text_not_formulas(social_worker, caseload, login):
    mine, paused, _colleagues, _other = caseload
    response = _exporter(login, social_worker).get("/participants/export/?format=xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    references = sorted(row[0].value for row in rows)
    assert references == sorted([mine.reference_code, paused.reference_code])
    municipalities = {row[3].value: row[3].data_type for row in rows}
    assert municipalities['\'=HYPERLINK("http://evil")'] == "s"
    assert any(row[5].is_date and row[5].value.date() == datetime.date(2025, 3, 1) for row in rows)


def test_the_export_follows_the_list_filters(social_worker, caseload, login, organisation):
    mine, paused, colleagues, _other = caseload
    client = _exporter(login, social_worker)
    by_status = _csv_rows(client.get("/participants/export/?format=csv&status=paused"))
    assert [row[0] for row in by_status[1:]] == [paused.reference_code]
    # A name search is posted on the list; the export link names the kept filters by key.
    key = client.post("/participants/", {"q": "mira"}).url.split("?f=", 1)[1]
    by_name = _csv_rows(client.get(f"/participants/export/?f={key}&format=csv"))
    assert [row[0] for row in by_name[1:]] == [mine.reference_code]
    organisation.team_access = True
    organisation.save()
    team = _csv_rows(client.get("/participants/export/?scope=team"))
    assert colleagues.reference_code in {row[0] for row in team}


def test_every_export_is_audited_without_personal_data(social_worker, caseload, login):
    client = _exporter(login, social_worker)
    key = client.post("/participants/", {"q": "Mira"}).url.split("?f=", 1)[1]
    client.get(f"/participants/export/?f={key}&format=csv")
    client.get("/participants/export/?format=xlsx")
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    assert events.count() == 2
    event = events.first()
    assert (event.actor, event.organisation) == (social_worker.user, social_worker.organisation)
    assert (event.object_type, event.object_id) == ("participants.participant", "")
    assert "Mira" not in str(event.fields) and "health_remarks" not in event.fields


def test_an_unknown_export_format_is_not_found(social_worker, login):
    assert (
        _exporter(login, social_worker).get("/participants/export/?format=pdf").status_code == 404
    )


# --- Who may ------------------------------------------------------------------------------

URLS = [
    ("get", "/participants/import/"),
    ("post", "/participants/import/"),
    ("post", "/participants/import/confirm/"),
    ("post", "/participants/import/cancel/"),
    ("get", "/participants/import/example.csv"),
    ("get", "/participants/export/?format=csv"),
    ("get", "/participants/export/?format=xlsx"),
]


OTHER_ROLES = [Role.ORG_ADMIN, Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER]


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize(("method", "url"), URLS)
def test_only_social_workers_import_and_export(role, method, url, organisation, caseload, login):
    client = login(MembershipFactory(organisation=organisation, role=role))
    assert getattr(client, method)(url).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize(("method", "url"), URLS)
def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(method, url, client):
    assert getattr(client, method)(url).status_code == 302


def test_a_social_worker_of_another_organisation_sees_none_of_ours(
    other_org_worker, caseload, login
):
    rows = _csv_rows(_exporter(login, other_org_worker).get("/participants/export/?scope=team"))
    assert [row[1] for row in rows[1:]] == [caseload[3].display_name]


def test_a_social_worker_imports_into_their_own_organisation_only(
    other_org_worker, social_worker, login
):
    client = login(other_org_worker)
    _confirm(client, _upload(client, _csv([HEADER, *ROWS])))
    assert set(Participant.objects.values_list("organisation", flat=True)) == {
        other_org_worker.organisation_id
    }
    assert not Participant.objects.filter(social_worker=social_worker.user).exists()


def test_the_upload_page_explains_the_columns_and_is_accessible(social_worker, login):
    page = login(social_worker).get("/participants/import/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".csv,.xlsx' in page
    assert '<label for="id_file"' in page
    assert '<th scope="col">' in page and "voornaam" in page
