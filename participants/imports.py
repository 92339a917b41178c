"""Importing participants from a spreadsheet (CSV or XLSX): the columns, and saving one row.

The pipeline (`netwerk.imports`) reads the file, recognises the column names (Dutch or
English), reads every cell with the shared value parsers, and keeps the rows only when every
one passed: all or nothing. Here: which columns a file may have, and `_save_row`, which runs a
row through `services.participant_create`, the one write path for a new file.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from netwerk.imports import Column, ColumnSet, ImportReport, Row, run_import, values
from netwerk.spreadsheets import MAX_ROWS, Table, read_table

from .models import SPECIAL_CATEGORY_FIELDS, Consent, Participant
from .selectors.duplicates import likely_duplicates
from .services import participant_create

__all__ = ["COLUMNS", "MAX_ROWS", "Table", "import_participants", "read_table"]

CONSENT_METHOD = "file_consent_method"
CONSENT_ON = "file_consent_on"


def _birth_year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value):
        raise ValidationError(_("Give the birth year as four digits, for example 1980."))
    return int(value)


def _field(key: str) -> Any:
    return Participant._meta.get_field(key).verbose_name


def _one_of(choices: list[tuple[str, Any]]) -> Any:
    return format_lazy(", ".join("{}" for _item in choices), *(label for _c, label in choices))


_STATUSES = [(code, label) for code, label in Participant.Status.choices if code != "closed"]
_CHOICES = {
    "preferred_channel": Participant.Channel.choices,
    "household": Participant.Household.choices,
    "digital_comfort": Participant.DigitalComfort.choices,
    "status": _STATUSES,
    CONSENT_METHOD: Consent.Method.choices,
}
_YES_NO = gettext_lazy("ja or nee (yes or no)")
_HINTS = {
    "first_name": gettext_lazy("Required."),
    "birth_year": gettext_lazy("Four digits, for example 1980."),
    "languages": gettext_lazy(
        "Languages separated by commas, for example Dutch, French, Arabic (or their codes)."
    ),
    "has_smartphone": _YES_NO,
    "internet_at_home": _YES_NO,
    "status": format_lazy(
        "{} {}", _one_of(_STATUSES), gettext_lazy("(active only with consent to a file)")
    ),
    CONSENT_ON: gettext_lazy("Day/month/year; empty means today."),
}
# key, how to read a cell (None: one of its choices; text: as it is, the service's full_clean
# judges length and format), other accepted header names (comma-separated).
_SPEC = (
    ("first_name", values.text, "voornaam, first name, given name"),
    ("last_name", values.text, "achternaam, familienaam, naam, surname, family name"),
    ("preferred_name", values.text, "roepnaam, voorkeursnaam"),
    ("phone", values.text, "telefoon, telefoonnummer, gsm, telephone, phone number"),
    ("email", values.text, "e-mail, e-mailadres, email address, mail"),
    ("address", values.text, "adres"),
    ("preferred_channel", None, "voorkeurskanaal, preferred channel"),
    ("birth_year", _birth_year, "geboortejaar, year of birth"),
    ("gender", values.text, "geslacht"),
    ("languages", values.languages, "talen, taal, language"),
    ("municipality", values.text, "gemeente, woonplaats, stad, city, town"),
    ("postcode", values.text, "postal code, zip code"),
    ("household", None, "gezinssituatie, huishouden, gezin"),
    ("has_smartphone", values.yes_no, "smartphone, heeft smartphone, has smartphone"),
    ("internet_at_home", values.yes_no, "internet thuis, internet"),
    ("digital_comfort", None, "digitale vaardigheid, digitaal comfort, digital comfort"),
    ("status", None, "dossierstatus"),
    (CONSENT_METHOD, None, "toestemming, toestemming dossier, consent, file consent"),
    (CONSENT_ON, values.date, "datum toestemming, toestemming datum, consent date"),
)
_LABELS = {
    CONSENT_METHOD: gettext_lazy("consent to a file"),
    CONSENT_ON: gettext_lazy("date of consent to a file"),
}
_REQUIRED = {
    "first_name": gettext_lazy("The file needs a column with the first name (“voornaam”).")
}
# Special-category data (GDPR art. 9) is entered by hand, with consent, never by file.
_SENSITIVE_NAMES = (
    *SPECIAL_CATEGORY_FIELDS,
    *(_field(field) for field in SPECIAL_CATEGORY_FIELDS),
    *("migratieachtergrond", "migratie", "herkomst", "origin", "ethnicity", "etniciteit"),
    *("gezondheid", "opmerkingen gezondheid", "health", "medisch", "medical"),
)
COLUMNS = ColumnSet(
    columns=tuple(
        Column(
            key=key,
            label=_LABELS[key] if key in _LABELS else _field(key),
            parse=parse or values.Choice(_CHOICES[key]),
            names=tuple(name.strip() for name in names.split(",")),
            hint=_HINTS.get(key) or (_one_of(_CHOICES[key]) if key in _CHOICES else ""),
            required=_REQUIRED.get(key, False),
        )
        for key, parse, names in _SPEC
    ),
    model=Participant,
    # Errors of the consent service name the consent's fields: show them in the consent columns.
    field_columns={"given_on": CONSENT_ON, "method": CONSENT_METHOD, "purpose": CONSENT_METHOD},
    refused_names=_SENSITIVE_NAMES,
    refused_message=gettext_lazy(
        "Sensitive data is never imported from a file: remove the columns %(columns)s. Enter "
        "such data by hand in the participant's file, with their consent."
    ),
)
DUPLICATE_KEYS = ("first_name", "last_name", "birth_year", "phone", "email")


def import_participants(
    *, membership: Membership, table: Table, commit: bool, duplicates_confirmed: bool = False
) -> ImportReport:
    """Create a participant per row in one transaction; keep them only if every row passed.

    With commit=False nothing is kept, whatever the outcome: that is the preview. Rows that
    look like a file the user can already see are kept only with `duplicates_confirmed`.
    """
    created: list[int] = []  # this file's rows saved so far: not duplicates of existing files
    return run_import(
        table=table,
        columns=COLUMNS,
        save_row=lambda row: _save_row(membership, row, created),
        commit=commit,
        duplicates_confirmed=duplicates_confirmed,
    )


def _save_row(membership: Membership, row: Row, created: list[int]) -> None:
    data = dict(row.data)
    method, given_on = data.pop(CONSENT_METHOD, None), data.pop(CONSENT_ON, None)
    if given_on is not None and method is None:
        key = CONSENT_METHOD if CONSENT_METHOD in row.values else CONSENT_ON
        row.add_error(ValidationError({key: _("Say how the consent was given: oral or written.")}))
    with row.collecting():  # the service stops at its first kind of error; this reports all
        Participant(**data).full_clean(
            exclude=["organisation"], validate_unique=False, validate_constraints=False
        )
    row.duplicates = likely_duplicates(
        membership, **{key: data[key] for key in DUPLICATE_KEYS if key in data}, exclude=created
    )
    with row.collecting():  # participant_create is atomic: a refused row is rolled back
        participant = participant_create(
            membership=membership, data=data, file_consent_method=method, file_consent_on=given_on
        )
        created.append(participant.pk)
