"""What the network map's members and the ties between them share: where a tie came from
(its origin, used to follow the ties each work model created) and a member's place on a map
drawn by hand.

Members are third parties who consented to nothing: the origin says *how* the participant met
someone (a group, the buddy, a placement), never anything about that person.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    OWN_NETWORK = "own_network", _("Own network (already known)")
    GROUP = "group", _("Met in a group")
    BUDDY = "buddy", _("Through the buddy")
    VOLUNTEERING = "volunteering", _("A volunteer placement")
    FAMILY_CONFERENCE = "family_conference", _("A family group conference")
    NEIGHBOURHOOD = "neighbourhood", _("A neighbourhood activity")
    COURSE = "course", _("A course or training")
    PROFESSIONAL = "professional", _("Through a professional")
    OTHER = "other", _("Elsewhere")


# The work model an origin belongs to when nothing more precise is known (a group's own work
# model, a trajectory's, wins). Own network and "elsewhere" belong to no work model.
ORIGIN_WORK_MODEL = {
    Origin.BUDDY: "buddy",
    Origin.VOLUNTEERING: "volunteering",
    Origin.FAMILY_CONFERENCE: "own_network",
    Origin.NEIGHBOURHOOD: "community",
    Origin.COURSE: "competence",
    Origin.PROFESSIONAL: "context",
    Origin.GROUP: "peer",
}

# The fields of TieOrigin, in form order; `origin_work_model` is stored as its id.
ORIGIN_FIELDS = (
    "origin",
    "origin_detail",
    "origin_work_model",
    "origin_trajectory_id",
    "origin_match_id",
    "origin_group_id",
)


class TieOrigin(models.Model):
    """Where a member (their tie to the participant) or a tie between two members came from.

    Filled in by the social worker, or automatically where Netwerk knows it: a confirmed
    "met here" tie (the group), a buddy match. The trajectory, match or group are plain ids:
    the report on durable ties reads when they ended, and a snapshot's frozen copy must not
    change or disappear when they do.
    """

    origin = models.CharField(
        _("where they met"), max_length=20, choices=Origin.choices, blank=True
    )
    origin_detail = models.CharField(
        _("more about where they met"),
        max_length=100,
        blank=True,
        help_text=_("For example the name of the group or the activity. No names of people."),
    )
    origin_work_model = models.ForeignKey(
        "workmodels.WorkModel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work model that created the tie"),
    )
    origin_trajectory_id = models.PositiveIntegerField(
        _("trajectory where they met"), null=True, blank=True, editable=False
    )
    origin_match_id = models.PositiveIntegerField(
        _("buddy match where they met"), null=True, blank=True, editable=False
    )
    origin_group_id = models.PositiveIntegerField(
        _("group where they met"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


# A position on the hand-drawn map: the centre is (0, 0), the outer edge of the outer ring is
# at distance 1. Empty means "not placed by hand": the map places the member itself.
POSITION_FIELDS = ("pos_x", "pos_y")
_ON_THE_MAP = [MinValueValidator(-1.0), MaxValueValidator(1.0)]


class MapPosition(models.Model):
    pos_x = models.FloatField(_("position across"), null=True, blank=True, validators=_ON_THE_MAP)
    pos_y = models.FloatField(_("position down"), null=True, blank=True, validators=_ON_THE_MAP)

    class Meta:
        abstract = True

    @property
    def is_placed(self) -> bool:
        return self.pos_x is not None and self.pos_y is not None


class TieStrength(models.TextChoices):
    WEAK = "weak", _("They know each other a little")
    STRONG = "strong", _("They know each other well")


class TieTension(models.TextChoices):
    TENSE = "tense", _("Tense")
    BROKEN = "broken", _("Broken")


TIE_ATTRIBUTES = ("strength", "tension")


class TieAttributes(models.Model):
    strength = models.CharField(
        _("how well they know each other"),
        max_length=8,
        choices=TieStrength.choices,
        default=TieStrength.WEAK,
    )
    tension = models.CharField(
        _("tense or broken"),
        max_length=8,
        choices=TieTension.choices,
        blank=True,
        help_text=_("Leave empty when they get along."),
    )

    class Meta:
        abstract = True
