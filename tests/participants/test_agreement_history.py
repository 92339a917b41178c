"""Family plan agreements keep their status history (who, when, from → to), shown on the plan;
the printable summary marks what is done and has a print button."""

import pytest
from django.utils.html import escape

from participants.models import AgreementStatusChange
from participants.services import family_plans as svc
from tests.participants.test_family_plans_services import own_network, plan_for  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(social_worker, own_network):  # noqa: F811
    plan = plan_for(social_worker, own_network)
    return svc.agreement_add(
        membership=social_worker,
        plan=plan,
        data={"what": "Boodschappen op zaterdag", "carried_by": "Buurvrouw Mia"},
    )


def test_making_an_agreement_starts_its_history(agreement, social_worker):
    (start,) = AgreementStatusChange.objects.filter(agreement=agreement)
    assert (start.from_status, start.to_status) == ("", "open")
    assert start.changed_by == social_worker.user


def test_each_status_change_is_kept_with_who_and_from_to(agreement, social_worker, colleague):
    svc.agreement_update(membership=social_worker, agreement=agreement, data={"status": "partly"})
    svc.agreement_update(membership=social_worker, agreement=agreement, data={"note": "Gaat."})
    svc.agreement_update(membership=social_worker, agreement=agreement, data={"status": "done"})
    steps = list(
        AgreementStatusChange.objects.filter(agreement=agreement).values_list(
            "from_status", "to_status", "changed_by"
        )
    )
    user = social_worker.user.pk
    assert steps == [("", "open", user), ("open", "partly", user), ("partly", "done", user)]


def test_the_plan_shows_the_history(agreement, social_worker, login):
    svc.agreement_update(membership=social_worker, agreement=agreement, data={"status": "done"})
    page = login(social_worker).get(f"/participants/{agreement.plan.participant_id}/network/")
    html = page.content.decode()
    assert "Statusgeschiedenis" in html
    assert "Nog niet geëvalueerd → Gedaan" in html
    assert escape(social_worker.user.full_name) in html


def test_the_printable_summary_marks_what_is_done_and_has_a_print_button(
    agreement, social_worker, login
):
    svc.agreement_add(
        membership=social_worker,
        plan=agreement.plan,
        data={"what": "Samen naar de huisarts", "carried_by": "Zus"},
    )
    svc.agreement_update(membership=social_worker, agreement=agreement, data={"status": "done"})
    page = login(social_worker).get(f"/participants/{agreement.plan.participant_id}/network/print/")
    html = page.content.decode()
    done = html.split("Boodschappen op zaterdag")[0].rsplit("<li", 1)[1]
    assert "✓" in done and "nw-agreement-done" in done
    assert "gedaan</strong>" in html.split("Boodschappen op zaterdag")[1].split("</li>")[0]
    assert "nw-agreement-open" in html  # the one still to do is not marked done
    assert "data-print" in html and "/static/js/print.js" in html


def test_the_history_is_part_of_everything_we_keep(agreement, social_worker):
    from participants.rights.export import export_data

    data = export_data(agreement.plan.participant)
    assert data["family_plan_agreement_status_changes"][0]["to_status"] == "open"
