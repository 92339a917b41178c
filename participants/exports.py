"""Exporting the caseload, as the caseload page lists it, to CSV or XLSX.

Only the list page's columns leave the application: never special-category data. Every export is
recorded in the audit trail (which fields, not which people or values).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk import exports as writer

from .models import Participant
from .selectors import CaseloadFilters, caseload_list

CONTENT_TYPES = writer.CONTENT_TYPES

# (heading, the model fields it shows, its value for one participant)
COLUMNS: tuple[tuple[Any, tuple[str, ...], Callable[[Participant], Any]], ...] = (
    (gettext_lazy("Reference"), ("reference_code",), lambda p: p.reference_code),
    (
        gettext_lazy("Name"),
        ("first_name", "last_name", "preferred_name"),
        lambda p: p.display_name,
    ),
    (gettext_lazy("Status"), ("status",), lambda p: str(p.get_status_display())),
    (gettext_lazy("Municipality"), ("municipality",), lambda p: p.municipality),
    (
        gettext_lazy("Social worker"),
        ("social_worker",),
        lambda p: str(p.social_worker) if p.social_worker else "",
    ),
    (
        gettext_lazy("Last intervention"),
        ("last_intervention_on",),
        lambda p: p.last_intervention_on,
    ),
    (gettext_lazy("Next follow-up"), ("next_follow_up_on",), lambda p: p.next_follow_up_on),
)
EXPORTED_FIELDS = sorted({field for _heading, fields, _value in COLUMNS for field in fields})


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def participants_export(
    *,
    membership: Membership,
    filters: CaseloadFilters,
    file_format: str,
    delimiter: str = writer.SEMICOLON,
) -> Export:
    """The participants the caseload page lists with these filters, as a CSV or XLSX file.

    The same selector as the page, so the export never holds more than the page would show.
    The export is audited.
    """
    participants = caseload_list(membership, filters)
    headings = [str(heading) for heading, _fields, _value in COLUMNS]
    rows = (
        [value(participant) for _heading, _fields, value in COLUMNS]
        for participant in participants.iterator(chunk_size=2000)
    )
    if file_format != writer.XLSX:
        file_format = writer.CSV
    content = writer.table_bytes(
        headings, rows, file_format=file_format, delimiter=delimiter, title=_("Participants")
    )
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type=Participant._meta.label_lower,
        fields=EXPORTED_FIELDS,
    )
    filename = f"{slugify(_('participants'))}-{timezone.localdate().isoformat()}.{file_format}"
    return Export(content=content, content_type=CONTENT_TYPES[file_format], filename=filename)
