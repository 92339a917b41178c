"""Every number and date a person can type has a bound (netwerk/validators.py).

The models' fields and the forms' fields of every app are walked: a number or date field
without a bound fails, unless it is listed below with the reason nobody types it. A model
field's bound holds for the API, the imports and the ModelForms alike (the services call
`full_clean()`); a plain form's own fields need their own.
"""

import datetime
import importlib
import pkgutil
from decimal import Decimal

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields import PositiveIntegerRelDbTypeMixin

from netwerk.validators import BOUND_VALIDATORS

APPS = (
    "accounts",
    "participants",
    "buddies",
    "groups",
    "findings",
    "workmodels",
    "notifications",
    "referrals",
    "signalling",
    "messaging",
)
NUMBER_OR_DATE_MODEL_FIELDS = (
    models.IntegerField,
    models.FloatField,
    models.DecimalField,
    models.DateField,  # DateTimeField too
)
NUMBER_OR_DATE_FORM_FIELDS = (
    forms.IntegerField,  # FloatField and DecimalField too
    forms.DateField,
    forms.DateTimeField,
)  # a time of day is bounded by itself

# Model fields nobody types, each with the reason.
NOT_TYPED: dict[str, str] = {
    "accounts.User.last_login": "Django's log-in records it",
    "accounts.User.date_joined": "set when the account is made",
    "accounts.Invitation.expires_at": "set by the invitation service",
    "accounts.Invitation.accepted_at": "set when the invitation is accepted",
    "accounts.Invitation.revoked_at": "set when the invitation is revoked",
    "accounts.AuditEvent.created_at": "the time of the event",
    "accounts.RememberedDevice.last_seen_at": "the time the remembered phone was last used",
    "accounts.RememberedDevice.expires_at": "set by accounts.devices at log-in",
    "accounts.RememberedDevice.revoked_at": "set when the phone is forgotten",
    "participants.FileHandover.created_at": "the time the hand-over service ran",
    "participants.StandIn.ended_at": "set when an org admin ends a stand-in (now)",
    "workmodels.WorkModel.order": "reference data written by migrations; no form",
    "participants.SnapshotMember.member_id": "a copy of a network member's id",
    "participants.SnapshotTie.member_a_id": "a copy of a network member's id",
    "participants.SnapshotTie.member_b_id": "a copy of a network member's id",
    "buddies.Match.score": "computed by the matching engine",
    "groups.AttendanceSignal.detected_on": "set by the attendance service (today)",
    "groups.AttendanceSignal.resolved_on": "set by the attendance service (today)",
    "groups.MetHereTie.decided_on": "set by the tie service (today)",
    "groups.GroupMember.completion_set_at": "set by the service when completion is decided by hand",
    "findings.SnapshotCounts.size": "counted from the network map",
    "findings.SnapshotCounts.informal": "counted from the network map",
    "findings.SnapshotCounts.reciprocal": "counted from the network map",
    "notifications.Reminder": "written by the reminder sweep and the dispatcher",
    "notifications.Message": "written by the messaging services and the dispatcher",
    "notifications.InboundMessage": "written from the SMS gateway's callback",
    "notifications.SmsOptOut": "written when STOP arrives or staff stop SMS to a number",
    "notifications.DeliveryPreference.last_digest_at": "set when the digest is sent",
    "signalling.Signal.reported_at": "set by the record service (now)",
    "participants.AccessBlock.created_at": "set by the access-block service (now)",
    "participants.AccessBlock.ended_at": "set by the access-block service (now)",
    "messaging.ContactPreference.person_id": "set by the service from the person's record",
    "messaging.HandDelivery.done_at": "set by the service when a letter or call is marked done",
}


# Form fields that take a record's id, checked against the records the person may see.
IDS = {
    "accounts.audit_views.AuditFilterForm.participant",
    "accounts.forms.OrganisationSwitchForm.organisation",
    "buddies.forms.ProposeForm.volunteer",
    "buddies.forms.SetAsideForm.volunteer",
    "participants.forms_handover.HandoverForm.from_worker",
}


def _bounded(validators, *, positive: bool = False) -> bool:
    """A bound of ours, or both a declared minimum and maximum (a positive field has its
    minimum: 0)."""
    if any(isinstance(v, BOUND_VALIDATORS) for v in validators):
        return True
    kinds = {type(v) for v in validators}
    return MaxValueValidator in kinds and (positive or MinValueValidator in kinds)


def _positive(field) -> bool:
    return isinstance(field, PositiveIntegerRelDbTypeMixin)


def _model_fields():
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if field.primary_key or field.is_relation or not field.editable:
                continue
            if not isinstance(field, NUMBER_OR_DATE_MODEL_FIELDS):
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue
            yield f"{model._meta.label}.{field.name}", model, field


def _listed(label: str) -> bool:
    return label in NOT_TYPED or label.rsplit(".", 1)[0] in NOT_TYPED


def test_every_number_and_date_field_of_the_models_has_a_bound():
    # `_validators` are the ones declared; Django adds the database's own range to
    # `validators`, which is no bound a person understands.
    unbounded = [
        label
        for label, _model, field in _model_fields()
        if not _listed(label) and not _bounded(field._validators, positive=_positive(field))
    ]
    assert not unbounded, (
        "Give these fields a bound from netwerk/validators.py (or list them in NOT_TYPED "
        f"with the reason nobody types them): {unbounded}"
    )


def test_the_list_of_fields_nobody_types_names_only_fields_that_exist():
    labels = {label for label, _m, _f in _model_fields()}
    models_ = {label.rsplit(".", 1)[0] for label in labels}
    assert not [name for name in NOT_TYPED if name not in labels and name not in models_]


def _form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)
    seen = set()
    stack = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return sorted(
        (cls for cls in seen if cls.__module__.split(".")[0] in APPS),
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _model_field(form_class, name):
    meta = getattr(form_class, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def test_every_number_and_date_field_of_the_forms_has_a_bound():
    unbounded = []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if not isinstance(field, NUMBER_OR_DATE_FORM_FIELDS):
                continue
            if isinstance(field, forms.ModelChoiceField):
                continue
            label = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
            model_field = _model_field(form_class, name)
            if label in IDS or _bounded(field.validators):
                continue
            if model_field is not None and _bounded(
                model_field._validators, positive=_positive(model_field)
            ):
                continue
            unbounded.append(label)
    assert not unbounded, (
        "Give these form fields a bound from netwerk/validators.py "
        f"(validators=HAPPENED, PLANNED or between(low, high)): {unbounded}"
    )


def _absurd(field):
    if isinstance(field, models.DateTimeField):
        return [datetime.datetime(year, 1, 2, tzinfo=datetime.UTC) for year in (3024, 1024)]
    if isinstance(field, models.DateField):
        return [datetime.date(3024, 1, 1), datetime.date(1024, 1, 1)]
    if isinstance(field, models.DecimalField):
        return [Decimal("99999999999")]
    if isinstance(field, models.FloatField):
        return [99_999_999_999.0]
    return [99_999_999_999]


def test_every_bounded_model_field_refuses_an_absurd_value_in_words():
    accepted = []
    for label, _model, field in _model_fields():
        if _listed(label):
            continue
        for value in _absurd(field):
            messages = []
            for validator in field._validators:
                try:
                    validator(value)
                except ValidationError as error:
                    messages += [str(m) for m in error.messages]
            if not messages or any("%(" in m or "_" in m for m in messages):
                accepted.append(f"{label}={value!r}: {messages}")
    assert not accepted
