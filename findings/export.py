"""The pseudonymised research export: participants who consented to research use only.

Pseudonyms are random per export and stable within it (one participant, one pseudonym, on
every row), so two exports cannot be linked. Birth years are banded; no names, contact
details, places, dates or free text leave the organisation. The export itself is audited.
"""

import csv
import hashlib
import hmac
import io
import secrets

import numpy as np
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from participants.models import Consent, Participant, Trajectory
from workmodels.models import WorkModel

from .practice import METRICS, _digital, _gender, measurement_changes, snapshot_changes
from .stats import birth_year_band

COLUMNS = (
    "pseudonym",
    "birth_year_band",
    "gender",
    "household",
    "digital_access",
    "digital_comfort",
    "migration_background",
    "work_model",
    "trajectory_status",
    "days_in_trajectory",
    *(f"{metric}_change" for metric in METRICS),
)


def research_participants(organisation_id: int):
    """Files whose research consent is in force today (not withdrawn, renewed or expired)."""
    consented = Consent.objects.in_force().filter(purpose=Consent.Purpose.RESEARCH)
    return Participant.objects.filter(
        organisation_id=organisation_id, pk__in=consented.values("participant_id")
    )


def research_export(*, membership: Membership) -> tuple[bytes, int]:
    """The CSV and the number of participants in it."""
    organisation_id = membership.organisation_id
    key = secrets.token_bytes(32)

    def pseudonym(pk: int) -> str:
        return "R-" + hmac.new(key, str(pk).encode(), hashlib.sha256).hexdigest()[:12]

    people = list(
        research_participants(organisation_id)
        .values(
            "id",
            "birth_year",
            "gender",
            "household",
            "has_smartphone",
            "internet_at_home",
            "digital_comfort",
            "migration_background",
            "anonymised_on",
        )
        .order_by("id")
    )
    ids = {person["id"] for person in people}
    changes = {}
    for metric, (pids, diffs) in (
        snapshot_changes(organisation_id) | measurement_changes(organisation_id)
    ).items():
        changes[metric] = {
            int(pid): float(diff)
            for pid, diff in zip(pids.tolist(), np.asarray(diffs).tolist(), strict=True)
            if pid in ids
        }
    codes = dict(WorkModel.objects.values_list("id", "code"))
    trajectories: dict[int, list] = {}
    today = timezone.localdate()
    for pid, model_id, status, started, ended in Trajectory.objects.filter(
        participant_id__in=ids
    ).values_list("participant_id", "work_model_id", "status", "started_on", "ended_on"):
        days = ((ended or today) - started).days
        trajectories.setdefault(pid, []).append((codes[model_id], status, max(days, 0)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    # Rows in a random order: the order of the file says nothing about who came first.
    secrets.SystemRandom().shuffle(people)
    for person in people:
        base = [
            pseudonym(person["id"]),
            birth_year_band(person["birth_year"]),
            _gender(person["gender"]),
            person["household"] or "unknown",
            _digital(person["has_smartphone"], person["internet_at_home"]),
            person["digital_comfort"] or "unknown",
            migration_background(person),
        ]
        figures = [_num(changes[m].get(person["id"])) for m in METRICS]
        for code, status, days in sorted(trajectories.get(person["id"], [])) or [("", "", "")]:
            writer.writerow([*base, code, status, days, *figures])
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type="findings.research_export",
        object_id=len(people),
        fields=COLUMNS,
    )
    return buffer.getvalue().encode(), len(people)


def migration_background(person: dict) -> str:
    """yes / no, or unknown where anonymising the file erased it."""
    if person["anonymised_on"] is not None:
        return "unknown"
    return "yes" if person["migration_background"].strip() else "no"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
