from django.urls import path

from . import figures, sender

urlpatterns: list = [
    # The sending side.
    path("referrals/sent/", sender.ReferralSentListView.as_view(), name="api_referral_sent_list"),
    path(
        "referrals/sent/<int:pk>/",
        sender.ReferralSentDetailView.as_view(),
        name="api_referral_sent",
    ),
    path(
        "referrals/sent/<int:pk>/withdraw-consent/",
        sender.ReferralConsentWithdrawView.as_view(),
        name="api_referral_sent_withdraw",
    ),
    # The figures.
    path("referrals/figures/", figures.ReferralFiguresView.as_view(), name="api_referral_figures"),
    path(
        "referrals/figures/netwerk/",
        figures.InstanceReferralFiguresView.as_view(),
        name="api_referral_figures_instance",
    ),
]
