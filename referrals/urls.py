"""Pages of referrals: the sender's side (from the file), the receiver's inbox, the figures."""

from django.urls import path

from .views import figures, inbox, inbox_thread, sender, sender_file

app_name = "referrals"
urlpatterns: list = [
    # The sending side.
    path("sent/", sender.sender_list, name="sender_list"),
    path("sent/<int:referral_pk>/", sender.sender_detail, name="sender_detail"),
    path("sent/<int:referral_pk>/letter/", sender.sender_letter, name="sender_letter"),
    path("sent/<int:referral_pk>/email/", sender.sender_email, name="sender_email"),
    path("sent/<int:referral_pk>/withdraw/", sender.sender_withdraw, name="sender_withdraw"),
    path("file/<int:participant_pk>/refer/", sender.sender_refer, name="sender_refer"),
    path("file/<int:participant_pk>/sent/", sender_file.sender_file_card, name="sender_file_card"),
    # The figures.
    path("figures/", figures.figures, name="figures"),
    path("figures.csv", figures.figures_csv, name="figures_csv"),
    path("figures/netwerk/", figures.figures_instance, name="figures_instance"),
    path("figures/netwerk.csv", figures.figures_instance_csv, name="figures_instance_csv"),
    # The receiving side (the inbox) and the thread both sides post to.
    path("inbox/", inbox.inbox_list, name="inbox_list"),
    path("inbox/<int:pk>/", inbox.inbox_detail, name="inbox_detail"),
    path("inbox/<int:pk>/accept/", inbox.inbox_accept, name="inbox_accept"),
    path("inbox/<int:pk>/decline/", inbox.inbox_decline, name="inbox_decline"),
    path("inbox/<int:pk>/first-contact/", inbox.inbox_first_contact, name="inbox_first_contact"),
    path("inbox/<int:pk>/end/", inbox.inbox_end, name="inbox_end"),
    path("<int:pk>/messages/", inbox_thread.thread_post, name="thread_post"),
]
