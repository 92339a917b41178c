"""Pages of referrals: the sender's side (from the file), the receiver's inbox, the figures."""

from django.urls import path

from .views import figures

app_name = "referrals"
urlpatterns: list = [
    path("figures/", figures.figures, name="figures"),
    path("figures.csv", figures.figures_csv, name="figures_csv"),
    path("figures/netwerk/", figures.figures_instance, name="figures_instance"),
    path("figures/netwerk.csv", figures.figures_instance_csv, name="figures_instance_csv"),
]
