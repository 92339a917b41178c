from django.urls import path

from . import views, views_sms

app_name = "notifications"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("<int:pk>/open/", views.reminder_open, name="open"),
    path("<int:pk>/done/", views.reminder_done, name="done"),
    path("read-all/", views.reminder_read_all, name="read_all"),
    path("preference/", views.preference, name="preference"),
    path("rules/", views.rules_admin, name="rules"),
    path("sms/inbox/", views_sms.sms_inbox, name="sms_inbox"),
    path("sms/inbox/<int:pk>/handled/", views_sms.sms_inbox_handled, name="sms_inbox_handled"),
    # Called by the SMS gateway (Kannel), with a secret token: not pages, not in the API.
    path("sms/inbound/", views_sms.sms_inbound, name="sms_inbound"),
    path("sms/delivery/<int:pk>/", views_sms.sms_delivery_report, name="sms_delivery_report"),
]
