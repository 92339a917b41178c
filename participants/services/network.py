"""Writes to the network map: members (by the social worker, or a matched buddy by the buddies
app) and dated snapshots that freeze the map."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import apply_changes, audit

from ..models import (
    Agreement,
    Consent,
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    Participant,
    SnapshotMember,
    SnapshotTie,
)
from ..models.network import (
    MEMBER_ATTRIBUTES,
    Direction,
    Frequency,
    KnownFor,
    Ring,
    Sector,
    Support,
)
from ..models.network_parts import ORIGIN_FIELDS, POSITION_FIELDS, TIE_ATTRIBUTES, Origin
from .common import has_active_consent, require_file_consent, require_writer
from .network_ties import prepare_origin

MEMBER_FIELDS = MEMBER_ATTRIBUTES


def _clean_support(value: Any) -> list[str]:
    codes = [value] if isinstance(value, str) else list(value or [])
    unknown = [code for code in codes if code not in Support.values]
    if unknown:
        raise ValidationError({"support": _("Choose the kinds of support from the list.")})
    # Stored in the order of the choices, whatever order they came in.
    return [code for code in Support.values if code in codes]


def _prepare(data: dict[str, Any], participant: Participant) -> dict[str, Any]:
    origin = prepare_origin(data, participant)
    data = {key: value for key, value in data.items() if key in (*MEMBER_FIELDS, *POSITION_FIELDS)}
    data |= origin
    if "support" in data:
        data["support"] = _clean_support(data["support"])
    if "label" in data:
        data["label"] = (data["label"] or "").strip()
    for field in ("direction", "frequency", "known_for"):
        if field in data and data[field] is None:
            data[field] = ""
    return data


@transaction.atomic
def network_member_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> NetworkMember:
    require_writer(membership, participant)
    require_file_consent(participant)
    data = _prepare(data, participant)
    member = NetworkMember(participant=participant, created_by=membership.user, **data)
    member.full_clean()
    member.save()
    audit(membership, AuditEvent.Action.CREATE, member, data.keys())
    return member


@transaction.atomic
def network_member_update(
    *, membership: Membership, member: NetworkMember, data: dict[str, Any]
) -> NetworkMember:
    require_writer(membership, member.participant)
    require_file_consent(member.participant)
    changed = apply_changes(member, _prepare(data, member.participant))
    if changed:
        member.full_clean()
        member.save()
        audit(membership, AuditEvent.Action.UPDATE, member, changed)
    return member


@transaction.atomic
def network_member_delete(*, membership: Membership, member: NetworkMember) -> dict[str, Any]:
    """Remove a member from today's map. Snapshots keep their frozen copy.

    Returns what `network_member_restore` needs to put them back as they were (same number,
    so snapshot comparisons see the same person, and their agreements linked again).
    """
    require_writer(membership, member.participant)
    audit(membership, AuditEvent.Action.DELETE, member)
    removed = {
        "pk": member.pk,
        "participant": member.participant_id,
        "fields": _kept(member),
        "ties": [
            {
                "other": tie.member_b_id if tie.member_a_id == member.pk else tie.member_a_id,
                **{name: getattr(tie, name) for name in TIE_ATTRIBUTES},
                **_origin_of(tie),
            }
            for tie in MemberTie.objects.filter(participant=member.participant).filter(
                Q(member_a=member) | Q(member_b=member)
            )
        ],
        "agreements": list(member.agreements.values_list("pk", flat=True)),
        "named_agreements": list(
            member.agreements.filter(carried_by="").values_list("pk", flat=True)
        ),
    }
    # Agreements keep who carried them as text (the FK is set to null on delete).
    member.agreements.filter(carried_by="").update(carried_by=member.label)
    member.delete()
    return removed


@transaction.atomic
def network_member_restore(
    *, membership: Membership, participant: Participant, removed: dict[str, Any]
) -> NetworkMember:
    """Undo `network_member_delete`: the member returns with the same number and details,
    and the agreements they carried point to them again."""
    require_writer(membership, participant)
    require_file_consent(participant)
    if removed.get("participant") != participant.pk:
        raise ValidationError(_("There is nothing to restore on this map."))
    if NetworkMember.objects.filter(pk=removed["pk"]).exists():
        raise ValidationError(_("This person is on the map already."))
    fields = removed["fields"]
    member = NetworkMember(
        pk=removed["pk"],
        participant=participant,
        created_by=membership.user,
        **{name: fields[name] for name in MEMBER_FIELDS},
        **{name: fields.get(name) for name in POSITION_FIELDS},
        **_origin_from(fields),
    )
    member.full_clean()
    member.save(force_insert=True)
    # The ties to members still on the map come back with the member.
    others = set(
        NetworkMember.objects.filter(
            participant=participant, pk__in=[t["other"] for t in removed.get("ties", [])]
        ).values_list("pk", flat=True)
    )
    MemberTie.objects.bulk_create(
        MemberTie(
            participant=participant,
            member_a_id=min(member.pk, tie["other"]),
            member_b_id=max(member.pk, tie["other"]),
            created_by=membership.user,
            **{name: tie[name] for name in TIE_ATTRIBUTES},
            **_origin_from(tie),
        )
        for tie in removed.get("ties", [])
        if tie["other"] in others
    )
    agreements = Agreement.objects.filter(
        plan__participant=participant, member__isnull=True, pk__in=removed["agreements"]
    )
    agreements.filter(pk__in=removed["named_agreements"]).update(carried_by="")
    agreements.update(member=member)
    audit(membership, AuditEvent.Action.CREATE, member, MEMBER_FIELDS)
    return member


def _origin_of(row) -> dict[str, Any]:
    """The origin fields of a member or tie, as plain values (the work model as its id)."""
    values = {name: getattr(row, name) for name in ORIGIN_FIELDS if name != "origin_work_model"}
    return values | {"origin_work_model_id": row.origin_work_model_id}


def _origin_from(values: dict[str, Any]) -> dict[str, Any]:
    keys = [name for name in ORIGIN_FIELDS if name != "origin_work_model"]
    found = {name: values.get(name) for name in keys}
    found["origin"] = found["origin"] or ""
    found["origin_detail"] = found["origin_detail"] or ""
    return found | {"origin_work_model_id": values.get("origin_work_model_id")}


def _kept(member) -> dict[str, Any]:
    """What a member carries: its attributes, where it stands on a map drawn by hand and
    where the participant met them. Copied into snapshots, kept by an undo."""
    kept = {name: getattr(member, name) for name in (*MEMBER_FIELDS, *POSITION_FIELDS)}
    return kept | _origin_of(member)


# --- A matched buddy ------------------------------------------------------------------------


@transaction.atomic
def network_member_upsert_for_buddy(
    *, membership: Membership, participant: Participant, buddy_match_id: int, label: str
) -> NetworkMember | None:
    """The buddies app calls this when a match becomes active: the buddy appears on the map.

    The caller is whoever activated the match (usually a coordinator, who never sees maps),
    so only the organisation is checked here, not `require_writer`. Without the participant's
    consent to a file nothing is stored and None is returned. Calling it again updates the
    label only: the social worker's own placement of the buddy (ring, support...) is kept.
    """
    if membership.organisation_id != participant.organisation_id or not membership.is_active:
        raise PermissionDenied
    if not has_active_consent(participant, Consent.Purpose.FILE):
        return None
    member = (
        NetworkMember.objects.select_for_update()
        .filter(participant=participant, buddy_match_id=buddy_match_id)
        .first()
    )
    label = label.strip()[:100] or _("Buddy")
    if member is None:
        member = NetworkMember(
            participant=participant,
            source=NetworkMember.Source.BUDDY_MATCH,
            buddy_match_id=buddy_match_id,
            label=label,
            sector=Sector.BUDDY,
            ring=Ring.ACQUAINTANCE,
            support=[Support.COMPANIONSHIP],
            direction=Direction.MUTUAL,
            frequency=Frequency.WEEKLY,
            known_for=KnownFor.UNDER_ONE,
            created_by=membership.user,
            **prepare_origin({"origin": Origin.BUDDY}, participant),
            origin_match_id=buddy_match_id,
        )
        member.full_clean()
        member.save()
        audit(membership, AuditEvent.Action.CREATE, member, ["buddy_match_id", "label"])
    elif member.label != label:
        member.label = label
        member.save(update_fields=["label", "updated_at"])
        audit(membership, AuditEvent.Action.UPDATE, member, ["label"])
    return member


@transaction.atomic
def network_member_end_for_buddy(
    *, membership: Membership, participant: Participant, buddy_match_id: int
) -> bool:
    """A match closed: its buddy leaves today's map (snapshots keep them). True if removed."""
    if membership.organisation_id != participant.organisation_id or not membership.is_active:
        raise PermissionDenied
    member = NetworkMember.objects.filter(
        participant=participant, buddy_match_id=buddy_match_id
    ).first()
    if member is None:
        return False
    audit(membership, AuditEvent.Action.DELETE, member)
    member.agreements.filter(carried_by="").update(carried_by=member.label)
    member.delete()
    return True


