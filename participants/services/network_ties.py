"""Writes to the ties between members of a network map, and to members' places on a map
drawn by hand. Same rules as the members themselves: the assigned social worker (or a
stand-in) writes, with the participant's consent to a file."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import apply_changes, audit
from workmodels.models import WorkModel

from ..models import MemberTie, NetworkMember, Participant, Trajectory
from ..models.network_parts import (
    ORIGIN_FIELDS,
    ORIGIN_WORK_MODEL,
    POSITION_FIELDS,
    TIE_ATTRIBUTES,
)
from .common import require_file_consent, require_writer

TIE_FIELDS = (*TIE_ATTRIBUTES, *ORIGIN_FIELDS)


def prepare_origin(data: dict[str, Any], participant: Participant | None = None) -> dict[str, Any]:
    """Origin fields of `data`, cleaned: a work model given as a code or id becomes the model,
    and an origin that belongs to a work model gets it when none was given. With the
    participant, a work model also brings the participant's trajectory in it (the report on
    durable ties follows the tie from the day that trajectory ends)."""
    out = {key: data[key] for key in ORIGIN_FIELDS if key in data}
    if "origin_detail" in out:
        out["origin_detail"] = (out["origin_detail"] or "").strip()
    if "origin" in out and out["origin"] is None:
        out["origin"] = ""
    model = out.get("origin_work_model")
    if isinstance(model, str | int) and not isinstance(model, bool):
        found = WorkModel.objects.filter(
            **({"code": model} if isinstance(model, str) else {"pk": model})
        ).first()
        if found is None:
            raise ValidationError({"origin_work_model": _("Choose a work model from the list.")})
        out["origin_work_model"] = found
    if out.get("origin") and not out.get("origin_work_model") and "origin_work_model" not in data:
        code = ORIGIN_WORK_MODEL.get(out["origin"])
        if code:
            out["origin_work_model"] = WorkModel.objects.filter(code=code).first()
    if participant is not None and "origin_work_model" in out:
        out.setdefault("origin_trajectory_id", _trajectory_of(participant, out))
    return out


def _trajectory_of(participant: Participant, origin: dict[str, Any]) -> int | None:
    """The participant's latest trajectory in the origin's work model (none considered only)."""
    model = origin.get("origin_work_model")
    if model is None:
        return None
    found = Trajectory.objects.filter(participant=participant, work_model=model).exclude(
        status=Trajectory.Status.CONSIDERING
    )
    return found.order_by("-started_on", "-id").values_list("id", flat=True).first()


def _prepare(data: dict[str, Any], participant: Participant) -> dict[str, Any]:
    out = {key: data[key] for key in TIE_ATTRIBUTES if key in data}
    if "tension" in out and out["tension"] is None:
        out["tension"] = ""
    return out | prepare_origin(data, participant)


def _ends(participant: Participant, data: dict[str, Any]) -> tuple[NetworkMember, NetworkMember]:
    """The two members a tie joins, both on this participant's map, lower id first."""
    ends = []
    for key in ("member_a", "member_b"):
        value = data.get(key)
        pk = value.pk if isinstance(value, NetworkMember) else value
        member = NetworkMember.objects.filter(pk=pk, participant=participant).first()
        if member is None:
            raise ValidationError({key: _("Choose someone from this network map.")})
        ends.append(member)
    first, second = ends
    if first.pk == second.pk:
        raise ValidationError({"member_b": _("Choose two different people.")})
    return (first, second) if first.pk < second.pk else (second, first)


@transaction.atomic
def member_tie_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> MemberTie:
    """Record that two members of the map know each other."""
    require_writer(membership, participant)
    require_file_consent(participant)
    member_a, member_b = _ends(participant, data)
    if MemberTie.objects.filter(member_a=member_a, member_b=member_b).exists():
        raise ValidationError(
            {
                "member_b": _("%(a)s and %(b)s already know each other on the map.")
                % {"a": member_a.label, "b": member_b.label}
            }
        )
    tie = MemberTie(
        participant=participant,
        member_a=member_a,
        member_b=member_b,
        created_by=membership.user,
        **_prepare(data, participant),
    )
    tie.full_clean()
    tie.save()
    audit(membership, AuditEvent.Action.CREATE, tie, ["member_a", "member_b", *TIE_ATTRIBUTES])
    return tie


@transaction.atomic
def member_tie_update(*, membership: Membership, tie: MemberTie, data: dict[str, Any]) -> MemberTie:
    """Change how well two members know each other, a tension, or the tie's origin. The two
    ends never change: remove the tie and draw another."""
    require_writer(membership, tie.participant)
    require_file_consent(tie.participant)
    changed = apply_changes(tie, _prepare(data, tie.participant))
    if changed:
        tie.full_clean()
        tie.save()
        audit(membership, AuditEvent.Action.UPDATE, tie, changed)
    return tie


@transaction.atomic
def member_tie_delete(*, membership: Membership, tie: MemberTie) -> dict[str, Any]:
    """Remove a tie from today's map (snapshots keep theirs). Returns what recreates it."""
    require_writer(membership, tie.participant)
    audit(membership, AuditEvent.Action.DELETE, tie)
    removed = tie_as_data(tie)
    tie.delete()
    return removed


def tie_as_data(tie: MemberTie) -> dict[str, Any]:
    data = {name: getattr(tie, name) for name in TIE_ATTRIBUTES}
    data |= {name: getattr(tie, name) for name in ORIGIN_FIELDS if name != "origin_work_model"}
    data["origin_work_model"] = tie.origin_work_model_id
    return data | {"member_a": tie.member_a_id, "member_b": tie.member_b_id}


@transaction.atomic
def network_member_place(
    *,
    membership: Membership,
    member: NetworkMember,
    pos_x: float | None,
    pos_y: float | None,
    ring: str | None = None,
    sector: str | None = None,
) -> NetworkMember:
    """Put a member where it was dragged on the map (centre 0,0; the outer ring's edge at 1).

    The ring and sector the place falls in are given by the caller (the map's geometry lives
    with the picture); both empty positions clear the hand placement.
    """
    require_writer(membership, member.participant)
    require_file_consent(member.participant)
    if (pos_x is None) != (pos_y is None):
        raise ValidationError(_("Give both coordinates of the place, or neither."))
    if pos_x is not None and (pos_x**2 + pos_y**2) > 1.0001:
        raise ValidationError(_("This place is outside the map."))
    data: dict[str, Any] = dict(zip(POSITION_FIELDS, (pos_x, pos_y), strict=True))
    if ring is not None:
        data["ring"] = ring
    if sector is not None:
        data["sector"] = sector
    changed = apply_changes(member, data)
    if changed:
        member.full_clean()
        member.save()
        audit(membership, AuditEvent.Action.UPDATE, member, changed)
    return member
