"""GDPR art. 15 and 20: everything held about one participant, as sections of records.

One structure serves both the printable page (labels and displayed values in the reader's
language) and the JSON download (field names and raw values: codes, ISO dates). Other apps add
their own records through `register_rights_section` (participants never imports them): a
section source is `func(participant) -> list[Section]`, registered from `AppConfig.ready`.
"""

import datetime
import decimal
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import (
    Agreement,
    AgreementStatusChange,
    Consent,
    FamilyPlan,
    FileHandover,
    Goal,
    GoalNote,
    Intervention,
    Measurement,
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    Participant,
    SnapshotMember,
    SnapshotTie,
    Trajectory,
)
from . import wording

EXPORT_FORMAT = "netwerk.participant-export"
EXPORT_VERSION = 1


# Kept in the download, left off the page: numbers and copies that mean nothing to the reader.
HIDDEN_ON_PAGE = frozenset({"id", "instrument_version", "total"})


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    value: Any  # JSON-ready
    display: str  # in words, for the page

    @property
    def shown(self) -> bool:
        """On the page: what holds something; the download has every field."""
        return self.key not in HIDDEN_ON_PAGE and bool(self.display)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: list[list[Item]]


SectionSource = Callable[[Participant], list[Section]]
_sources: list[SectionSource] = []


def register_rights_section(source: SectionSource) -> None:
    """Add an app's records to the export; registering twice is harmless."""
    if source not in _sources:
        _sources.append(source)


def _item(obj: models.Model, name: str) -> Item:
    field = obj._meta.get_field(name)
    label = str(wording.LABELS.get(name) or getattr(field, "verbose_name", name))
    if field.is_relation:
        related = getattr(obj, name)
        text = str(related) if related is not None else ""
        shown = wording.related_name(related) if related is not None else ""
        return Item(name, label, text or None, shown)
    value = getattr(obj, field.attname)
    display: str
    if value is None:
        return Item(name, label, None, "")
    in_words = wording.display_for(obj, name)
    if in_words is not None:
        display = in_words(obj)
        if isinstance(value, datetime.date):
            value = value.isoformat()
    elif field.choices:
        display = str(getattr(obj, f"get_{name}_display")())
    elif isinstance(value, bool):
        display = _("yes") if value else _("no")
    elif isinstance(value, datetime.datetime):
        display = formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
        value = value.isoformat()
    elif isinstance(value, datetime.date):
        display = formats.date_format(value, "SHORT_DATE_FORMAT")
        value = value.isoformat()
    elif isinstance(value, datetime.time):
        display = value.strftime("%H:%M")
        value = value.isoformat()
    elif isinstance(value, decimal.Decimal):
        display = formats.number_format(value, use_l10n=True)  # a decimal comma in Dutch
        value = str(value)
    elif isinstance(value, list):
        display = ", ".join(str(part) for part in value)
    elif isinstance(value, dict):
        display = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        display = str(value)
    return Item(name, label, value, display)


def record(obj: models.Model, fields: Sequence[str]) -> list[Item]:
    """One record: its number, then the named fields (relations shown by their name)."""
    return [Item("id", _("Number"), obj.pk, str(obj.pk))] + [_item(obj, f) for f in fields]


def shown(records: list[list[Item]]) -> list[list[Item]]:
    """The records as the page shows them: only the items that hold something."""
    return [[item for item in rec if item.shown] for rec in records]


def section(key: str, title: str, objects: Iterable[models.Model], fields: Sequence[str]):
    return Section(key, title, [record(obj, fields) for obj in objects])


PARTICIPANT_FIELDS = (
    "reference_code",
    "first_name",
    "last_name",
    "preferred_name",
    "phone",
    "email",
    "address",
    "preferred_channel",
    "birth_year",
    "gender",
    "languages",
    "municipality",
    "postcode",
    "household",
    "has_smartphone",
    "internet_at_home",
    "digital_comfort",
    "migration_background",
    "health_remarks",
    "social_worker",
    "status",
    "closed_on",
    "closed_reason",
    "anonymised_on",
    "created_at",
    "updated_at",
)
_ORIGIN_FIELDS = ("origin", "origin_detail", "origin_work_model")
_TIE_FIELDS = ("strength", "tension", *_ORIGIN_FIELDS)
_MEMBER_FIELDS = (
    "label",
    "sector",
    "ring",
    "support",
    "direction",
    "frequency",
    "known_for",
    "critical",
    *_ORIGIN_FIELDS,
)


def _snapshot_ties(participant: Participant) -> list[list[Item]]:
    """A snapshot's ties name their two ends by the member numbers of that snapshot; the page
    shows the names the snapshot kept."""
    labels = {
        (snapshot_id, member_id): label
        for snapshot_id, member_id, label in SnapshotMember.objects.filter(
            snapshot__participant=participant
        ).values_list("snapshot_id", "member_id", "label")
    }
    ties = SnapshotTie.objects.filter(snapshot__participant=participant).select_related(
        "snapshot", "origin_work_model"
    )
    out = []
    for tie in ties:
        items = record(tie, ("snapshot", "member_a_id", "member_b_id", *_TIE_FIELDS))
        out.append(
            [
                replace(item, display=labels.get((tie.snapshot_id, item.value), item.display))
                if item.key in ("member_a_id", "member_b_id")
                else item
                for item in items
            ]
        )
    return out