# --- Snapshots ------------------------------------------------------------------------------


def snapshot_date_errors(
    participant: Participant, taken_on: datetime.date, kind: str
) -> dict[str, list[str]]:
    """What is wrong with a new snapshot's date and kind (taken here or imported): not in the
    future, a baseline first, no follow-up dated before the baseline."""
    errors: dict[str, list[str]] = {}
    if taken_on > timezone.localdate():
        errors["taken_on"] = [_("A snapshot records the map as it is: it cannot be in the future.")]
    if kind not in NetworkSnapshot.Kind.values:
        errors["kind"] = [_("Choose baseline or follow-up.")]
    if kind == NetworkSnapshot.Kind.FOLLOW_UP:
        first = (
            NetworkSnapshot.objects.filter(
                participant=participant, kind=NetworkSnapshot.Kind.BASELINE
            )
            .order_by("taken_on")
            .values_list("taken_on", flat=True)
            .first()
        )
        if first is None:
            errors["kind"] = [_("Take a baseline snapshot before a follow-up.")]
        elif taken_on < first:
            errors.setdefault("taken_on", []).append(
                _("A follow-up cannot be dated before the baseline.")
            )
    return errors


@transaction.atomic
def network_snapshot_take(
    *,
    membership: Membership,
    participant: Participant,
    taken_on: datetime.date,
    kind: str,
    note: str = "",
) -> NetworkSnapshot:
    """Freeze today's map under a date. Later edits to members never change this snapshot."""
    require_writer(membership, participant)
    require_file_consent(participant)
    errors = snapshot_date_errors(participant, taken_on, kind)
    if errors:
        raise ValidationError(errors)
    # Lock the map while copying, so a concurrent edit cannot land half in the snapshot.
    members = list(
        NetworkMember.objects.select_for_update().filter(participant=participant).order_by("id")
    )
    snapshot = NetworkSnapshot(
        participant=participant,
        taken_on=taken_on,
        kind=kind,
        note=note.strip(),
        created_by=membership.user,
    )
    snapshot.full_clean()
    snapshot.save()
    SnapshotMember.objects.bulk_create(
        SnapshotMember(snapshot=snapshot, member_id=member.pk, **_kept(member))
        for member in members
    )
    SnapshotTie.objects.bulk_create(
        SnapshotTie(
            snapshot=snapshot,
            member_a_id=tie.member_a_id,
            member_b_id=tie.member_b_id,
            **{name: getattr(tie, name) for name in TIE_ATTRIBUTES},
            **_origin_of(tie),
        )
        for tie in MemberTie.objects.filter(participant=participant).order_by("id")
    )
    audit(membership, AuditEvent.Action.CREATE, snapshot, ["taken_on", "kind"])
    return snapshot


@transaction.atomic
def network_snapshot_delete(*, membership: Membership, snapshot: NetworkSnapshot) -> None:
    """Remove a snapshot taken by mistake (it is never edited: take a new one instead)."""
    require_writer(membership, snapshot.participant)
    audit(membership, AuditEvent.Action.DELETE, snapshot)
    snapshot.delete()
