from django.urls import path

from . import figures

urlpatterns: list = [
    path("referrals/figures/", figures.ReferralFiguresView.as_view(), name="api_referral_figures"),
    path(
        "referrals/figures/netwerk/",
        figures.InstanceReferralFiguresView.as_view(),
        name="api_referral_figures_instance",
    ),
]
