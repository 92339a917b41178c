from django.urls import path

from . import inbox

urlpatterns: list = [
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
]
