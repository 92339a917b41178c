"""What every API view of the case apps shares (participants, buddies, groups, findings).

One refusal rule; who reaches what is the same as on the pages (design.md "Roles and access"):
- a role an endpoint is not for, and a record outside the caller's reach, answer 404 (so the
  existence of neither is revealed); `require_role` and `within_reach` (over the app's
  selector) raise it;
- a write the caller may not make, on a record the caller may read (or to a list the caller
  may read), answers 403 (`REFUSED`): the view calls `refuse()`, or a service refuses it
  (Django's PermissionDenied) and `handle_exception` turns that into the same answer;
- both are decided before the input is parsed: a caller who may not write never learns how
  the input would have been checked. Only then a 400 with field errors (`validated`), and
  a service's ValidationError becomes the same field errors.
tests/security/test_api_refusal_rule.py holds every API write to this rule, for every role.

Anonymous callers never reach a view: DRF answers 401/403 first (`IsAuthenticated`), and staff
who still have to set up two-factor authentication get 403 (`accounts.api.TwoFactorSetUp`).
This module imports `accounts` only, never a case app.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework.generics import GenericAPIView
from rest_framework.settings import api_settings

from accounts.api import api_membership
from accounts.models import Membership

NOT_ALLOWED = _("Your role cannot make this change.")


class DetailOutput(serializers.Serializer):
    """Why a request was refused (403) or what was not found (404)."""

    detail = serializers.CharField()


# Error answers, for the schema.
BAD_INPUT = OpenApiResponse(
    description="Field errors as {field: [messages]}; other errors under non_field_errors."
)
NOT_FOUND = OpenApiResponse(
    DetailOutput,
    description="No such record within the caller's reach, or a role this endpoint is not "
    "for (it may exist).",
)
REFUSED = OpenApiResponse(DetailOutput, description="The caller may read this but not change it.")


class ShapeField(serializers.Field):
    """Which shape an answer has, where one endpoint answers in several (by the caller's role).

    Always the same value in one output serializer; in the schema a one-value enum, so that
    the shapes of a `shapes()` component exclude each other and clients can tell them apart.
    """

    def __init__(self, shape: str, *, family: str, **kwargs):
        self.shape = shape
        self.component_name = f"{family}{shape.title().replace('_', '')}ShapeEnum"
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return self.shape


class ShapeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ShapeField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = ResolvedComponent(
            name=field.component_name,
            type=ResolvedComponent.SCHEMA,
            object=field.component_name,
            schema={"type": "string", "enum": [field.shape]},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


def shapes(component_name: str, outputs: list, *, many: bool = False) -> PolymorphicProxySerializer:
    """For the schema: one of `outputs`, told apart by their `shape` (a ShapeField)."""
    return PolymorphicProxySerializer(
        component_name=component_name,
        serializers=outputs,
        resource_type_field_name="shape",
        many=many,
    )


def service_errors(
    exc: DjangoValidationError, renames: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A service's ValidationError as DRF field errors (non-field ones under the usual key)."""
    detail = get_error_detail(exc)
    if not isinstance(detail, dict):
        return {api_settings.NON_FIELD_ERRORS_KEY: detail}
    renames = {NON_FIELD_ERRORS: api_settings.NON_FIELD_ERRORS_KEY, **(renames or {})}
    return {renames.get(field, field): errors for field, errors in detail.items()}


class NetwerkAPIView(GenericAPIView):
    """Base view: the caller's membership, roles and records within reach, errors mapped."""

    # Service error keys that the input names differently (service field → input field).
    error_renames: Mapping[str, str] = {}
    # The 403 answer to a write the caller may read but not make.
    refused_message = NOT_ALLOWED

    @property
    def membership(self) -> Membership | None:
        if not hasattr(self, "_membership"):
            self._membership = api_membership(self.request)
        return self._membership

    def require_role(self, *roles: str) -> Membership:
        """The caller's membership if its role is one of `roles`; otherwise 404."""
        membership = self.membership
        if membership is None or not membership.is_active or membership.role not in roles:
            raise Http404
        return membership

    def refuse(self) -> None:
        """403: the caller sees the record but may not make this change."""
        raise exceptions.PermissionDenied(self.refused_message)

    def handle_exception(self, exc: Exception):
        # Records are fetched within reach first, so a service refusing a write means the
        # caller can see the record but not change it: 403, not 404.
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(service_errors(exc, self.error_renames))
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(self.refused_message)
        return super().handle_exception(exc)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "membership": self.membership}

    @staticmethod
    def within_reach(queryset: QuerySet, pk: int) -> Model:
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj

    def validated(
        self, serializer_class: type[serializers.Serializer], *, partial: bool = False, **kwargs
    ) -> dict[str, Any]:
        """The request's input, parsed; 400 with field errors. Check access before this."""
        serializer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def output(self, serializer_class, data, *, many: bool = False) -> Any:
        return serializer_class(data, many=many, context=self.get_serializer_context()).data

    def paginated(self, queryset, serializer_class) -> Any:
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.output(serializer_class, page, many=True))
