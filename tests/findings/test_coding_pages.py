"""The coding pages: a focus group's quotes are recorded, then linked to findings from the list
of quotes not yet coded; nothing crosses organisations."""

import datetime

import pytest

from findings import services
from findings.models import Finding, Quote
from netwerk.forms import INVALID_FORM_STATUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(researcher):
    group = services.focus_group_create(
        membership=researcher,
        data={"held_on": datetime.date(2025, 3, 1), "kind": "experience_experts", "people": 6},
    )
    return services.quote_add(
        membership=researcher,
        focus_group=group,
        text="Als ik wist dat ze er was, kwam ik buiten.",
        speaker_kind="experience_expert",
    )


def test_a_researcher_records_a_focus_group_and_its_quotes(researcher, login):
    client = login(researcher)
    response = client.post(
        "/findings/focus-groups/",
        {"held_on": "2025-04-02", "kind": "professionals", "people": "7", "place": "Gent"},
    )
    assert response.status_code == 302
    group = researcher.organisation.focus_groups.get()
    response = client.post(
        f"/findings/focus-groups/{group.pk}/",
        {"text": "We zien mensen opbloeien.", "speaker_kind": "professional"},
    )
    assert response.status_code == 302
    assert group.quotes.get().text == "We zien mensen opbloeien."
    too_long = client.post(
        f"/findings/focus-groups/{group.pk}/",
        {"text": "x" * 1001, "speaker_kind": "professional"},
    )
    assert too_long.status_code == INVALID_FORM_STATUS and "1000" in too_long.content.decode()
    assert group.quotes.count() == 1


def test_coding_links_a_quote_and_takes_it_off_the_list(quote, researcher, login):
    client = login(researcher)
    assert "kwam ik buiten" in client.get("/findings/coding/").content.decode()
    study = Finding.objects.filter(organisation=None).first()
    response = client.post(f"/findings/coding/quotes/{quote.pk}/", {"finding": study.pk})
    assert response.status_code == 302
    assert list(study.quotes.all()) == [quote]
    assert "kwam ik buiten" not in client.get("/findings/coding/").content.decode()


def test_another_organisations_quote_or_finding_is_out_of_reach(
    quote, researcher, other_org_admin, login
):
    theirs = services.finding_create(
        membership=other_org_admin, data={"kind": "weakness", "statement_nl": "Wachtlijsten"}
    )
    # Their quote: 404, whatever the finding.
    response = login(other_org_admin).post(
        f"/findings/coding/quotes/{quote.pk}/", {"finding": theirs.pk}
    )
    assert response.status_code == 404
    # Our quote with their finding: the finding is not among the choices, nothing is linked.
    login(researcher).post(f"/findings/coding/quotes/{quote.pk}/", {"finding": theirs.pk})
    assert not theirs.quotes.exists() and not Quote.objects.get(pk=quote.pk).findings.exists()
