import pytest

from accounts.models import Role
from participants.models import Instrument, OrganisationInstrument
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_org_admin_enables_an_instrument_with_its_permission(org_admin, login):
    instrument = Instrument.objects.get(code="lsns6")
    client = login(org_admin)
    assert "Lubben" in client.get("/participants/instruments/").content.decode()
    response = client.post(
        f"/participants/instruments/{instrument.pk}/",
        {f"i{instrument.pk}-permission_note": "Licentie aangevraagd en gekregen, 3/2026"},
    )
    assert response.status_code == 302
    enabled = OrganisationInstrument.objects.get(organisation=org_admin.organisation)
    assert enabled.instrument == instrument
    client.post(f"/participants/instruments/{instrument.pk}/", {"action": "disable"})
    assert not OrganisationInstrument.objects.exists()


def test_enabling_needs_a_permission_note(org_admin, login):
    instrument = Instrument.objects.get(code="djg6")
    login(org_admin).post(f"/participants/instruments/{instrument.pk}/", {})
    assert not OrganisationInstrument.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER]
)
def test_only_org_admins_manage_instruments(organisation, role, login):
    instrument = Instrument.objects.get(code="djg6")
    client = login(MembershipFactory(organisation=organisation, role=role))
    assert client.get("/participants/instruments/").status_code == 404
    response = client.post(
        f"/participants/instruments/{instrument.pk}/", {f"i{instrument.pk}-permission_note": "x"}
    )
    assert response.status_code == 404
    assert not OrganisationInstrument.objects.exists()
