"""Plumbing every participant-file API view shares: which membership a request works in, how
records are fetched within reach, how service errors become HTTP answers, and read auditing.

Access, in short:
- anything addressed by an id (a file, or a record in it, or a list nested under a file)
  answers 404 when it is outside the caller's reach, so its existence is not revealed;
- the top-level participant list and create answer 403 with an explanation to roles that never
  open files (coordinators, volunteers, researchers) and to requests without an organisation;
- a write the caller may read but not make (a colleague with team access, an org admin)
  answers 403: only the assigned social worker changes a file.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.settings import api_settings

from accounts.api import api_membership
from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership, Role

from ..models import Participant
from ..selectors.api import participants_for_api
from .serializers import DetailOutput

FILE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.ORG_ADMIN})

NO_FILE_ACCESS = _("Your role in this organisation gives no access to participant files.")
READ_ONLY = _("Only the social worker assigned to this file can change it.")

# Error answers, for the schema.
BAD_INPUT = OpenApiResponse(
    description="Field errors as {field: [messages]}; other errors under non_field_errors."
)
REFUSED = OpenApiResponse(
    DetailOutput, description="The caller may read this file but not change it."
)
NOT_FOUND = OpenApiResponse(
    DetailOutput, description="No such record within the caller's reach (it may exist)."
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


class FileAPIView(GenericAPIView):
    """Base view: the caller's membership, records within reach, service errors mapped."""

    # Service error keys that the input names differently (service field → input field).
    error_renames: Mapping[str, str] = {}
    read_only_message = READ_ONLY

    @property
    def membership(self) -> Membership | None:
        if not hasattr(self, "_membership"):
            self._membership = api_membership(self.request)
        return self._membership

    def file_membership(self) -> Membership:
        """For endpoints not addressed by an id: refuse roles that never open files."""
        membership = self.membership
        if membership is None or membership.role not in FILE_ROLES:
            raise exceptions.PermissionDenied(NO_FILE_ACCESS)
        return membership

    def handle_exception(self, exc: Exception):
        # Every record is fetched within reach first, so a service refusing a write means
        # the caller can see the record but not change it: 403, not 404.
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(service_errors(exc, self.error_renames))
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(self.read_only_message)
        return super().handle_exception(exc)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "membership": self.membership}

    def participant_within_reach(self, pk: int) -> Participant:
        participant = participants_for_api(self.membership).filter(pk=pk).first()
        if participant is None:
            raise Http404
        return participant

    @staticmethod
    def within_reach(queryset: models.QuerySet, pk: int) -> models.Model:
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj

    def validated(
        self, serializer_class: type[serializers.Serializer], *, partial: bool = False, **kwargs
    ) -> dict[str, Any]:
        serializer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def audit_read(self, obj: models.Model, fields: tuple[str, ...] = ()) -> None:
        """Every read of a file is recorded (ids and names only, never the content)."""
        audit_record(
            actor=self.request.user,
            organisation=self.membership.organisation,
            action=AuditEvent.Action.READ,
            obj=obj,
            fields=fields,
        )

    def paginated(self, request: Request, queryset: models.QuerySet, output: type) -> Any:
        page = self.paginate_queryset(queryset)
        data = output(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)
