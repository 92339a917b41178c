"""Every page and endpoint of work models, the directory and findings, for every role.

A page outside one's role answers 404; the file-bound page also 404s for another
organisation, and 403 for a colleague who may only read the file.
"""

import pytest

from participants.models import Consent
from tests.factories import ParticipantFactory
from tests.participants.factories import ConsentFactory
from workmodels import services as directory
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db

ROLES = ["org_admin", "coordinator", "social_worker", "volunteer", "researcher", "other_org_worker"]

# path: roles that get 200 (everyone else 404)
PAGES = {
    "/work-models/": set(ROLES),
    "/work-models/buddy/": set(ROLES),
    "/work-models/buddy/additions/": {"org_admin"},
    "/work-models/directory/": set(ROLES),
    "/work-models/directory/new/": {
        "org_admin",
        "coordinator",
        "social_worker",
        "other_org_worker",
    },
    "/work-models/directory/import/": {
        "org_admin",
        "coordinator",
        "social_worker",
        "other_org_worker",
    },
    "/work-models/directory/export/": set(ROLES),
    "/findings/": set(ROLES),
    "/findings/coding/": {"org_admin", "researcher"},
    "/findings/focus-groups/": {"org_admin", "researcher"},
    "/findings/new/": {"org_admin", "researcher"},
    "/findings/dashboard/": {"org_admin", "coordinator", "researcher"},
    "/findings/dashboard/table.csv": {"org_admin", "coordinator", "researcher"},
    "/findings/dashboard/table.csv?by=gender": {"org_admin", "coordinator", "researcher"},
    "/findings/research-export/": {"org_admin", "researcher"},
    "/api/findings/": set(ROLES),
    "/api/what-works-for-whom/": {"org_admin", "coordinator", "researcher"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_answers_each_role(request, login, role, path):
    membership = request.getfixturevalue(role)
    response = login(membership).get(path)
    expected = 200 if role in PAGES[path] else 404
    assert response.status_code == expected, (role, path, response.status_code)


def test_pages_need_a_login(client):
    for path in PAGES:
        assert client.get(path).status_code in (302, 403, 404), path


@pytest.fixture
def entry(coordinator):
    return directory.initiative_create(
        membership=coordinator,
        data={"name": "Privé", "provider": "CAW", "shared": False},
        work_models=WorkModel.objects.filter(code="buddy"),
    )


def test_a_private_entry_is_out_of_reach_of_other_organisations(
    entry, other_org_admin, coordinator, volunteer, login
):
    assert login(other_org_admin).get(f"/work-models/directory/{entry.pk}/").status_code == 404
    assert login(other_org_admin).get(f"/work-models/directory/{entry.pk}/edit/").status_code == 404
    assert (
        login(other_org_admin).post(f"/work-models/directory/{entry.pk}/delete/").status_code == 404
    )
    assert login(volunteer).get(f"/work-models/directory/{entry.pk}/").status_code == 200
    assert login(volunteer).get(f"/work-models/directory/{entry.pk}/edit/").status_code == 404
    assert login(coordinator).get(f"/work-models/directory/{entry.pk}/edit/").status_code == 200


@pytest.fixture
def file(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    ConsentFactory(participant=participant, purpose=Consent.Purpose.FILE)
    return participant


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("social_worker", 200),
        ("colleague", 404),  # no team access: the file is out of reach
        ("org_admin", 404),  # reads files, never chooses in them
        ("coordinator", 404),
        ("volunteer", 404),
        ("researcher", 404),
        ("other_org_worker", 404),
    ],
)
def test_choosing_a_model_is_for_the_files_social_worker(request, login, file, role, expected):
    membership = request.getfixturevalue(role)
    response = login(membership).get(f"/findings/participants/{file.pk}/choose/")
    assert response.status_code == expected


def test_a_colleague_with_team_access_may_not_choose(file, colleague, login):
    colleague.organisation.team_access = True
    colleague.organisation.save()
    assert login(colleague).get(f"/findings/participants/{file.pk}/choose/").status_code == 403


def test_focus_groups_of_another_organisation_are_out_of_reach(researcher, other_org_admin, login):
    from findings import services

    group = services.focus_group_create(
        membership=researcher, data={"held_on": "2025-01-01", "kind": "mixed", "people": 5}
    )
    assert login(researcher).get(f"/findings/focus-groups/{group.pk}/").status_code == 200
    assert login(other_org_admin).get(f"/findings/focus-groups/{group.pk}/").status_code == 404
