from django.urls import path

from . import audit_views, device_views, views

urlpatterns = [
    path("organisation/switch/", views.organisation_switch, name="organisation_switch"),
    path("organisation/people/", views.members, name="organisation_members"),
    path("organisation/people/invite/", views.invite, name="organisation_invite"),
    path(
        "organisation/people/<int:pk>/",
        views.membership_edit,
        name="organisation_membership_edit",
    ),
    path(
        "organisation/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path("organisation/settings/", views.organisation_settings, name="organisation_settings"),
    path("organisation/audit/", audit_views.audit_list, name="organisation_audit"),
    path("organisation/audit/export/", audit_views.audit_export, name="organisation_audit_export"),
    path("organisation/phones/", device_views.organisation_phones, name="organisation_phones"),
    path(
        "organisation/phones/<int:pk>/forget/",
        device_views.organisation_phone_forget,
        name="organisation_phone_forget",
    ),
    path("my/phones/", device_views.my_phones, name="my_phones"),
    path("my/phones/<int:pk>/forget/", device_views.my_phone_forget, name="my_phone_forget"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
