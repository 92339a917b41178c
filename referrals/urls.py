"""Pages of referrals: the sender's side (from the file), the receiver's inbox, the figures."""

from django.urls import path  # noqa: F401  (each side adds its routes)

app_name = "referrals"
urlpatterns: list = []
