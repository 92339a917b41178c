"""How the audit viewer names the record(s) of an event, in words, for every kind of event
the application writes: one record, several records (a list that showed files), or a whole
kind of record (an export)."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import PARTICIPANT
from .models import AuditEvent

# Events about something that is not one model's record: what they concern, in words.
KINDS = {
    "findings.research_export": _("research export"),
    "groups.figures": _("group figures"),
    "accounts.auditevent": _("audit trail"),
    "accounts.user": _("account"),
    PARTICIPANT: _("participant files"),
}


@dataclass(frozen=True)
class Link:
    label: str
    url: str = ""


@dataclass(frozen=True)
class RecordDescription:
    """What the viewer shows in the "Record" column."""

    label: str  # "participant file 12", "match 3", "participant files (4)", "research export"
    url: str = ""
    items: tuple[Link, ...] = ()  # the records of a list event


def _kind(object_type: str) -> str:
    if object_type in KINDS:
        return str(KINDS[object_type])
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return str(_("record"))
    return str(model._meta.verbose_name)


def _one(object_type: str, object_id: str) -> Link:
    if object_type == PARTICIPANT and object_id.isdigit():
        return Link(
            str(_("participant file %(number)s") % {"number": object_id}),
            reverse("participants:detail", args=[int(object_id)]),
        )
    return Link(f"{_kind(object_type)} {object_id}")


def describe(event: AuditEvent, named: list[str]) -> RecordDescription | None:
    """`named`: the ids of the records a list event names (its AuditEventObject rows)."""
    if not event.object_type:
        return None
    if named:
        items = tuple(_one(event.object_type, pk) for pk in named)
        if event.object_type == PARTICIPANT:
            label = ngettext(
                "%(count)s participant file", "%(count)s participant files", len(items)
            )
        else:
            label = _kind(event.object_type) + " (%(count)s)"
        return RecordDescription(label % {"count": len(items)}, items=items)
    if event.object_type == "findings.research_export":
        count = int(event.object_id) if event.object_id.isdigit() else 0
        return RecordDescription(
            ngettext(
                "research export of %(count)s participant",
                "research export of %(count)s participants",
                count,
            )
            % {"count": count}
        )
    if not event.object_id or event.object_type in ("accounts.user",):
        return RecordDescription(_kind(event.object_type))
    link = _one(event.object_type, event.object_id)
    return RecordDescription(link.label, link.url)
