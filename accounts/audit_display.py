"""The audit trail in words, for every kind of event the application writes.

The trail stores model labels, ids and field names (`participants.networkmember`, `held_on`);
the viewer shows what they mean: the record(s) an event names (one record, several records of
a list that showed files, or a whole kind of record such as an export) and its fields as the
pages name them ("netwerklid", "gehouden op"), never the code.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
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
    "signalling.signals_report": _("signals report"),
    PARTICIPANT: _("participant files"),
}

# What a read event names instead of fields: the part of a file that was shown.
PARTS = {
    "network": _("network map"),
    "network_charts": _("network charts"),
    "network_comparison": _("network comparison"),
    "network_print": _("network map to print"),
    "network_snapshot": _("network snapshot"),
    "history": _("edit history"),
    # How a policy analyst read the signals report (signalling.views_report).
    "report_page": _("the page"),
    "report_csv": _("the CSV download"),
    "report_api": _("the API"),
}

# Fields whose model gives them no name of their own (Django's default is the code).
FIELDS = {
    "attendance": _("attendance"),
    "author": _("author"),
    "buddy_match_id": _("buddy"),
    "created_at": _("created"),
    "created_by": _("created by"),
    "explanation": _("explanation"),
    "gender": _("gender"),
    "group": _("group"),
    "instrument": _("instrument"),
    "match": _("match"),
    "member": _("network member"),
    "member_a": _("first of the two network members"),
    "member_b": _("second of the two network members"),
    "note": _("note"),
    "organisation": _("organisation"),
    "participant": _("participant"),
    "per": _("per"),
    "plan": _("family plan"),
    "postcode": _("postcode"),
    "quotes": _("quotes"),
    "score": _("score"),
    "scores": _("scores"),
    "sector": _("sector"),
    "session": _("session"),
    "source": _("source"),
    "status": _("status"),
    "updated_at": _("changed"),
    "user": _("user"),
    "volunteer": _("volunteer"),
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


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _kind(object_type: str) -> str:
    if object_type in KINDS:
        return str(KINDS[object_type])
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else str(_("record"))


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


def field_label(object_type: str, name: str) -> str:
    model = _model(object_type)
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.auto_created and not field.concrete:
            return str(field.related_model._meta.verbose_name_plural)  # a reverse relation
        named = field is not None and str(field.verbose_name) != name.replace("_", " ")
        if named:
            return str(field.verbose_name)
    if name in FIELDS:
        return str(FIELDS[name])
    if name in PARTS:
        return str(PARTS[name])
    return name.replace("_", " ")


def field_labels(object_type: str, names: list[str]) -> list[str]:
    return [field_label(object_type, name) for name in names]
