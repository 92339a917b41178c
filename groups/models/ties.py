"""A "met here" tie: someone a participant met in the group, proposed for their network map.

The network map belongs to the file, and only the assigned social worker writes it
(`participants.services.network`). A facilitator therefore proposes the tie; the assigned
social worker confirms it on the file, which adds the member to the map as that worker.
When the assigned social worker records it themselves, it is confirmed at once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from participants.models.network import Sector

from .group import Group
from .session import GroupSession

TIE_SECTORS = (Sector.PEERS, Sector.NEIGHBOURS, Sector.FRIENDS)


class MetHereTie(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Added to the network map")
        DECLINED = "declined", _("Not added")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="ties")
    session = models.ForeignKey(
        GroupSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="ties"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        _("who they met"),
        max_length=100,
        help_text=_("A first name or a role, e.g. “Fatima from the group”."),
    )
    sector = models.CharField(
        _("sector"), max_length=20, choices=[(s.value, s.label) for s in TIE_SECTORS]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    # The member it became on the map; a plain id, the map may drop it later.
    network_member_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("“met here” tie")
        verbose_name_plural = _("“met here” ties")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self) -> str:
        return f"met-here tie {self.pk}"
