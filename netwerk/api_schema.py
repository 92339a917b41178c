"""Choice sets with their own names in the OpenAPI schema (the participant and buddy APIs).

Several models have a `status` (and two inputs take a consent `method`); drf-spectacular names
enums after the field, so these would collide and warn. Fields built here refer to one named
component per choice set instead (ParticipantStatusEnum, TrajectoryStatusEnum, ...).

An empty string ("no choice made") or null is part of the schema where the field allows it, and
in a response also where the model field it reads allows it (`blank`, `null`): an output field
needs no `allow_blank` to send what the database holds, but its schema must say so.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, TextChoices
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

from workmodels.models import WorkModel


class NamedChoiceField(serializers.ChoiceField):
    def __init__(self, choices: type[TextChoices], *, enum_name: str, **kwargs):
        self.choices_class = choices
        self.enum_name = enum_name
        super().__init__(choices=choices.choices, **kwargs)


class WorkModelCodeField(serializers.SlugRelatedField):
    """A work model referred to by its code (`competence`, `buddy`, ...), never by id."""

    choices_class = WorkModel.Code
    enum_name = "WorkModelCodeEnum"

    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", WorkModel.objects.all())
        super().__init__(slug_field="code", **kwargs)


BLANK_ENUM = ResolvedComponent(
    name="BlankEnum", type=ResolvedComponent.SCHEMA, object="BlankEnum", schema={"enum": [""]}
)


def _model_field(field) -> Field | None:
    """The model field a field of a ModelSerializer reads, if it reads one directly."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source or field.source == "*":
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


def _enum_ref(auto_schema, field) -> dict:
    choices = field.choices_class
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    component = ResolvedComponent(
        name=field.enum_name, type=ResolvedComponent.SCHEMA, object=field.enum_name, schema=schema
    )
    auto_schema.registry.register_on_missing(component)
    return component.ref


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        ref = _enum_ref(auto_schema, field)
        blank, null = field.allow_blank, field.allow_null
        model_field = _model_field(field) if direction == "response" else None
        if model_field is not None:
            blank, null = blank or model_field.blank, null or model_field.null
        if blank:
            auto_schema.registry.register_on_missing(BLANK_ENUM)
            ref = {"oneOf": [ref, BLANK_ENUM.ref]}
        # Null is added by drf-spectacular for allow_null fields; here for the model's.
        return {**ref, "nullable": True} if null and not field.allow_null else ref


class WorkModelCodeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = WorkModelCodeField

    def map_serializer_field(self, auto_schema, direction):
        return _enum_ref(auto_schema, self.target)
