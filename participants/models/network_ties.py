"""Ties between the members of a participant's network: who among them know each other.

A tie joins two members of the same map, stored once with the lower member id first. A
snapshot freezes the ties with the members (`SnapshotTie`), by the ids of the members they
were copied from, so that comparisons see ties gained and lost.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .network import NetworkMember, NetworkSnapshot
from .network_parts import TieAttributes, TieOrigin
from .participant import Participant


class MemberTie(TieAttributes, TieOrigin):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="member_ties"
    )
    member_a = models.ForeignKey(
        NetworkMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("one person")
    )
    member_b = models.ForeignKey(
        NetworkMember,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("the other person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tie between two members")
        verbose_name_plural = _("ties between members")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member_a", "member_b"],
                name="member_tie_once",
                violation_error_message=_("These two already know each other on the map."),
            ),
            models.CheckConstraint(
                condition=models.Q(member_a__lt=models.F("member_b")),
                name="member_tie_ordered",
                violation_error_message=_("A tie joins two different members."),
            ),
        ]
        indexes = [models.Index(fields=["participant"], name="member_tie_participant")]

    def __str__(self) -> str:
        return f"member tie {self.pk}"


class SnapshotTie(TieAttributes, TieOrigin):
    """A frozen copy of a tie at the snapshot's date. Never changed after it is written."""

    snapshot = models.ForeignKey(NetworkSnapshot, on_delete=models.CASCADE, related_name="ties")
    # The ids of the live members the two ends were copied from (SnapshotMember.member_id).
    member_a_id = models.PositiveIntegerField(_("one person"))
    member_b_id = models.PositiveIntegerField(_("the other person"))

    class Meta:
        verbose_name = _("tie between two members in a snapshot")
        verbose_name_plural = _("ties between members in a snapshot")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "member_a_id", "member_b_id"],
                name="snapshot_tie_once",
                violation_error_message=_("These two already know each other in this snapshot."),
            ),
            models.CheckConstraint(
                condition=models.Q(member_a_id__lt=models.F("member_b_id")),
                name="snapshot_tie_ordered",
                violation_error_message=_("A tie joins two different members."),
            ),
        ]

    def __str__(self) -> str:
        return f"snapshot tie {self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A snapshot is frozen: its ties cannot be changed.")
        super().save(*args, **kwargs)
