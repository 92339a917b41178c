"""The technical admin changes no case record: writes go through the services, which check the
rules and keep the audit trail, the history and the reminders (one write path)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from buddies.models import Match
from tests.buddies.conftest import make_request, make_volunteer
from tests.factories import UserFactory

# Platform staff keep these in the admin; each reason says why it is not a case record.
WRITABLE = {
    "accounts.User": "log-in accounts: platform staff deactivate people and reset staff flags",
    "accounts.Organisation": "platform staff create organisations (there is no page for it)",
    "workmodels.WorkModel": "the seven models' names; adding and deleting are refused",
}


OWN_APPS = {
    "accounts",
    "participants",
    "workmodels",
    "buddies",
    "groups",
    "findings",
    "notifications",
}


def _admins():
    """The project's own models' admins and their inlines (libraries' admins, such as
    allauth's e-mail addresses or Celery beat's schedule, hold no case records)."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OWN_APPS:
            continue
        yield model._meta.label, model_admin
        for inline in model_admin.inlines:
            yield (
                f"{inline.model._meta.label} (inline in {model._meta.label})",
                inline(model, admin.site),
            )


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def test_every_admin_but_the_listed_ones_is_read_only(superuser_request):
    writable = []
    for label, model_admin in _admins():
        if label in WRITABLE:
            continue
        if isinstance(model_admin, admin.options.InlineModelAdmin):
            rights = (
                model_admin.has_add_permission(superuser_request, None),
                model_admin.has_change_permission(superuser_request),
                model_admin.has_delete_permission(superuser_request),
            )
        else:
            rights = (
                model_admin.has_add_permission(superuser_request),
                model_admin.has_change_permission(superuser_request),
                model_admin.has_delete_permission(superuser_request),
            )
        if any(rights):
            writable.append(label)
    assert writable == []


def test_the_list_of_writable_admins_names_registered_models():
    registered = {model._meta.label for model in admin.site._registry}
    assert set(WRITABLE) <= registered


def test_the_read_only_admin_pages_open(superuser_request, client, match_for_admin):
    client.force_login(superuser_request.user)
    for url in ["/admin/buddies/match/", f"/admin/buddies/match/{match_for_admin.pk}/change/"]:
        assert client.get(url).status_code == 200
    assert client.post(f"/admin/buddies/match/{match_for_admin.pk}/change/", {}).status_code == 403


@pytest.fixture
def match_for_admin(organisation, social_worker, coordinator, volunteer):
    buddy = make_volunteer(organisation, membership=volunteer)
    request = make_request(social_worker)
    return Match.objects.create(
        organisation=organisation,
        request=request,
        participant=request.participant,
        volunteer=buddy,
        status=Match.Status.ACTIVE,
        proposed_by=coordinator.user,
    )
