from django.urls import path

from . import figures, inbox, sender

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
    # The receiving side's inbox.
    path("referrals/inbox/", inbox.InboxListView.as_view(), name="api_referral_inbox"),
    path(
        "referrals/inbox/<int:pk>/",
        inbox.InboxDetailView.as_view(),
        name="api_referral_inbox_item",
    ),
    path(
        "referrals/inbox/<int:pk>/accept/",
        inbox.InboxAcceptView.as_view(),
        name="api_referral_inbox_accept",
    ),
    path(
        "referrals/inbox/<int:pk>/decline/",
        inbox.InboxDeclineView.as_view(),
        name="api_referral_inbox_decline",
    ),
    path(
        "referrals/inbox/<int:pk>/steps/",
        inbox.InboxStepView.as_view(),
        name="api_referral_inbox_steps",
    ),
    path(
        "referrals/inbox/<int:pk>/messages/",
        inbox.InboxMessagesView.as_view(),
        name="api_referral_inbox_messages",
    ),
    # The figures.
    path("referrals/figures/", figures.ReferralFiguresView.as_view(), name="api_referral_figures"),
    path(
        "referrals/figures/netwerk/",
        figures.InstanceReferralFiguresView.as_view(),
        name="api_referral_figures_instance",
    ),
]
