from django.db.models import QuerySet

from .models import WorkModel


def work_model_list() -> QuerySet[WorkModel]:
    return WorkModel.objects.order_by("order")
