"""API views for accounts. How an API request finds its organisation, and the two-factor
rule, live in `api_access` (DRF's settings import that module while DRF itself loads)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_access import TwoFactorSetUp, api_membership
from .selectors import memberships_for_user

__all__ = ["MeView", "TwoFactorSetUp", "api_membership"]


class MembershipOutput(serializers.Serializer):
    organisation_id = serializers.IntegerField()
    organisation_name = serializers.CharField(source="organisation.name")
    role = serializers.CharField()


class MeOutput(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField()
    preferred_language = serializers.CharField()
    current = MembershipOutput(allow_null=True)
    memberships = MembershipOutput(many=True)


class MeView(APIView):
    """Who am I, in which organisation and role, and which others can I switch to."""

    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        user = request.user
        data = {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "current": api_membership(request),
            "memberships": list(memberships_for_user(user)),
        }
        return Response(MeOutput(data).data)
