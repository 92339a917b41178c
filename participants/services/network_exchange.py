"""Importing a network map from a file (GraphML, easyNWK) as a new snapshot.

The rule, also shown on the preview page: the file becomes one new snapshot, dated as the
social worker chooses (never in the future), holding exactly the file's people and ties.
Each person is matched to today's map by their label (the same label, ignoring case and
extra spaces, is the same person: they keep their number, so comparisons follow them; if
today's map has the label twice, the first one added). A person who is not on today's map is
added to it with the file's details. Today's map is otherwise left as it is: matched people
keep today's details and no tie on today's map is added or removed, because today's map may
be newer than the file. Everything is checked again on confirmation, and one problem means
nothing is written.
"""

import datetime
import secrets
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import audit
from workmodels.models import WorkModel

from ..exchange.checks import ImportedMap, check
from ..models import NetworkMember, NetworkSnapshot, Participant, SnapshotMember, SnapshotTie
from ..models.network import MEMBER_ATTRIBUTES
from .common import require_file_consent, require_writer
from .network import snapshot_date_errors

PENDING_SECONDS = 3600
MEMBER_VALUES = (*MEMBER_ATTRIBUTES, "pos_x", "pos_y", "origin", "origin_detail")
TIE_VALUES = ("strength", "tension", "origin", "origin_detail")


def _normal(label: str) -> str:
    return " ".join(label.split()).lower()


def today_by_label(participant: Participant, *, lock: bool = False) -> dict[str, NetworkMember]:
    """Today's members by normalised label; the first added wins when a label repeats."""
    members = NetworkMember.objects.filter(participant=participant).order_by("id")
    if lock:
        members = members.select_for_update()
    found: dict[str, NetworkMember] = {}
    for member in members:
        found.setdefault(_normal(member.label), member)
    return found


def matches(participant: Participant, imported: ImportedMap) -> dict[str, NetworkMember | None]:
    """For the preview: which of today's members each person of the file is (or None: new)."""
    today = today_by_label(participant)
    return {m.key: today.get(_normal(m.label)) for m in imported.members}


# --- Waiting for confirmation ----------------------------------------------------------------


def _key(membership: Membership, participant: Participant, token: str) -> str:
    return f"network-import:{membership.pk}:{participant.pk}:{token}"


def pending_keep(membership: Membership, participant: Participant, imported: ImportedMap) -> str:
    """Keep a checked map on the server until confirmed (an hour); return its token."""
    return pending_keep_as(membership, participant, imported, secrets.token_urlsafe(16))


def pending_keep_as(membership, participant, imported: ImportedMap, token: str) -> str:
    cache.set(_key(membership, participant, token), imported.as_data(), PENDING_SECONDS)
    return token


def pending_take(
    membership: Membership, participant: Participant, token: str
) -> ImportedMap | None:
    """The map kept under this token for this membership and file, once (a double click
    confirms once), or None."""
    if not token or not isinstance(token, str) or len(token) > 64:
        return None
    key = _key(membership, participant, token)
    data = cache.get(key)
    if data is None or not cache.delete(key):
        return None
    try:
        return ImportedMap.from_data(data)
    except (KeyError, TypeError):
        return None


def pending_peek(membership, participant, token: str) -> ImportedMap | None:
    data = cache.get(_key(membership, participant, token)) if token else None
    return ImportedMap.from_data(data) if data else None


# --- Writing ---------------------------------------------------------------------------------


def _work_models(imported: ImportedMap) -> dict[str, WorkModel]:
    codes = {row.origin_work_model for row in (*imported.members, *imported.ties)}
    codes.discard("")
    found = {m.code: m for m in WorkModel.objects.filter(code__in=codes)} if codes else {}
    for row in (*imported.members, *imported.ties):
        if row.origin_work_model and row.origin_work_model not in found:
            element = getattr(row, "element", "") or _("node %(key)s") % {"key": row.key}
            imported.error(
                element,
                _("Unknown work model “%(code)s”.") % {"code": row.origin_work_model[:40]},
            )
    return found


def check_map(imported: ImportedMap) -> ImportedMap:
    """Every check, the database's included (work model codes)."""
    _work_models(imported)
    return imported


@transaction.atomic
def network_map_import(
    *,
    membership: Membership,
    participant: Participant,
    imported: ImportedMap,
    taken_on: datetime.date,
    kind: str,
    note: str = "",
) -> NetworkSnapshot:
    """Write the checked file as a new snapshot (see the module's rule). All or nothing."""
    require_writer(membership, participant)
    require_file_consent(participant)
    imported.errors = []
    check(imported)
    models = _work_models(imported)
    if imported.errors:
        raise ValidationError({"file": [f"{p.element}: {p.message}" for p in imported.errors[:20]]})
    errors = snapshot_date_errors(participant, taken_on, kind)
    if errors:
        raise ValidationError(errors)
    today = today_by_label(participant, lock=True)
    keys: dict[str, int] = {}
    for row in imported.members:
        values = _values(row, MEMBER_VALUES, models)
        member = today.get(_normal(row.label))
        if member is None:
            member = NetworkMember(participant=participant, created_by=membership.user, **values)
            member.full_clean()
            member.save()
            audit(membership, AuditEvent.Action.CREATE, member, values.keys())
        keys[row.key] = member.pk
    snapshot = NetworkSnapshot(
        participant=participant,
        taken_on=taken_on,
        kind=kind,
        note=note.strip(),
        created_by=membership.user,
    )
    snapshot.full_clean()
    snapshot.save()
    frozen = [
        SnapshotMember(
            snapshot=snapshot, member_id=keys[row.key], **_values(row, MEMBER_VALUES, models)
        )
        for row in imported.members
    ]
    for row in frozen:
        row.full_clean(exclude=["snapshot"], validate_unique=False, validate_constraints=False)
    SnapshotMember.objects.bulk_create(frozen)
    SnapshotTie.objects.bulk_create(
        SnapshotTie(
            snapshot=snapshot,
            member_a_id=min(keys[tie.a], keys[tie.b]),
            member_b_id=max(keys[tie.a], keys[tie.b]),
            **_values(tie, TIE_VALUES, models),
        )
        for tie in imported.ties
    )
    audit(
        membership, AuditEvent.Action.CREATE, snapshot, ["taken_on", "kind", imported.file_format]
    )
    return snapshot


def _values(row, names, models: dict[str, WorkModel]) -> dict[str, Any]:
    values = {name: getattr(row, name) for name in names}
    values["origin_work_model"] = models.get(row.origin_work_model)
    return values
