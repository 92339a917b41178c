from rest_framework import generics, serializers

from .models import WorkModel
from .selectors import work_model_list


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
