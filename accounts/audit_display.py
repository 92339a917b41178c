"""The audit trail in words: a record's kind and its fields as the pages name them.

The trail stores model labels and field names (`participants.networkmember`, `held_on`); the
viewer shows what they mean ("netwerklid", "gehouden op"), never the code.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# Records that are not a model: what was exported or read as a whole.
RECORDS = {
    "accounts.auditevent": _("audit trail"),
    "findings.research_export": _("research export"),
    "groups.figures": _("group figures"),
}
# What a read event names instead of fields: the part of a file that was shown.
PARTS = {
    "network": _("network map"),
    "network_charts": _("network charts"),
    "network_comparison": _("network comparison"),
    "network_print": _("network map to print"),
    "network_snapshot": _("network snapshot"),
    "history": _("edit history"),
}

# Fields whose model gives them no name of their own (Django's default is the code).
FIELDS = {
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


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def record_label(object_type: str) -> str:
    if object_type in RECORDS:
        return capfirst(RECORDS[object_type])
    model = _model(object_type)
    if model is None:
        return capfirst(object_type.rpartition(".")[2].replace("_", " "))
    return capfirst(model._meta.verbose_name)


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
