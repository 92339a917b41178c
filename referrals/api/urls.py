from django.urls import path  # noqa: F401  (each side adds its routes)

urlpatterns: list = []
