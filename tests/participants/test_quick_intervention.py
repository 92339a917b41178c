"""The quick intervention form: who from the network took part (names from the map, kept on
the timeline), and after a save the work model stays while the kind starts over."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from participants import services
from participants.models import Intervention
from participants.rights.erasure import Reason, participant_anonymise
from participants.services import network as network_services

from .test_pages_files import _quick

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def sister(social_worker, participant):
    return network_services.network_member_create(
        membership=social_worker,
        participant=participant,
        data={"label": "Zus Leen", "sector": "family", "ring": "very_close", "support": []},
    )


def test_the_form_offers_the_people_on_the_map_and_the_timeline_names_them(
    social_worker, participant, sister, buddy_model, login
):
    client = login(social_worker)
    page = client.get(f"/participants/{participant.pk}/").content.decode()
    assert 'name="quick-network_people" value="Zus Leen"' in page
    response = client.post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, buddy_model, **{"quick-network_people": ["Zus Leen"]}),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Wie was erbij: De deelnemer, Mensen uit het netwerk — Zus Leen" in html
    assert Intervention.objects.get().network_people == ["Zus Leen"]
    # The saved form keeps the work model and starts the kind over.
    form = response.context["intervention_form"]
    assert form.initial["work_model"] == buddy_model.pk
    assert form.initial["kind"] == Intervention.Kind.CONVERSATION


def test_a_name_stays_on_the_timeline_after_the_person_leaves_the_map(
    social_worker, participant, sister, buddy_model, login
):
    client = login(social_worker)
    client.post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, buddy_model, **{"quick-network_people": ["Zus Leen"]}),
    )
    network_services.network_member_delete(membership=social_worker, member=sister)
    assert (
        "Mensen uit het netwerk — Zus Leen"
        in client.get(f"/participants/{participant.pk}/").content.decode()
    )


def test_a_name_not_on_the_map_is_refused_by_the_form(
    social_worker, participant, sister, buddy_model, login
):
    response = login(social_worker).post(
        f"/participants/{participant.pk}/interventions/",
        _quick(participant, buddy_model, **{"quick-network_people": ["Iemand anders"]}),
        HTTP_HX_REQUEST="true",
    )
    assert response.context["intervention_form"].errors["network_people"]
    assert not Intervention.objects.exists()


@pytest.mark.parametrize("people", [["x"] * 31, [""], [7], "Zus Leen", ["x" * 101]])
def test_the_service_refuses_absurd_lists(social_worker, participant, buddy_model, people):
    with pytest.raises(ValidationError) as error:
        services.intervention_create(
            membership=social_worker,
            participant=participant,
            data={
                "date": TODAY,
                "duration_minutes": 30,
                "work_model": buddy_model,
                "kind": "conversation",
                "network_people": people,
            },
        )
    assert "network_people" in error.value.message_dict


def test_anonymising_the_file_empties_the_names(
    social_worker, org_admin, participant, sister, buddy_model
):
    services.intervention_create(
        membership=social_worker,
        participant=participant,
        data={
            "date": TODAY,
            "duration_minutes": 30,
            "work_model": buddy_model,
            "kind": "conversation",
            "network_people": ["Zus Leen"],
        },
    )
    participant_anonymise(membership=org_admin, participant=participant, reason=Reason.REQUEST)
    assert Intervention.objects.get().network_people == []
