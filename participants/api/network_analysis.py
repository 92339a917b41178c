"""The analysis of a network map in the API: who knows whom, for today's map and per snapshot,
in figures and in the plain-words sentences the pages show (in the request's language).

Same visibility as the members and snapshots (404 outside reach); reads only, each audited.
Members are named by their key: a live member's id, which a snapshot's copy keeps as its
`member_id`. How ties count: participants/selectors/network_analysis.py.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ..selectors.network import member_ties, network_members, snapshots_for_api
from ..selectors.network_analysis import NetworkAnalysis, network_analysis
from .base import FileAPIView
from .views import _read_schema


def _member_ids() -> serializers.ListField:
    return serializers.ListField(child=serializers.IntegerField())


class SentenceOutput(serializers.Serializer):
    text = serializers.CharField()
    details = serializers.ListField(
        child=serializers.CharField(), help_text="What the sentence lists (groups, pairs)."
    )


class BridgeOutput(serializers.Serializer):
    member_id = serializers.IntegerField(source="person")
    betweenness = serializers.FloatField()
    reaches = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The members who know no one else in the rest of the map but through them.",
    )


class BetweennessOutput(serializers.Serializer):
    member_id = serializers.IntegerField()
    betweenness = serializers.FloatField()


class AnalysisOutput(serializers.Serializer):
    size = serializers.IntegerField(help_text="Members on the map.")
    ties_recorded = serializers.BooleanField(
        help_text="Whether any tie between members was recorded (broken ones included); "
        "without, the structure is unknown and its figures are null or empty."
    )
    ties = serializers.IntegerField(help_text="Ties between members that count (not broken).")
    strong_ties = serializers.IntegerField(source="strong")
    tense_ties = serializers.IntegerField(source="tense", help_text="Tense ties count as ties.")
    broken_ties = serializers.IntegerField(source="broken", help_text="Not counted as ties.")
    density = serializers.FloatField(allow_null=True, help_text="Among members, 0 to 1.")
    groups = serializers.ListField(
        child=_member_ids(), help_text="Groups of two or more that do not know each other."
    )
    isolates = serializers.ListField(
        child=serializers.IntegerField(), help_text="Members who know no one else on the map."
    )
    clique_count = serializers.IntegerField(help_text="Maximal cliques of three or more.")
    cliques_capped = serializers.BooleanField(help_text="The count is a lower bound.")
    largest_cliques = serializers.ListField(child=_member_ids(), help_text="At most 20.")
    bridge_persons = BridgeOutput(
        many=True, source="bridges", help_text="Articulation points of the members' graph."
    )
    betweenness = serializers.SerializerMethodField(
        help_text="The members with the highest betweenness (normalised), at most 5."
    )
    effective_size = serializers.FloatField(
        allow_null=True, help_text="Burt's effective size of the participant's ego network."
    )
    efficiency = serializers.FloatField(allow_null=True)
    constraint = serializers.FloatField(
        allow_null=True, help_text="Burt's constraint of the participant (strong ties weigh 2)."
    )
    sentences = SentenceOutput(many=True)

    @extend_schema_field(BetweennessOutput(many=True))
    def get_betweenness(self, analysis: NetworkAnalysis) -> list:
        rows = [{"member_id": key, "betweenness": value} for key, value in analysis.betweenness]
        return BetweennessOutput(rows, many=True).data


class NetworkAnalysisView(FileAPIView):
    @_read_schema(AnalysisOutput, "Analyse today's network map: who knows whom")
    def get(self, request: Request, participant_id: int) -> Response:
        participant = self.participant_within_reach(participant_id)
        self.audit_read(participant, ("network_analysis",))
        analysis = network_analysis(network_members(participant), member_ties(participant))
        return Response(AnalysisOutput(analysis).data)


class SnapshotAnalysisView(FileAPIView):
    @_read_schema(AnalysisOutput, "Analyse a snapshot: who knew whom at its date")
    def get(self, request: Request, pk: int) -> Response:
        # snapshots_for_api brings the frozen members and ties (h2 added the ties).
        snapshot = self.within_reach(snapshots_for_api(self.membership), pk)
        self.audit_read(snapshot, ("analysis",))
        analysis = network_analysis(snapshot.members.all(), snapshot.ties.all())
        return Response(AnalysisOutput(analysis).data)
