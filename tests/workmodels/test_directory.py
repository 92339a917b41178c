"""The directory of initiatives: services, filters, sharing, import all-or-nothing, export."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from workmodels import imports, services
from workmodels.models import Initiative, WorkModel
from workmodels.selectors import DirectoryFilters, initiative_search, initiatives_fitting

pytestmark = pytest.mark.django_db


def make(membership, name, models=("buddy",), **data):
    data = {"provider": "CAW", "municipalities": ["Gent"], "languages": ["nl"], **data}
    return services.initiative_create(
        membership=membership,
        data={"name": name, **data},
        work_models=WorkModel.objects.filter(code__in=models),
    )


def names(queryset):
    return sorted(initiative.name for initiative in queryset)


def test_an_initiative_without_a_work_model_is_refused_with_a_clear_error(coordinator):
    with pytest.raises(ValidationError) as error:
        make(coordinator, "Duo Gent", models=())
    assert "werkmodel" in str(error.value.message_dict["work_models"])
    assert not Initiative.objects.exists()


def test_unknown_languages_are_refused(coordinator):
    with pytest.raises(ValidationError) as error:
        make(coordinator, "Duo Gent", languages=["nl", "xx"])
    assert "xx" in str(error.value)


def test_volunteers_and_researchers_cannot_write_the_directory(volunteer, researcher):
    for membership in (volunteer, researcher):
        with pytest.raises(PermissionDenied):
            make(membership, "Nope")


def test_the_directory_filters_by_model_municipality_language_and_delivery(coordinator):
    make(coordinator, "Buddy Gent NL", languages=["nl"])
    make(coordinator, "Buddy Gent AR", languages=["ar", "nl"], delivery="both")
    make(coordinator, "Praatgroep Aalst", models=("peer",), municipalities=["Aalst"])
    make(
        coordinator, "Online cursus", models=("competence",), municipalities=[], delivery="digital"
    )
    make(coordinator, "Gentbrugge buurt", models=("community",), municipalities=["Gentbrugge"])

    def search(**filters):
        return names(initiative_search(coordinator, DirectoryFilters(**filters)))

    assert search(work_model="buddy") == ["Buddy Gent AR", "Buddy Gent NL"]
    assert search(municipality="gent") == ["Buddy Gent AR", "Buddy Gent NL"]  # not Gentbrugge
    assert search(language="ar") == ["Buddy Gent AR"]
    assert search(delivery="digital") == ["Buddy Gent AR", "Online cursus"]
    assert search(delivery="on_site", work_model="buddy", language="nl") == [
        "Buddy Gent AR",
        "Buddy Gent NL",
    ]
    assert search(text="praat") == ["Praatgroep Aalst"]


def test_shared_entries_are_seen_by_other_organisations_and_private_ones_are_not(
    coordinator, other_org_worker
):
    make(coordinator, "Gedeeld")
    make(coordinator, "Eigen", shared=False)
    assert names(initiative_search(other_org_worker, DirectoryFilters())) == ["Gedeeld"]
    assert names(initiative_search(coordinator, DirectoryFilters())) == ["Eigen", "Gedeeld"]


def test_another_organisation_cannot_change_a_shared_entry(coordinator, other_org_admin):
    initiative = make(coordinator, "Gedeeld")
    with pytest.raises(PermissionDenied):
        services.initiative_update(
            membership=other_org_admin, initiative=initiative, data={"name": "Overgenomen"}
        )


def test_fitting_initiatives_leave_out_digital_only_offers_without_digital_access(coordinator):
    make(coordinator, "Buddy Gent", languages=["nl"])
    make(coordinator, "Online", models=("competence",), municipalities=[], delivery="digital")
    make(coordinator, "Elders", municipalities=["Brugge"])
    make(coordinator, "Frans", languages=["fr"])
    fitting = initiatives_fitting(
        coordinator, municipality="Gent", languages=["nl"], digital_ok=True
    )
    assert names(fitting) == ["Buddy Gent", "Online"]
    offline = initiatives_fitting(
        coordinator, municipality="Gent", languages=["nl"], digital_ok=False
    )
    assert names(offline) == ["Buddy Gent"]
    french = initiatives_fitting(
        coordinator, municipality="Gent", languages=["nl"], digital_ok=None, language="fr"
    )
    assert names(french) == ["Frans"]


def upload(text: str, name: str = "kaart.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


GOOD = (
    "naam;organisatie;werkmodellen;gemeenten;talen;aanbod\n"
    "Duo Gent;CAW Oost;buddy, peer;Gent, Merelbeke;nl, ar;op locatie\n"
    "Online cursus;Vormingplus;Persoonlijke competentieversterking;;nl;digitaal\n"
)


def test_a_correct_file_imports_every_row(coordinator):
    table = imports.read_table(upload(GOOD))
    preview = imports.import_initiatives(membership=coordinator, table=table, commit=False)
    assert preview.is_valid and not Initiative.objects.exists()
    report = imports.import_initiatives(membership=coordinator, table=table, commit=True)
    assert report.imported
    duo = Initiative.objects.get(name="Duo Gent")
    assert duo.municipalities == ["Gent", "Merelbeke"] and duo.languages == ["nl", "ar"]
    assert sorted(duo.work_models.values_list("code", flat=True)) == ["buddy", "peer"]


def test_one_bad_row_imports_nothing_and_the_report_names_the_row(coordinator):
    text = GOOD + "Zonder model;CAW;;Gent;nl;op locatie\nRaar;CAW;buddy;Gent;klingon;beide\n"
    table = imports.read_table(upload(text))
    report = imports.import_initiatives(membership=coordinator, table=table, commit=True)
    assert not report.imported
    assert not Initiative.objects.exists()
    assert [row.number for row in report.invalid_rows] == [4, 5]
    assert "werkmodel" in " ".join(report.invalid_rows[0].problems)
    assert "klingon" in " ".join(report.invalid_rows[1].problems)


def test_unknown_columns_are_refused(coordinator):
    table = imports.read_table(upload("naam;werkmodellen;rijksregisternummer\nA;buddy;123\n"))
    with pytest.raises(ValidationError):
        imports.import_initiatives(membership=coordinator, table=table, commit=False)


def test_the_export_reads_back_in(coordinator, other_org_admin):
    make(coordinator, "=HYPERLINK(evil)", models=("buddy", "peer"), languages=["nl", "fr"])
    content = imports.export_csv(initiative_search(coordinator, DirectoryFilters()))
    assert content.decode("utf-8-sig").splitlines()[1].startswith("'=HYPERLINK")
    table = imports.read_table(SimpleUploadedFile("back.csv", content))
    report = imports.import_initiatives(membership=other_org_admin, table=table, commit=False)
    assert report.is_valid, report.invalid_rows


def test_the_import_pages_preview_then_import_all_rows(coordinator, login):
    client = login(coordinator)
    response = client.post("/work-models/directory/import/", {"file": upload(GOOD)})
    assert response.status_code == 200
    token = response.context["token"]
    assert token and not Initiative.objects.exists()
    response = client.post("/work-models/directory/import/confirm/", {"token": token})
    assert response.status_code == 302
    assert Initiative.objects.count() == 2
    # The same confirmation again imports nothing more.
    client.post("/work-models/directory/import/confirm/", {"token": token})
    assert Initiative.objects.count() == 2


def test_the_directory_page_filters_and_exports(coordinator, login):
    make(coordinator, "Buddy Gent AR", languages=["ar"])
    make(coordinator, "Buddy Gent NL", languages=["nl"])
    client = login(coordinator)
    content = client.get("/work-models/directory/?language=ar").content.decode()
    assert "Buddy Gent AR" in content and "Buddy Gent NL" not in content
    response = client.get("/work-models/directory/export/?language=nl")
    body = io.BytesIO(response.content).read().decode("utf-8-sig")
    assert "Buddy Gent NL" in body and "Buddy Gent AR" not in body


def test_an_xlsx_file_imports_through_the_pages_too(coordinator, login):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in GOOD.strip().splitlines():
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    client = login(coordinator)
    response = client.post(
        "/work-models/directory/import/",
        {"file": SimpleUploadedFile("kaart.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 200 and response.context["report"].is_valid
    client.post("/work-models/directory/import/confirm/", {"token": response.context["token"]})
    assert names(Initiative.objects.all()) == ["Duo Gent", "Online cursus"]
