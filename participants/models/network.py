"""The network map (netwerkkaart): the members of a participant's network, and dated snapshots.

The map combines the netwerkcirkel (rings of closeness, sectors as slices) with the Social
Network Map of Tracy & Whittaker (sector, support, direction, frequency, how long known,
critical). A snapshot freezes the map at a date: its members are copies, so editing or removing
a member later never changes an old snapshot.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerk.validators import HAPPENED

from .network_parts import MapPosition, TieOrigin
from .participant import Participant


class Sector(models.TextChoices):
    HOUSEHOLD = "household", _("Household")
    FAMILY = "family", _("Family")
    FRIENDS = "friends", _("Friends")
    NEIGHBOURS = "neighbours", _("Neighbours")
    WORK_SCHOOL = "work_school", _("Work, school or training")
    PEERS = "peers", _("Peers with similar experience")
    BUDDY = "buddy_volunteers", _("Buddy or volunteers")
    PROFESSIONALS = "professionals", _("Professionals and services")
    CLUBS = "clubs", _("Clubs, associations, faith")


# Formal support is what people do because it is their job. A buddy or another volunteer is
# informal support that an organisation arranged: the study files the buddy model under
# *personal* networks (a "persoonlijke vriend") and buddies act as a friend, not as a care
# worker. Counting them formal would hide exactly the ties the buddy model tries to grow;
# the sector still tells them apart wherever that matters.
FORMAL_SECTORS = frozenset({Sector.PROFESSIONALS})


class Ring(models.TextChoices):
    VERY_CLOSE = "very_close", _("Very close")
    CLOSE = "close", _("Close")
    ACQUAINTANCE = "acquaintance", _("Acquaintance")
    SERVICES = "services", _("Services")


class Support(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotional")
    PRACTICAL = "practical", _("Practical")
    INFORMATIONAL = "informational", _("Information and advice")
    COMPANIONSHIP = "companionship", _("Companionship")


class Direction(models.TextChoices):
    MUTUAL = "mutual", _("Both ways")
    FROM_THEM = "from_them", _("Mostly from them")
    FROM_PARTICIPANT = "from_participant", _("Mostly from the participant")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    YEARLY = "yearly", _("A few times a year")
    RARELY = "rarely", _("Rarely")


WEEKLY_OR_MORE = frozenset({Frequency.DAILY, Frequency.WEEKLY})


class KnownFor(models.TextChoices):
    UNDER_ONE = "under_1", _("Less than a year")
    ONE_TO_FIVE = "1_to_5", _("1 to 5 years")
    OVER_FIVE = "over_5", _("More than 5 years")


class Formality(models.TextChoices):
    FORMAL = "formal", _("Formal")
    INFORMAL = "informal", _("Informal")


# Fields a member and its snapshot copy share, in the order forms and tables show them.
MEMBER_ATTRIBUTES = (
    "label",
    "sector",
    "ring",
    "support",
    "direction",
    "frequency",
    "known_for",
    "critical",
)


class MemberAttributes(models.Model):
    label = models.CharField(
        _("name or role"),
        max_length=100,
        help_text=_("A first name or a role, e.g. “sister”, “neighbour Ahmed”, “CAW worker”."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    ring = models.CharField(_("closeness"), max_length=16, choices=Ring.choices)
    support = models.JSONField(_("support given"), default=list, blank=True)
    direction = models.CharField(
        _("direction of help"), max_length=20, choices=Direction.choices, blank=True
    )
    frequency = models.CharField(
        _("contact frequency"), max_length=10, choices=Frequency.choices, blank=True
    )
    known_for = models.CharField(
        _("known for"), max_length=10, choices=KnownFor.choices, blank=True
    )
    critical = models.BooleanField(_("critical or conflictual"), default=False)

    class Meta:
        abstract = True

    @property
    def formality(self) -> str:
        return Formality.FORMAL if self.sector in FORMAL_SECTORS else Formality.INFORMAL

    @property
    def is_formal(self) -> bool:
        return self.formality == Formality.FORMAL

    def get_formality_display(self) -> str:
        return Formality(self.formality).label

    def support_labels(self) -> list[str]:
        return [str(Support(code).label) for code in self.support if code in Support.values]


class NetworkMember(MemberAttributes, MapPosition, TieOrigin):
    """A person (or service) in the participant's network, as the map shows it today."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Added by the social worker")
        BUDDY_MATCH = "buddy_match", _("A matched buddy")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="network_members"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MANUAL)
    # The buddies app owns matches; it creates and ends this member through
    # `network_member_upsert_for_buddy` / `network_member_end_for_buddy`. A plain integer keeps
    # participants from depending on buddies (dependencies point the other way).
    buddy_match_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "buddy_match_id"],
                condition=models.Q(buddy_match_id__isnull=False),
                name="one_network_member_per_buddy_match",
                violation_error_message=_("This buddy is already on the network map."),
            ),
            models.CheckConstraint(
                condition=models.Q(source="buddy_match", buddy_match_id__isnull=False)
                | models.Q(source="manual", buddy_match_id__isnull=True),
                name="network_member_buddy_source_has_match",
                violation_error_message=_("A buddy on the network map must belong to a match."),
            ),
        ]

    def __str__(self) -> str:
        return f"network member {self.pk}"


class NetworkSnapshot(models.Model):
    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        FOLLOW_UP = "follow_up", _("Follow-up")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="network_snapshots"
    )
    taken_on = models.DateField(_("date"), validators=HAPPENED)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")
        ordering = ["taken_on", "id"]
        indexes = [models.Index(fields=["participant", "taken_on"])]

    def __str__(self) -> str:
        return f"network snapshot {self.pk}"


class SnapshotMember(MemberAttributes, MapPosition, TieOrigin):
    """A frozen copy of a member at the snapshot's date. Never changed after it is written."""

    snapshot = models.ForeignKey(NetworkSnapshot, on_delete=models.CASCADE, related_name="members")
    # The member it was copied from; a plain integer because that member may be removed later
    # while the snapshot stays. Diffs between snapshots match ties on it.
    member_id = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("network member in a snapshot")
        verbose_name_plural = _("network members in a snapshot")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "member_id"], name="snapshot_member_once")
        ]

    def __str__(self) -> str:
        return f"snapshot member {self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A snapshot is frozen: its members cannot be changed.")
        super().save(*args, **kwargs)
