"""A likely duplicate (same name and birth year, same phone or same e-mail, among the files the
user can see) is flagged when a file is created or imported: open the existing file, or go on."""

import pytest

from accounts.forms import InvitationForm
from accounts.models import Role
from participants.models import Participant
from participants.selectors.duplicates import likely_duplicates
from tests.factories import ParticipantFactory

from .test_import_export import _csv, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(social_worker):
    return ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Amina",
        last_name="El Idrissi",
        birth_year=1985,
        phone="0470 12 34 56",
        email="amina@example.org",
    )


class TestTheSelector:
    def test_same_name_and_birth_year_whatever_the_case(self, existing, social_worker):
        found = likely_duplicates(
            social_worker, first_name="amina", last_name="EL IDRISSI", birth_year=1985
        )
        assert [d.participant for d in found] == [existing]
        assert found[0].reasons == ["zelfde naam en geboortejaar"]

    def test_a_namesake_born_in_another_year_is_someone_else(self, existing, social_worker):
        assert not likely_duplicates(
            social_worker, first_name="Amina", last_name="El Idrissi", birth_year=1990
        )

    @pytest.mark.parametrize("phone", ["+32 470 12 34 56", "0470/12.34.56", "0032470123456"])
    def test_the_same_phone_however_it_is_written(self, existing, social_worker, phone):
        assert [d.participant for d in likely_duplicates(social_worker, phone=phone)] == [existing]

    def test_the_same_e_mail_whatever_the_case(self, existing, social_worker):
        found = likely_duplicates(social_worker, email="AMINA@example.org")
        assert [d.participant for d in found] == [existing]

    def test_files_out_of_reach_are_never_hinted_at(self, existing, other_org_worker, colleague):
        for membership in (other_org_worker, colleague):  # no team access: not visible
            assert not likely_duplicates(membership, email="amina@example.org")


FORM = {
    "first_name": "Amina",
    "last_name": "El Idrissi",
    "birth_year": "1985",
    "languages": ["nl"],
    "file_consent": "oral",
}


class TestCreatingAFile:
    def test_a_likely_duplicate_is_shown_with_a_link_and_nothing_is_created(
        self, existing, social_worker, login
    ):
        response = login(social_worker).post("/participants/new/", FORM)
        html = response.content.decode()
        assert response.status_code == 200
        assert f'href="/participants/{existing.pk}/"' in html
        assert "zelfde naam en geboortejaar" in html
        assert 'name="create_anyway"' in html
        assert 'value="El Idrissi"' in html  # the input is kept
        assert Participant.objects.count() == 1

    def test_creating_anyway_opens_a_second_file(self, existing, social_worker, login):
        response = login(social_worker).post("/participants/new/", {**FORM, "create_anyway": "on"})
        assert response.status_code == 302
        assert Participant.objects.filter(first_name="Amina").count() == 2

    def test_no_warning_for_someone_new(self, social_worker, login):
        response = login(social_worker).post("/participants/new/", FORM)
        assert response.status_code == 302
        assert (
            'name="create_anyway"'
            not in login(social_worker).get("/participants/new/").content.decode()
        )


class TestImporting:
    ROWS = [
        ["Voornaam", "Achternaam", "Geboortejaar"],
        ["Amina", "El Idrissi", "1985"],
        ["Jan", "Peeters", "1960"],
    ]

    def test_the_preview_lists_likely_duplicates_per_row_and_asks_to_confirm(
        self, existing, social_worker, login
    ):
        client = login(social_worker)
        preview = _upload(client, _csv(self.ROWS))
        html = preview.content.decode()
        assert preview.status_code == 200
        assert "Rij 2" in html and f'href="/participants/{existing.pk}/"' in html
        assert 'name="duplicates_checked"' in html

        # Confirmed without ticking the box: nothing is imported, the file waits again.
        again = client.post("/participants/import/confirm/", {"token": preview.context["token"]})
        assert again.status_code == 200 and again.context["duplicates_unchecked"]
        assert Participant.objects.count() == 1

        done = client.post(
            "/participants/import/confirm/",
            {"token": again.context["token"], "duplicates_checked": "yes"},
        )
        assert done.status_code == 302
        assert Participant.objects.count() == 3

    def test_a_file_without_duplicates_needs_no_extra_confirmation(self, social_worker, login):
        client = login(social_worker)
        preview = _upload(client, _csv(self.ROWS))
        assert 'name="duplicates_checked"' not in preview.content.decode()
        client.post("/participants/import/confirm/", {"token": preview.context["token"]})
        assert Participant.objects.count() == 2


def test_the_invite_form_starts_at_the_least_powerful_role():
    form = InvitationForm()
    assert form.fields["role"].initial == Role.VOLUNTEER
    assert form.fields["role"].choices[0][0] == Role.VOLUNTEER
    assert form.fields["role"].choices[-1][0] == Role.ORG_ADMIN
