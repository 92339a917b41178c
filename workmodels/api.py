from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from accounts.api import api_membership

from .models import Initiative, WorkModel
from .selectors import DirectoryFilters, initiative_search, work_model_list


class WorkModelOutput(serializers.ModelSerializer):
    class Meta:
        model = WorkModel
        fields = ["code", "order", "name_nl", "name_en", "description_nl", "description_en"]


class WorkModelListView(generics.ListAPIView):
    """The seven work models (reference data, the same for every organisation)."""

    serializer_class = WorkModelOutput
    pagination_class = None

    def get_queryset(self):
        return work_model_list()


class InitiativeOutput(serializers.ModelSerializer):
    work_models = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    organisation = serializers.CharField(source="organisation.name")
    run_by = serializers.IntegerField(
        source="run_by_id",
        allow_null=True,
        help_text="The organisation on this Netwerk that runs it (referrals go to its inbox); "
        "null when it is not on Netwerk.",
    )
    run_by_name = serializers.CharField(source="run_by.name", allow_null=True, default=None)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "name",
            "provider",
            "organisation",
            "work_models",
            "municipalities",
            "area",
            "target_groups",
            "languages",
            "delivery",
            "cost",
            "sign_up",
            "contact",
            "contact_email",
            "run_by",
            "run_by_name",
            "accessibility",
            "last_checked_on",
            "shared",
        ]


class InitiativeListView(generics.ListAPIView):
    """The directory of initiatives: the organisation's own and those others share.

    Filters: work_model (code), municipality, language (code), delivery (on_site/digital), q.
    """

    serializer_class = InitiativeOutput

    def get_queryset(self):
        membership = api_membership(self.request)
        if membership is None:
            raise NotFound
        params = self.request.query_params
        filters = DirectoryFilters(
            work_model=params.get("work_model", ""),
            municipality=params.get("municipality", ""),
            language=params.get("language", ""),
            delivery=params.get("delivery", ""),
            text=params.get("q", ""),
        )
        return initiative_search(membership, filters)
