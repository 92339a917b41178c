"""What the findings API answers: the findings, and the "what works for whom" figures as
`findings.figures` computes them (aggregates only; a hidden count is null)."""

from rest_framework import serializers

from ..levels import DIMENSIONS
from ..practice import METRICS


class FindingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    work_model = serializers.CharField(source="work_model.code", allow_null=True, default=None)
    kind = serializers.CharField()
    statement_nl = serializers.CharField()
    statement_en = serializers.CharField()
    source = serializers.CharField()
    groups_raising = serializers.IntegerField(allow_null=True)
    shared = serializers.BooleanField(
        help_text="One of the study's findings (not the organisation's own)."
    )


class MetricOutput(serializers.Serializer):
    """The median change of one measure, with its 95 % bootstrap interval."""

    n = serializers.IntegerField(allow_null=True, help_text="Null when hidden (a small count).")
    median = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class MetricsOutput(serializers.Serializer):
    """One entry per measure; none at all when the whole cell is hidden."""

    def get_fields(self):
        return {metric: MetricOutput(required=False) for metric in METRICS}


class CellOutput(serializers.Serializer):
    """One work model (or one level of a breakdown within it)."""

    code = serializers.CharField(help_text="The work model's code.")
    n = serializers.IntegerField(allow_null=True, help_text="Participants; null when hidden.")
    suppressed = serializers.BooleanField()
    median_days = serializers.FloatField(allow_null=True)
    metrics = MetricsOutput()


class LevelCellOutput(CellOutput):
    level = serializers.CharField(help_text="The level of the breakdown, such as an age band.")


class SubgroupsOutput(serializers.Serializer):
    """Per breakdown (age band, gender, ...): the cells of every work model and level."""

    def get_fields(self):
        return {dimension: LevelCellOutput(many=True) for dimension in DIMENSIONS}


class FiguresOutput(serializers.Serializer):
    models = CellOutput(many=True)
    subgroups = SubgroupsOutput()
    participants = serializers.IntegerField(
        allow_null=True, help_text="Across all work models; null when a small count shows."
    )
    min_cell = serializers.IntegerField(help_text="Counts under this are hidden.")
