"""Writes for organisations' additions to the work models and the directory of initiatives."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from netwerk.languages import LANGUAGE_CODES
from netwerk.services import audit

from .models import Initiative, WorkModel, WorkModelAddition
from .selectors import DIRECTORY_EDITORS

ADDITION_FIELDS = ("methods", "suits", "notes")
INITIATIVE_FIELDS = (
    "name",
    "provider",
    "municipalities",
    "area",
    "target_groups",
    "languages",
    "delivery",
    "cost",
    "sign_up",
    "contact",
    "contact_email",
    "run_by",
    "accessibility",
    "last_checked_on",
    "shared",
)


@transaction.atomic
def work_model_addition_save(
    *, membership: Membership, work_model: WorkModel, data: dict[str, Any]
) -> WorkModelAddition:
    """Org admins write their organisation's additions; the shared text stays as it is."""
    if membership.role != Role.ORG_ADMIN or not membership.is_active:
        raise PermissionDenied
    addition, created = WorkModelAddition.objects.get_or_create(
        organisation=membership.organisation, work_model=work_model
    )
    for field in ADDITION_FIELDS:
        if field in data:
            setattr(addition, field, (data[field] or "").strip())
    addition.updated_by = membership.user
    addition.full_clean()
    addition.save()
    action = AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE
    audit(membership, action, addition, [f for f in ADDITION_FIELDS if f in data])
    return addition


def _require_editor(membership: Membership) -> None:
    if membership.role not in DIRECTORY_EDITORS or not membership.is_active:
        raise PermissionDenied


def _clean_lists(data: dict[str, Any]) -> dict[str, Any]:
    data = {key: value for key, value in data.items() if key in INITIATIVE_FIELDS}
    if "municipalities" in data:
        seen: dict[str, str] = {}
        for name in data["municipalities"] or []:
            name = " ".join(str(name).split())
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
        data["municipalities"] = list(seen.values())
    if "languages" in data:
        codes = [str(code).strip().lower() for code in data["languages"] or []]
        unknown = [code for code in codes if code and code not in LANGUAGE_CODES]
        if unknown:
            raise ValidationError(
                {
                    "languages": _("Unknown language: %(codes)s. Use codes such as nl, fr or ar.")
                    % {"codes": ", ".join(unknown)}
                }
            )
        data["languages"] = list(dict.fromkeys(code for code in codes if code))
    return data


def _check_work_models(work_models) -> list[WorkModel]:
    work_models = list(work_models or [])
    if not work_models:
        raise ValidationError(
            {"work_models": _("Choose at least one work model the initiative offers.")}
        )
    return work_models


@transaction.atomic
def _check_run_by(membership: Membership, data: dict[str, Any]) -> None:
    """An organisation links only itself as the one running an initiative: referrals (with
    personal data) then arrive in its own inbox. Another organisation's initiative on Netwerk
    is that organisation's own entry in the shared directory."""
    run_by = data.get("run_by")
    if run_by is not None and getattr(run_by, "pk", run_by) != membership.organisation_id:
        raise ValidationError(
            {
                "run_by": _(
                    "Only your own organisation can be linked as the one that runs it. Does "
                    "another organisation on Netwerk run it? Then it adds the initiative to "
                    "the directory itself."
                )
            }
        )


def initiative_create(*, membership: Membership, data: dict[str, Any], work_models) -> Initiative:
    _require_editor(membership)
    data = _clean_lists(data)
    _check_run_by(membership, data)
    work_models = _check_work_models(work_models)
    initiative = Initiative(
        organisation=membership.organisation, created_by=membership.user, **data
    )
    initiative.full_clean()
    initiative.save()
    initiative.work_models.set(work_models)
    audit(membership, AuditEvent.Action.CREATE, initiative, [*data, "work_models"])
    return initiative


@transaction.atomic
def initiative_update(
    *, membership: Membership, initiative: Initiative, data: dict[str, Any], work_models=None
) -> Initiative:
    _require_editor(membership)
    if initiative.organisation_id != membership.organisation_id:
        raise PermissionDenied  # another organisation's shared entry is read-only
    data = _clean_lists(data)
    _check_run_by(membership, data)
    changed = [field for field, value in data.items() if getattr(initiative, field) != value]
    for field in changed:
        setattr(initiative, field, data[field])
    initiative.full_clean()
    initiative.save()
    if work_models is not None:
        work_models = _check_work_models(work_models)
        if {m.pk for m in work_models} != set(initiative.work_models.values_list("pk", flat=True)):
            initiative.work_models.set(work_models)
            changed.append("work_models")
    if changed:
        audit(membership, AuditEvent.Action.UPDATE, initiative, changed)
    return initiative


@transaction.atomic
def initiative_delete(*, membership: Membership, initiative: Initiative) -> None:
    _require_editor(membership)
    if initiative.organisation_id != membership.organisation_id:
        raise PermissionDenied
    audit(membership, AuditEvent.Action.DELETE, initiative)
    initiative.delete()