def participant_sections(participant: Participant) -> list[Section]:
    """The file's own records, one query per kind."""
    p = participant
    goals = Goal.objects.filter(participant=p).select_related("work_model", "created_by")
    snapshots = NetworkSnapshot.objects.filter(participant=p).select_related("created_by")
    plans = FamilyPlan.objects.filter(participant=p).select_related("created_by")
    return [
        Section("participant", _("The file"), [record(p, PARTICIPANT_FIELDS)]),
        section(
            "consents",
            _("Consents"),
            Consent.objects.filter(participant=p).select_related(
                "recorded_by", "withdrawal_recorded_by"
            ),
            (
                "purpose",
                "given_on",
                "method",
                "recorded_by",
                "expires_on",
                "renewed_on",
                "withdrawn_on",
            ),
        ),
        section(
            "trajectories",
            _("Work models chosen"),
            Trajectory.objects.filter(participant=p).select_related("work_model", "initiative"),
            (
                "work_model",
                "motivation",
                "initiative",
                "initiative_name",
                "started_on",
                "ended_on",
                "status",
            ),
        ),
        section(
            "goals",
            _("Goals"),
            goals,
            ("work_model", "description", "status", "created_by", "created_at"),
        ),
        section(
            "goal_notes",
            _("Progress on goals"),
            GoalNote.objects.filter(goal__participant=p).select_related("goal", "author"),
            ("goal", "date", "text", "author"),
        ),
        section(
            "interventions",
            _("Interventions"),
            Intervention.objects.filter(participant=p).select_related(
                "work_model", "goal", "author"
            ),
            (
                "date",
                "duration_minutes",
                "work_model",
                "kind",
                "took_part",
                "network_people",
                "summary",
                "goal",
                "follow_up_on",
                "follow_up_done_on",
                "author",
            ),
        ),
        section(
            "network_members",
            _("Network map"),
            NetworkMember.objects.filter(participant=p).select_related("origin_work_model"),
            (*_MEMBER_FIELDS, "source", "created_at"),
        ),
        section(
            "network_snapshots",
            _("Network snapshots"),
            snapshots,
            ("taken_on", "kind", "note", "created_by"),
        ),
        section(
            "network_snapshot_members",
            _("Network members in snapshots"),
            SnapshotMember.objects.filter(snapshot__participant=p).select_related(
                "snapshot", "origin_work_model"
            ),
            ("snapshot", *_MEMBER_FIELDS),
        ),
        section(
            "network_member_ties",
            _("Who knows whom on the network map"),
            MemberTie.objects.filter(participant=p).select_related(
                "member_a", "member_b", "origin_work_model"
            ),
            ("member_a", "member_b", *_TIE_FIELDS, "created_at"),
        ),
        Section(
            "network_snapshot_ties",
            _("Who knew whom in the snapshots"),
            _snapshot_ties(p),
        ),
        section(
            "measurements",
            _("Measurements"),
            Measurement.objects.filter(participant=p).select_related("instrument", "recorded_by"),
            (
                "instrument",
                "instrument_version",
                "taken_on",
                "answers",
                "scores",
                "total",
                "band",
                "recorded_by",
            ),
        ),
        section(
            "family_plans",
            _("Family group plans"),
            plans,
            ("kind", "held_on", "evaluation_on", "evaluated_on", "fallback", "created_by"),
        ),
        section(
            "family_plan_agreements",
            _("Agreements in family group plans"),
            Agreement.objects.filter(plan__participant=p).select_related("plan", "member"),
            ("plan", "what", "member", "carried_by", "due_on", "status", "note"),
        ),
        section(
            "family_plan_agreement_status_changes",
            _("Status history of the agreements"),
            AgreementStatusChange.objects.filter(agreement__plan__participant=p).select_related(
                "agreement", "changed_by"
            ),
            ("agreement", "from_status", "to_status", "changed_by", "changed_at"),
        ),
        section(
            "handovers",
            _("Hand-overs of the file"),
            FileHandover.objects.filter(participant=p).select_related("from_worker", "to_worker"),
            ("handed_over_on", "from_worker", "to_worker", "reason"),
        ),
    ]


def export_sections(participant: Participant) -> list[Section]:
    sections = participant_sections(participant)
    for source in _sources:
        sections += source(participant)
    return sections


def export_data(participant: Participant) -> dict[str, Any]:
    """The JSON download: the file as one object, every other section a list of objects."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "organisation": participant.organisation.name,
    }
    for sec in export_sections(participant):
        rows = [{item.key: item.value for item in rec} for rec in sec.records]
        data[sec.key] = rows[0] if sec.key == "participant" else rows
    return data
