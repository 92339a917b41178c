"""Focus groups, quotes and findings: bad input gets clear errors; coding links quotes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent
from findings import selectors, services
from findings.models import QUOTE_MAX_LENGTH, Finding
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db


def group(membership):
    return services.focus_group_create(
        membership=membership,
        data={"held_on": datetime.date(2025, 3, 1), "kind": "experience_experts", "people": 6},
    )


def test_the_study_findings_and_attention_points_are_seeded_with_their_source():
    seeded = Finding.objects.filter(organisation=None)
    kinds = set(seeded.values_list("kind", flat=True))
    assert kinds == {"precondition", "attention_point"}
    assert seeded.filter(kind="attention_point").count() == 4
    assert all("Odisee" in finding.source for finding in seeded)
    assert seeded.filter(statement_nl__icontains="digitale kloof").exists()


def test_a_quote_longer_than_allowed_is_refused_clearly(researcher):
    focus_group = group(researcher)
    with pytest.raises(ValidationError) as error:
        services.quote_add(
            membership=researcher,
            focus_group=focus_group,
            text="x" * (QUOTE_MAX_LENGTH + 1),
            speaker_kind="professional",
        )
    assert str(QUOTE_MAX_LENGTH) in str(error.value)


def test_a_finding_without_a_kind_is_refused_clearly(researcher):
    with pytest.raises(ValidationError) as error:
        services.finding_create(membership=researcher, data={"kind": "", "statement_nl": "Iets"})
    assert "sterkte" in str(error.value.message_dict["kind"])


def test_social_workers_and_coordinators_do_not_code(social_worker, coordinator):
    for membership in (social_worker, coordinator):
        with pytest.raises(PermissionDenied):
            group(membership)


def test_the_coding_view_lists_quotes_until_they_support_a_finding(researcher):
    focus_group = group(researcher)
    quote = services.quote_add(
        membership=researcher,
        focus_group=focus_group,
        text="Ik kwam buiten.",
        speaker_kind="experience_expert",
    )
    assert list(selectors.quotes_uncoded(researcher)) == [quote]
    finding = services.finding_create(
        membership=researcher,
        data={
            "kind": "strength",
            "work_model": WorkModel.objects.get(code="buddy"),
            "statement_nl": "Een vast gezicht",
        },
        quotes=[quote],
    )
    assert list(selectors.quotes_uncoded(researcher)) == []
    shown = selectors.findings_by_model(researcher)[finding.work_model_id]
    assert shown[0].groups_raising == 1
    assert AuditEvent.objects.filter(object_type="findings.finding").exists()


def test_another_organisations_quotes_cannot_be_linked(researcher, other_org_admin):
    quote = services.quote_add(
        membership=researcher,
        focus_group=group(researcher),
        text="Ja.",
        speaker_kind="professional",
    )
    finding = services.finding_create(
        membership=other_org_admin, data={"kind": "weakness", "statement_nl": "Wachtlijsten"}
    )
    with pytest.raises(PermissionDenied):
        services.finding_link_quotes(membership=other_org_admin, finding=finding, quotes=[quote])


def test_organisation_findings_stay_with_the_organisation(researcher, other_org_admin):
    services.finding_create(
        membership=researcher, data={"kind": "weakness", "statement_nl": "Eigen bevinding"}
    )
    theirs = [f.statement_nl for f in selectors.findings_visible_to(other_org_admin)]
    assert "Eigen bevinding" not in theirs
    assert len(theirs) == Finding.objects.filter(organisation=None).count()
