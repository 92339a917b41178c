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


class DurableHorizonOutput(serializers.Serializer):
    """What became of a work model's ties `months` after it ended; null: hidden."""

    months = serializers.IntegerField()
    no_end = serializers.IntegerField(allow_null=True, help_text="Ties without a known end.")
    followed = serializers.IntegerField(
        allow_null=True, help_text="Ties followed up: still there + lost."
    )
    still = serializers.IntegerField(allow_null=True)
    lost = serializers.IntegerField(allow_null=True, help_text="Gone, or marked broken.")
    not_yet = serializers.IntegerField(
        allow_null=True, help_text="No follow-up snapshot yet; the period is still open."
    )
    not_followed = serializers.IntegerField(
        allow_null=True, help_text="The period passed without a snapshot."
    )
    share = serializers.FloatField(allow_null=True, help_text="still / followed, a fraction.")
    low = serializers.FloatField(allow_null=True, help_text="95 % bootstrap interval.")
    high = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField(help_text="The followed-up ties and share hidden.")


class DurableModelOutput(serializers.Serializer):
    code = serializers.CharField(help_text="The work model's code.")
    suppressed = serializers.BooleanField()
    created = serializers.IntegerField(allow_null=True, help_text="Ties the model created.")
    horizons = DurableHorizonOutput(many=True)


class DurableTiesOutput(serializers.Serializer):
    """Durable ties per work model: the ties it created, followed up 6 and 12 months after
    the trajectory, match or group ended (see the report page for the definitions)."""

    models = DurableModelOutput(many=True)
    horizons = serializers.ListField(child=serializers.IntegerField())
    min_cell = serializers.IntegerField()


class FiguresOutput(serializers.Serializer):
    models = CellOutput(many=True)
    durable_ties = DurableTiesOutput()
    subgroups = SubgroupsOutput()
    participants = serializers.IntegerField(
        allow_null=True, help_text="Across all work models; null when a small count shows."
    )
    min_cell = serializers.IntegerField(help_text="Counts under this are hidden.")
