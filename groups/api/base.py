"""Plumbing the group-work API views share: the caller's membership, 404 outside one's reach
or role (as on the pages), service errors as 400 field errors, refused writes as 403."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView

from accounts.api import api_membership
from accounts.models import Membership
from participants.api.base import service_errors
from participants.api.serializers import DetailOutput

NOT_ALLOWED = _("Your role cannot make this change.")

BAD_INPUT = OpenApiResponse(
    description="Field errors as {field: [messages]}; other errors under non_field_errors."
)
NOT_FOUND = OpenApiResponse(
    DetailOutput,
    description="No such record within the caller's reach, or a role this endpoint is not "
    "for (it may exist).",
)
REFUSED = OpenApiResponse(DetailOutput, description="The caller may read this but not change it.")


class GroupAPIView(GenericAPIView):
    @property
    def membership(self) -> Membership | None:
        if not hasattr(self, "_membership"):
            self._membership = api_membership(self.request)
        return self._membership

    def handle_exception(self, exc: Exception):
        if isinstance(exc, DjangoValidationError):
            exc = exceptions.ValidationError(service_errors(exc))
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(NOT_ALLOWED)
        return super().handle_exception(exc)

    @staticmethod
    def within_reach(queryset: QuerySet, pk: int) -> Model:
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            raise Http404
        return obj

    def validated(
        self, serializer_class: type[serializers.Serializer], *, partial: bool = False
    ) -> dict[str, Any]:
        serializer = serializer_class(
            data=self.request.data, partial=partial, context={"membership": self.membership}
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def paginated(self, queryset, serializer_class) -> Any:
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True).data)
