"""The pseudonymised research export: participants who consented to research use only.

Pseudonyms are random per export and stable within it (one participant, one pseudonym, on
every row), so two exports cannot be linked. No names, contact details, dates or free text
leave the organisation, and the quasi-identifiers (birth-year band, gender, household,
municipality, migration background, digital access and comfort) are generalised until every
combination is shared by at least five people (`findings.anonymity`); who cannot be hidden in
such a group is left out. The export itself is audited.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk import exports
from participants.models import Consent, Participant, Trajectory
from workmodels.models import WorkModel

from .anonymity import QUASI_IDENTIFIERS, Result, anonymise
from .columns import analytic_reads
from .levels import (
    digital_access_level,
    gender_level,
    level_name,
    migration_level,
)
from .practice import METRICS, measurement_changes, snapshot_changes
from .stats import birth_year_band

# What an acquaintance could know of someone: generalised until shared by at least K people.
QUASI_COLUMNS = tuple(qi.column for qi in QUASI_IDENTIFIERS)
COLUMNS = (
    "pseudonym",
    *QUASI_COLUMNS,
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


@dataclass(frozen=True)
class ResearchExport:
    rows: list[list]  # the file's rows, in a random order
    anonymity: Result  # what was generalised, hidden and left out


def research_export_rows(organisation_id: int) -> ResearchExport:
    """The export's rows, k-anonymous in the quasi-identifiers (`findings.anonymity`)."""
    key = secrets.token_bytes(32)

    def pseudonym(pk: int) -> str:
        return "R-" + hmac.new(key, str(pk).encode(), hashlib.sha256).hexdigest()[:12]

    people = list(
        research_participants(organisation_id)
        .values(
            "id",
            "birth_year",
            "household",
            "municipality",
            "postcode",
            "digital_comfort",
            gender_level=gender_level(),
            digital_access=digital_access_level(),
            migration=migration_level(),
        )
        .order_by("id")
    )
    anonymity = anonymise([_quasi_identifiers(person) for person in people])
    ids = {person["id"] for person in people}
    changes = {}
    with analytic_reads():
        found = snapshot_changes(organisation_id) | measurement_changes(organisation_id)
    for metric, (pids, diffs) in found.items():
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
    rows = []
    for person, generalised in zip(people, anonymity.values, strict=True):
        if generalised is None:
            continue  # no group of K could take them in: left out
        base = [pseudonym(person["id"]), *generalised]
        figures = [_num(changes[m].get(person["id"])) for m in METRICS]
        for code, status, days in sorted(trajectories.get(person["id"], [])) or [("", "", None)]:
            rows.append([*base, code, status, days, *figures])
    # Rows in a random order: the order of the file says nothing about who came first.
    secrets.SystemRandom().shuffle(rows)
    return ResearchExport(rows=rows, anonymity=anonymity)


def research_export(
    *, membership: Membership, delimiter: str = exports.SEMICOLON
) -> tuple[bytes, int]:
    """The CSV and the number of participants in it. The export is audited."""
    export = research_export_rows(membership.organisation_id)
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type="findings.research_export",
        object_id=export.anonymity.people,
        fields=COLUMNS,
    )
    content = exports.csv_bytes(COLUMNS, export.rows, delimiter=delimiter)
    return content, export.anonymity.people


def _quasi_identifiers(person: dict) -> tuple[str, ...]:
    """The rung-0 value of each quasi-identifier (`anonymity.QUASI_IDENTIFIERS`' order)."""
    municipality = " ".join(person["municipality"].replace("|", " ").split()).title()
    return (
        birth_year_band(person["birth_year"]) or "unknown",
        level_name("gender", person["gender_level"]),
        person["household"] or "unknown",
        f"{municipality or 'unknown'}|{person['postcode']}",
        level_name("migration_background", person["migration"]),
        level_name("digital_access", person["digital_access"]),
        person["digital_comfort"] or "unknown",
    )


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
