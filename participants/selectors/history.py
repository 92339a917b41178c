"""The edit history of a file: who changed which fields, when, with the old and new values."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _

from netwerk.languages import language_names

from ..models import SPECIAL_CATEGORY_FIELDS, Participant

HISTORY_LIMIT = 100
# Bookkeeping fields that change with every save and say nothing to a reader.
_IGNORED = {"updated_at", "created_at", "id", "reference_code", "organisation"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: object
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[FieldChange]


def participant_history(
    participant: Participant, *, show_special_categories: bool
) -> list[HistoryEntry]:
    """Newest first. Diffs consecutive versions in Python: one query whatever the length."""
    records = list(
        participant.history.select_related("history_user").order_by("-history_date")[
            : HISTORY_LIMIT + 1
        ]
    )
    hidden = _IGNORED | (set() if show_special_categories else set(SPECIAL_CATEGORY_FIELDS))
    fields = [
        field
        for field in Participant._meta.fields
        if field.name not in hidden and not field.name.endswith("_on_cache")
    ]
    people = _people(records, fields)
    entries = []
    for index, record in enumerate(records[:HISTORY_LIMIT]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        for field in fields:
            attname = field.attname
            if not hasattr(record, attname):
                continue
            new = getattr(record, attname)
            old = getattr(previous, attname) if previous is not None else None
            if previous is None and new in (None, "", []):
                continue
            if previous is None or old != new:
                changes.append(
                    FieldChange(
                        field.name,
                        str(field.verbose_name),
                        _shown(field, old, people),
                        _shown(field, new, people),
                    )
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=record.history_type,
                changes=changes,
            )
        )
    return entries


def _people(records: list, fields: list[models.Field]) -> dict:
    """The people named in the history (the social worker), fetched in one query."""
    ids = {
        getattr(record, field.attname)
        for record in records
        for field in fields
        if field.is_relation and field.related_model is get_user_model()
    } - {None}
    return get_user_model().objects.in_bulk(ids) if ids else {}


def _shown(field: models.Field, value: object, people: dict) -> object:
    """The value as a reader knows it: the choice's label, yes or no, language names, the
    person's name; never the stored code (`intake`, `True`, `['fr', 'nl']`, a user's id)."""
    if value in (None, "", []):
        return None
    if field.is_relation:
        person = people.get(value)
        return str(person) if person is not None else _("someone no longer known")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.name == "languages":
        return ", ".join(language_names(value))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value
