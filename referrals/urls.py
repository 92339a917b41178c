"""Pages of referrals: the sender's side (from the file), the receiver's inbox, the figures."""

from django.urls import path

from .views import inbox, inbox_thread

app_name = "referrals"
urlpatterns: list = [
    # The receiving side (the inbox) and the thread both sides post to.
    path("inbox/", inbox.inbox_list, name="inbox_list"),
    path("inbox/<int:pk>/", inbox.inbox_detail, name="inbox_detail"),
    path("inbox/<int:pk>/accept/", inbox.inbox_accept, name="inbox_accept"),
    path("inbox/<int:pk>/decline/", inbox.inbox_decline, name="inbox_decline"),
    path("inbox/<int:pk>/first-contact/", inbox.inbox_first_contact, name="inbox_first_contact"),
    path("inbox/<int:pk>/end/", inbox.inbox_end, name="inbox_end"),
    path("<int:pk>/messages/", inbox_thread.thread_post, name="thread_post"),
]
