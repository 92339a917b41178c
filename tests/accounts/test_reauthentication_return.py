"""After the password prompt of an export, the person is back on the page they came from, and
the download starts there (with a link in case it does not)."""

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD, ParticipantFactory

pytestmark = pytest.mark.django_db


def _logged_in_long_ago(membership) -> Client:
    client = Client()
    client.force_login(membership.user)  # no recent password: exports ask for it
    return client


def _through_the_password_page(client, response, back):
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    after = client.post(response.url, {"password": TEST_PASSWORD})
    assert after.status_code == 302
    resumed = client.get(after.url)
    assert resumed.status_code == 302
    assert resumed.url == back
    return client.get(resumed.url)


def test_the_caseload_export_returns_to_the_caseload_and_starts_the_download(social_worker, login):
    ParticipantFactory(organisation=social_worker.organisation, social_worker=social_worker.user)
    client = _logged_in_long_ago(social_worker)
    export = "/participants/export/?format=csv&delimiter=comma"
    response = client.get(export, headers={"Referer": "http://testserver/participants/?page=1"})
    page = _through_the_password_page(client, response, "/participants/?page=1")
    html = page.content.decode()
    assert f'content="0;url={export.replace("&", "&amp;")}"' in html
    assert f'href="{export.replace("&", "&amp;")}" download' in html
    # Once: the next page starts nothing.
    assert "http-equiv" not in client.get("/participants/").content.decode()
    assert client.get(export).status_code == 200  # the password is fresh now


def test_the_audit_export_returns_to_the_filtered_trail(org_admin):
    client = _logged_in_long_ago(org_admin)
    response = client.post(
        "/organisation/audit/export/?action=read",
        headers={"Referer": "http://testserver/organisation/audit/?action=read"},
    )
    page = _through_the_password_page(client, response, "/organisation/audit/?action=read")
    assert "/organisation/audit/export/?action=read" in page.content.decode()
    download = client.get("/organisation/audit/export/?action=read")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"


def test_a_foreign_referer_leads_home_not_away(social_worker):
    client = _logged_in_long_ago(social_worker)
    response = client.get(
        "/participants/export/?format=csv", headers={"Referer": "https://evil.example/x"}
    )
    assert _through_the_password_page(client, response, "/").status_code == 200


def test_the_resume_page_without_a_pending_download_goes_home(social_worker, login):
    response = login(social_worker).get("/download/")
    assert response.status_code == 302 and response.url == "/"
