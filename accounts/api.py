"""API views for accounts, and how an API request finds its organisation."""

from django.http import HttpRequest
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .middleware import current_membership
from .models import Membership
from .selectors import memberships_for_user


def api_membership(request: Request) -> Membership | None:
    """The membership an API request works in.

    A client may name the organisation in the `X-Organisation` header (an id); otherwise the
    session's choice or the person's first organisation applies, as on the pages. A header
    naming an organisation the person has no role in gives no membership (and so 404s).
    """
    django_request: HttpRequest = request._request
    header = request.headers.get("X-Organisation", "").strip()
    if header:
        if not header.isdigit():
            return None
        return memberships_for_user(request.user).filter(organisation_id=int(header)).first()
    return current_membership(django_request)


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
