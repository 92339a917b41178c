"""Focus groups, anonymised quotes and coded findings per work model (or general).

Findings with no organisation come from the study behind Netwerk (seeded, with their source)
and are shown to everyone; an organisation's own focus groups, quotes and findings stay with it.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED, between
from participants.models import NetworkSnapshot
from workmodels.models import WorkModel

QUOTE_MAX_LENGTH = 1000


class SpeakerKind(models.TextChoices):
    EXPERIENCE_EXPERT = "experience_expert", _("Experience expert")
    PROFESSIONAL = "professional", _("Professional")


class FocusGroup(models.Model):
    class Kind(models.TextChoices):
        EXPERIENCE_EXPERTS = "experience_experts", _("Experience experts")
        PROFESSIONALS = "professionals", _("Professionals")
        MIXED = "mixed", _("Mixed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="focus_groups"
    )
    held_on = models.DateField(_("date"), validators=HAPPENED)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    people = models.PositiveSmallIntegerField(_("number of people"), validators=between(1, 1000))
    facilitator = models.CharField(_("facilitator"), max_length=150, blank=True)
    place = models.CharField(_("place"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("focus group")
        verbose_name_plural = _("focus groups")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"focus group {self.pk}"


class Quote(models.Model):
    """What someone said, anonymised: only the kind of speaker is kept."""

    focus_group = models.ForeignKey(FocusGroup, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"), validators=[MaxLengthValidator(QUOTE_MAX_LENGTH)])
    speaker_kind = models.CharField(_("speaker"), max_length=20, choices=SpeakerKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"quote {self.pk}"


class Finding(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        WEAKNESS = "weakness", _("Weakness")
        PRECONDITION = "precondition", _("Precondition")
        ATTENTION_POINT = "attention_point", _("Attention point")

    # None: from the study, shared by every organisation (read-only).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="findings"
    )
    # None: a general finding, about every model.
    work_model = models.ForeignKey(
        WorkModel,
        verbose_name=_("work model"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    statement_nl = models.TextField(_("finding (Dutch)"), validators=[MaxLengthValidator(2000)])
    statement_en = models.TextField(
        _("finding (English)"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    # For findings taken from a report: how many groups raised it there (when reported).
    reported_groups = models.PositiveSmallIntegerField(
        _("groups that raised it (reported)"),
        null=True,
        blank=True,
        validators=between(0, 1000),
    )
    quotes = models.ManyToManyField(Quote, blank=True, related_name="findings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["work_model__order", "kind", "id"]

    def __str__(self) -> str:
        return f"finding {self.pk}"

    @property
    def statement(self) -> str:
        english = (get_language() or "nl").startswith("en")
        return (self.statement_en or self.statement_nl) if english else self.statement_nl


class SnapshotCounts(models.Model):
    """The member counts of one network snapshot, as "what works for whom" compares them.

    A snapshot is frozen once taken (its members cannot be changed, only scrubbed of their
    labels when a file is anonymised), so its counts never change: the dashboard works them out
    the first time it meets the snapshot and keeps them here, instead of counting every member
    of every snapshot on each computation. Deleting the snapshot deletes its counts.
    """

    snapshot = models.OneToOneField(
        NetworkSnapshot, on_delete=models.CASCADE, primary_key=True, related_name="counts"
    )
    size = models.PositiveIntegerField()
    informal = models.PositiveIntegerField()
    reciprocal = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("snapshot counts")
        verbose_name_plural = _("snapshot counts")

    def __str__(self) -> str:
        return f"counts of snapshot {self.snapshot_id}"
