"""The edit history of a file: who changed which fields, when, with the old and new values."""

from dataclasses import dataclass

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
                changes.append(FieldChange(field.name, str(field.verbose_name), old, new))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                kind=record.history_type,
                changes=changes,
            )
        )
    return entries
