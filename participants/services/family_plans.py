"""Family group plans and their agreements (work model `own_network`)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import apply_changes, audit
from workmodels.models import WorkModel

from ..models import (
    Agreement,
    AgreementStatusChange,
    FamilyPlan,
    NetworkMember,
    Participant,
    Trajectory,
)
from .common import require_file_consent, require_writer

PLAN_FIELDS = ("kind", "held_on", "evaluation_on", "evaluated_on", "fallback")
AGREEMENT_FIELDS = ("what", "member", "carried_by", "due_on", "status", "note")


def _check_plan(plan: FamilyPlan) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if plan.held_on and plan.held_on > today:
        errors["held_on"] = [_("Record the plan once the meeting took place.")]
    if plan.evaluation_on and plan.held_on and plan.evaluation_on < plan.held_on:
        errors["evaluation_on"] = [_("The evaluation comes after the meeting.")]
    if plan.evaluated_on and plan.evaluated_on > today:
        errors["evaluated_on"] = [_("An evaluation cannot be in the future.")]
    if errors:
        raise ValidationError(errors)


def _require_own_network(participant: Participant) -> None:
    chose_it = Trajectory.objects.filter(
        participant=participant, work_model__code=WorkModel.Code.OWN_NETWORK
    ).exists()
    if not chose_it:
        raise ValidationError(
            _(
                "A family group plan belongs to the work model “Personal network”: record "
                "first that the participant chose it."
            )
        )


@transaction.atomic
def family_plan_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> FamilyPlan:
    require_writer(membership, participant)
    require_file_consent(participant)
    _require_own_network(participant)
    data = {key: value for key, value in data.items() if key in PLAN_FIELDS}
    plan = FamilyPlan(participant=participant, created_by=membership.user, **data)
    _check_plan(plan)
    plan.full_clean()
    plan.save()
    audit(membership, AuditEvent.Action.CREATE, plan, data.keys())
    return plan


@transaction.atomic
def family_plan_update(
    *, membership: Membership, plan: FamilyPlan, data: dict[str, Any]
) -> FamilyPlan:
    require_writer(membership, plan.participant)
    require_file_consent(plan.participant)
    data = {key: value for key, value in data.items() if key in PLAN_FIELDS}
    changed = apply_changes(plan, data)
    _check_plan(plan)
    if changed:
        plan.full_clean()
        plan.save()
        audit(membership, AuditEvent.Action.UPDATE, plan, changed)
    return plan


def _check_agreement(agreement: Agreement) -> None:
    participant_id = agreement.plan.participant_id
    if agreement.member_id and agreement.member.participant_id != participant_id:
        raise ValidationError({"member": _("Choose someone from this participant's network.")})
    if not agreement.member_id and not agreement.carried_by.strip():
        raise ValidationError(
            {"member": _("Say who carries this agreement: a network member or a name.")}
        )


def _member(value: Any) -> NetworkMember | None:
    if value in (None, ""):
        return None
    if isinstance(value, NetworkMember):
        return value
    return NetworkMember.objects.filter(pk=value).first()


@transaction.atomic
def agreement_add(*, membership: Membership, plan: FamilyPlan, data: dict[str, Any]) -> Agreement:
    require_writer(membership, plan.participant)
    require_file_consent(plan.participant)
    data = {key: value for key, value in data.items() if key in AGREEMENT_FIELDS}
    if "member" in data:
        data["member"] = _member(data["member"])
    agreement = Agreement(plan=plan, **data)
    _check_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    AgreementStatusChange.objects.create(
        agreement=agreement, to_status=agreement.status, changed_by=membership.user
    )
    audit(membership, AuditEvent.Action.CREATE, agreement, data.keys())
    return agreement


@transaction.atomic
def agreement_update(
    *, membership: Membership, agreement: Agreement, data: dict[str, Any]
) -> Agreement:
    require_writer(membership, agreement.plan.participant)
    require_file_consent(agreement.plan.participant)
    data = {key: value for key, value in data.items() if key in AGREEMENT_FIELDS}
    if "member" in data:
        data["member"] = _member(data["member"])
    status_before = agreement.status
    changed = apply_changes(agreement, data)
    _check_agreement(agreement)
    if changed:
        agreement.full_clean()
        agreement.save()
        if agreement.status != status_before:  # the agreement's story: who, when, from → to
            AgreementStatusChange.objects.create(
                agreement=agreement,
                from_status=status_before,
                to_status=agreement.status,
                changed_by=membership.user,
            )
        audit(membership, AuditEvent.Action.UPDATE, agreement, changed)
    return agreement


@transaction.atomic
def agreement_delete(*, membership: Membership, agreement: Agreement) -> None:
    require_writer(membership, agreement.plan.participant)
    audit(membership, AuditEvent.Action.DELETE, agreement)
    agreement.delete()
