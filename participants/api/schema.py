"""Choice sets with their own names in the OpenAPI schema.

Several models have a `status` (and two inputs take a consent `method`); drf-spectacular names
enums after the field, so these would collide and warn. Fields built here refer to one named
component per choice set instead (ParticipantStatusEnum, TrajectoryStatusEnum, ...).
"""

from django.db.models import TextChoices
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
        return _enum_ref(auto_schema, self.target)


class WorkModelCodeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = WorkModelCodeField

    def map_serializer_field(self, auto_schema, direction):
        return _enum_ref(auto_schema, self.target)
