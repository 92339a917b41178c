from django.contrib import admin

from .models import WorkModel


@admin.register(WorkModel)
class WorkModelAdmin(admin.ModelAdmin):
    list_display = ["order", "code", "name_nl", "name_en"]

    def has_add_permission(self, request) -> bool:
        return False  # the seven models are fixed by the study

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
