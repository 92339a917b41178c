"""The network pages as people meet them: the editor with and without htmx, snapshots and their
comparison, measurements, plans, the printable summary; who may see what; query counts."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from netwerk.forms import INVALID_FORM_STATUS
from participants.models import (
    Instrument,
    Measurement,
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    OrganisationInstrument,
)
from participants.services import network as svc
from participants.services import network_ties as tie_svc
from tests.participants.factories import enable_team_access

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SECTORS = ["family", "friends", "neighbours", "professionals", "peers", "clubs"]
RINGS = ["very_close", "close", "acquaintance", "services"]


def url(participant, rest=""):
    return f"/participants/{participant.pk}/network/{rest}"


def member_post(**fields):
    data = {
        "member-label": "Zus Leen",
        "member-sector": "family",
        "member-ring": "very_close",
        "member-support": ["emotional", "practical"],
        "member-direction": "mutual",
        "member-frequency": "weekly",
        "member-known_for": "over_5",
    }
    data.update({f"member-{key}": value for key, value in fields.items()})
    return data


def fill_map(membership, participant, count):
    for index in range(count):
        svc.network_member_create(
            membership=membership,
            participant=participant,
            data={
                "label": f"Persoon {index}",
                "sector": SECTORS[index % len(SECTORS)],
                "ring": RINGS[index % len(RINGS)],
                "support": ["practical"] if index % 2 else ["emotional", "companionship"],
                "direction": "mutual",
                "frequency": "weekly",
            },
        )


def link_members(membership, participant):
    """Ties between members, each with an origin: every member knows the next two."""
    members = list(NetworkMember.objects.filter(participant=participant).order_by("id"))
    known = set(MemberTie.objects.values_list("member_a_id", "member_b_id"))
    for index, member in enumerate(members):
        for other in members[index + 1 : index + 3]:
            if (member.pk, other.pk) not in known:
                tie_svc.member_tie_create(
                    membership=membership,
                    participant=participant,
                    data={"member_a": member, "member_b": other, "origin": "group"},
                )


def svg_of(content: str, id_prefix: str) -> ET.Element:
    start = content.index(f'aria-labelledby="{id_prefix}-title')
    start = content.rindex("<svg", 0, start)
    end = content.index("</svg>", start) + len("</svg>")
    return ET.fromstring(content[start:end])  # noqa: S314 (our own output)


# --- The editor --------------------------------------------------------------------------------


def test_adding_a_member_with_htmx_returns_the_editor_with_the_new_mark(
    social_worker, participant, login
):
    response = login(social_worker).post(
        url(participant, "members/"), member_post(), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="network-editor"')
    assert "Zus Leen" in content
    root = svg_of(content, "map-now")
    assert len([g for g in root.iter() if "nw-member" in (g.get("class") or "")]) == 1
    assert NetworkMember.objects.get().support == ["emotional", "practical"]


def test_without_javascript_adding_a_member_redirects_to_the_map(social_worker, participant, login):
    response = login(social_worker).post(url(participant, "members/"), member_post())
    assert response.status_code == 302
    assert response.url.endswith("/network/#network-editor")


def test_a_member_with_errors_keeps_what_was_typed_and_saves_nothing(
    social_worker, participant, login
):
    client = login(social_worker)
    response = client.post(
        url(participant, "members/"),
        member_post(sector="", label="Oom Jef"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == INVALID_FORM_STATUS
    assert 'value="Oom Jef"' in response.content.decode()
    response = client.post(url(participant, "members/"), member_post(ring="far"))
    assert response.status_code == 400
    assert not NetworkMember.objects.exists()


def test_editing_moves_a_member_and_removing_takes_it_off(social_worker, participant, login):
    client = login(social_worker)
    fill_map(social_worker, participant, 1)
    member = NetworkMember.objects.get()
    form = client.get(url(participant, f"members/{member.pk}/"), HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<form" in form.content.decode()
    prefix = f"edit-{member.pk}"
    data = {
        f"{prefix}-label": "Persoon 0",
        f"{prefix}-sector": "friends",
        f"{prefix}-ring": "close",
        f"{prefix}-support": ["practical"],
    }
    saved = client.post(url(participant, f"members/{member.pk}/"), data, HTTP_HX_REQUEST="true")
    assert saved["HX-Retarget"] == "#network-editor"
    member.refresh_from_db()
    assert (member.sector, member.ring) == ("friends", "close")
    removed = client.post(url(participant, f"members/{member.pk}/delete/"), {"confirm": "yes"})
    assert removed.status_code == 302
    assert not NetworkMember.objects.exists()


# --- Snapshots, comparison, measurements --------------------------------------------------------


def test_a_baseline_and_a_follow_up_are_compared_side_by_side(social_worker, participant, login):
    client = login(social_worker)
    fill_map(social_worker, participant, 3)
    first = NetworkMember.objects.order_by("id").first()
    client.post(
        url(participant, "snapshots/"),
        {
            "snapshot-taken_on": (TODAY - datetime.timedelta(days=90)).isoformat(),
            "snapshot-kind": "baseline",
        },
    )
    svc.network_member_delete(membership=social_worker, member=first)
    client.post(url(participant, "members/"), member_post(label="Nieuwe buurvrouw"))
    response = client.post(
        url(participant, "snapshots/"),
        {"snapshot-taken_on": TODAY.isoformat(), "snapshot-kind": "follow_up"},
    )
    assert response.status_code == 302
    assert NetworkSnapshot.objects.count() == 2
    page = client.get(url(participant, "compare/")).content.decode()
    assert "Nieuwe buurvrouw" in page and "Persoon 0" in page
    before, after = svg_of(page, "map-before"), svg_of(page, "map-after")
    assert any("nw-lost" in (g.get("class") or "") for g in before.iter())
    assert any("nw-added" in (g.get("class") or "") for g in after.iter())


def test_a_snapshot_in_the_future_shows_a_translated_error(social_worker, participant, login):
    response = login(social_worker).post(
        url(participant, "snapshots/"),
        {
            "snapshot-taken_on": (TODAY + datetime.timedelta(days=2)).isoformat(),
            "snapshot-kind": "baseline",
        },
    )
    assert response.status_code == 400
    assert not NetworkSnapshot.objects.exists()


def test_recording_an_lsns_measurement_through_the_form(social_worker, participant, login):
    instrument = Instrument.objects.get(code="lsns6")
    OrganisationInstrument.objects.create(
        organisation=social_worker.organisation, instrument=instrument
    )
    client = login(social_worker)
    form_url = url(participant, f"measurements/new/{instrument.pk}/")
    assert client.get(form_url).status_code == 200
    answers = {f"item_lsns_{i}": "two" for i in range(1, 7)}
    response = client.post(form_url, {"taken_on": TODAY.isoformat(), **answers})
    assert response.status_code == 302
    assert Measurement.objects.get().total == 12
    missing = client.post(form_url, {"taken_on": TODAY.isoformat(), **answers, "item_lsns_6": ""})
    assert missing.status_code == 400
    assert "(1 ontbreekt): vraag 6." in missing.content.decode()  # a number, not `lsns_6`
    assert "lsns_6." not in missing.content.decode()
    assert Measurement.objects.count() == 1
    page = client.get(url(participant)).content.decode()
    assert 'class="nw-threshold"' in page  # the chart draws the cut-off
    assert "Familie: 6, Vrienden: 6" in page  # subscales by name, never "family: 6"
    assert "family:" not in page


def test_an_instrument_not_enabled_is_not_found(social_worker, participant, login):
    instrument = Instrument.objects.get(code="djg6")
    response = login(social_worker).get(url(participant, f"measurements/new/{instrument.pk}/"))
    assert response.status_code == 404


def test_the_print_summary_speaks_the_participants_language(social_worker, participant, login):
    participant.languages = ["ar", "en"]
    participant.save()
    fill_map(social_worker, participant, 2)
    content = login(social_worker).get(url(participant, "print/")).content.decode()
    assert "My goals" in content and 'lang="en"' in content


# --- Who may see what ---------------------------------------------------------------------------

READ_PAGES = ["", "compare/", "charts/", "print/"]


@pytest.mark.parametrize("path", READ_PAGES)
def test_readers_of_the_file_read_the_network_and_it_is_audited(
    path, social_worker, colleague, org_admin, participant, login
):
    enable_team_access(colleague)
    for reader in (social_worker, colleague, org_admin):
        response = login(reader).get(url(participant, path))
        assert response.status_code in (200, 302)
    assert AuditEvent.objects.filter(action="read", object_id=str(participant.pk)).count() == 3


@pytest.mark.parametrize(
    "role", ["coordinator", "volunteer", "researcher", "other_org_worker", "other_org_admin"]
)
@pytest.mark.parametrize("path", [*READ_PAGES, "members/1/"])
def test_other_roles_and_organisations_get_404(request, role, path, participant, login):
    response = login(request.getfixturevalue(role)).get(url(participant, path))
    assert response.status_code == 404


def test_a_colleague_without_team_access_gets_404(colleague, participant, login):
    assert login(colleague).get(url(participant)).status_code == 404


def test_read_only_readers_cannot_change_the_map(
    colleague, org_admin, social_worker, participant, login
):
    enable_team_access(colleague)
    fill_map(social_worker, participant, 1)
    member = NetworkMember.objects.get()
    for reader in (colleague, org_admin):
        client = login(reader)
        page = client.get(url(participant)).content.decode()
        assert "Toevoegen aan de kaart" not in page and "Add to the map" not in page
        assert client.post(url(participant, "members/"), member_post()).status_code in (403, 404)
        delete = url(participant, f"members/{member.pk}/delete/")
        assert client.post(delete, {"confirm": "yes"}).status_code in (
            403,
            404,
        )
        snapshot = {"snapshot-taken_on": TODAY.isoformat(), "snapshot-kind": "baseline"}
        assert client.post(url(participant, "snapshots/"), snapshot).status_code in (403, 404)
    assert NetworkMember.objects.count() == 1
    assert not NetworkSnapshot.objects.exists()


# --- Query counts -------------------------------------------------------------------------------


def _queries(client, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["", "charts/", "print/"])
def test_network_pages_use_the_same_number_of_queries_for_3_and_60_members(
    path, social_worker, participant, login, django_assert_max_num_queries
):
    client = login(social_worker)
    fill_map(social_worker, participant, 3)
    link_members(social_worker, participant)
    svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    small = _queries(client, url(participant, path), django_assert_max_num_queries)
    fill_map(social_worker, participant, 57)
    link_members(social_worker, participant)
    svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="follow_up"
    )
    assert _queries(client, url(participant, path), django_assert_max_num_queries) == small


def test_the_file_page_uses_the_same_number_of_queries_for_3_and_60_members(
    social_worker, participant, login, django_assert_max_num_queries
):
    client = login(social_worker)
    fill_map(social_worker, participant, 3)
    small = _queries(client, f"/participants/{participant.pk}/", django_assert_max_num_queries)
    fill_map(social_worker, participant, 57)
    page = client.get(f"/participants/{participant.pk}/").content.decode()
    assert url(participant, "charts/") in page
    assert (
        _queries(client, f"/participants/{participant.pk}/", django_assert_max_num_queries) == small
    )
