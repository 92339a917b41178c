"""The calendar-feed API: one's own secret links (list, make, revoke), with the shared refusal
rule (`netwerk.api`). Another person's link answers 404, like a record outside one's reach.
The token is in the answer that makes it, once; later answers never show it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from netwerk.api import BAD_INPUT, NOT_FOUND, NetwerkAPIView

from . import selectors, services


class FeedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)
    is_open = serializers.BooleanField()


class NewFeedOutput(FeedOutput):
    url = serializers.CharField(help_text="The secret link; shown in this answer only.")
    webcal_url = serializers.CharField()


class NewFeedInput(serializers.Serializer):
    replace = serializers.BooleanField(
        required=False,
        default=False,
        help_text="True to revoke one's open link and make a new one.",
    )


class FeedListView(NetwerkAPIView):
    @extend_schema(
        summary="List my calendar links",
        responses={200: FeedOutput(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        membership = self.require_role(*selectors.FEED_ROLES)
        return self.paginated(selectors.feeds_of(membership), FeedOutput)

    @extend_schema(
        summary="Make a new calendar link",
        request=NewFeedInput,
        responses={201: NewFeedOutput, 400: BAD_INPUT, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        membership = self.require_role(*selectors.FEED_ROLES)
        data = self.validated(NewFeedInput)
        if selectors.open_feed_of(membership) is not None and not data["replace"]:
            raise ValidationError(
                {
                    "replace": _(
                        "You already have a calendar link. Set replace to true to revoke it "
                        "and make a new one."
                    )
                }
            )
        feed, token = services.feed_create(membership=membership)
        output = {
            **FeedOutput(feed).data,
            "url": selectors.feed_url(token),
            "webcal_url": selectors.webcal_url(token),
        }
        return Response(output, status=status.HTTP_201_CREATED)


class FeedDetailView(NetwerkAPIView):
    @extend_schema(
        summary="Read one of my calendar links", responses={200: FeedOutput, 404: NOT_FOUND}
    )
    def get(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*selectors.FEED_ROLES)
        return Response(FeedOutput(self.within_reach(selectors.feeds_of(membership), pk)).data)


class FeedRevokeView(NetwerkAPIView):
    @extend_schema(
        summary="Revoke one of my calendar links",
        request=None,
        responses={200: FeedOutput, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        membership = self.require_role(*selectors.FEED_ROLES)
        feed = self.within_reach(selectors.feeds_of(membership), pk)
        feed = services.feed_revoke(membership=membership, feed=feed)
        return Response(FeedOutput(feed).data)
