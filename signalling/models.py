"""Structural signals (signaalfunctie): barriers that casework reveals and only policy can
remove, recorded by the people who meet them, without names.

An organisation keeps its own signals. Only when it opts in (`SignalSharing`) are the counts of
its signals shared in the instance-wide figures; a story leaves the organisation only when the
organisation releases that one story for quoting (`story_released`), after a check that it
names no one.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from buddies.models import Match
from groups.models import GroupSession
from netwerk.validators import DateRange, between
from participants.models import Participant
from workmodels.models import Initiative, WorkModel

STORY_MAX_LENGTH = 1000
# A barrier met today or earlier: never in the future.
OCCURRED = [DateRange(years_ahead=0)]


def quarter_of(day: datetime.date) -> str:
    """ "2026-Q4": the quarter a day falls in."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(quarter: str) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) of a quarter written as "2026-Q4"; ValueError when malformed."""
    year_text, _sep, number_text = quarter.partition("-Q")
    year, number = int(year_text), int(number_text)
    if not 1 <= number <= 4 or not 1990 <= year <= 9999:
        raise ValueError(quarter)
    first = datetime.date(year, 3 * number - 2, 1)
    last_month = 3 * number
    last = (
        datetime.date(year, 12, 31)
        if last_month == 12
        else datetime.date(year, last_month + 1, 1) - datetime.timedelta(days=1)
    )
    return first, last


class SignalTheme(models.Model):
    """A kind of barrier (organisation data). `code` ties a default theme across organisations;
    an organisation's own themes have none."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signal_themes"
    )
    code = models.CharField(_("code"), max_length=32, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, validators=between(0, 999))
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("A theme that is not in use keeps its signals but is not offered anymore."),
    )

    class Meta:
        verbose_name = _("signal theme")
        verbose_name_plural = _("signal themes")
        ordering = ["order", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="signal_theme_name_unique",
                violation_error_message=_("Your organisation already has a theme with this name."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"],
                condition=~Q(code=""),
                name="signal_theme_code_unique",
                violation_error_message=_("Your organisation already has this default theme."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SignalQuerySet(models.QuerySet):
    def current(self):
        """Not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def counted(self):
        """Current, and not from a participant who asked not to be counted."""
        return self.current().exclude(participant_counted=False)

    def shared(self):
        """What goes into the instance-wide figures: counted signals of organisations that
        opted in to share their aggregates."""
        return self.counted().filter(organisation__signal_sharing__opted_in=True)


class Signal(models.Model):
    class Source(models.TextChoices):
        FILE = "file", _("A participant file")
        MATCH = "match", _("A buddy match")
        SESSION = "session", _("A group session")
        STANDALONE = "standalone", _("On its own")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="signals")
    theme = models.ForeignKey(
        SignalTheme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="signals"
    )
    municipality = models.CharField(_("municipality"), max_length=120)
    occurred_on = models.DateField(_("when it happened"), validators=OCCURRED)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    work_model = models.ForeignKey(
        WorkModel,
        verbose_name=_("work model"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    story = models.TextField(_("what happened"), max_length=STORY_MAX_LENGTH)

    source_type = models.CharField(
        _("recorded from"), max_length=16, choices=Source.choices, default=Source.STANDALONE
    )
    # Where it was recorded: stays inside the organisation, never in any shared figure.
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    match = models.ForeignKey(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        GroupSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # The participant wants their experience counted: True yes, False no, None not asked.
    participant_counted = models.BooleanField(
        _("the participant wants this counted"), null=True, blank=True
    )

    story_released = models.BooleanField(_("story released for quoting"), default=False)
    released_at = models.DateTimeField(null=True, blank=True, editable=False)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "occurred_on"], name="signal_org_date"),
            models.Index(fields=["occurred_on"], name="signal_date"),
            models.Index(fields=["reported_by", "occurred_on"], name="signal_reporter_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(source_type="file", match__isnull=True, session__isnull=True)
                    | Q(source_type="match", participant__isnull=True, session__isnull=True)
                    | Q(source_type="session", participant__isnull=True, match__isnull=True)
                    | Q(
                        source_type="standalone",
                        participant__isnull=True,
                        match__isnull=True,
                        session__isnull=True,
                    )
                ),
                name="signal_source_matches_link",
                violation_error_message=_(
                    "A signal is recorded from one place: a file, a match, a session or on its own."
                ),
            ),
            models.CheckConstraint(
                condition=Q(story_released=False) | Q(released_at__isnull=False),
                name="signal_release_has_date",
                violation_error_message=_("A released story needs the date it was released."),
            ),
        ]

    def __str__(self) -> str:
        return f"signal {self.pk}"

    @property
    def quarter(self) -> str:
        return quarter_of(self.occurred_on)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class SignalSharing(models.Model):
    """Whether an organisation shares the counts of its signals in the instance-wide figures.
    No row, or `opted_in` False: nothing of it is shared."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="signal_sharing"
    )
    opted_in = models.BooleanField(_("share the counts of our signals"), default=False)
    since = models.DateTimeField(null=True, blank=True, editable=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sharing of signals")
        verbose_name_plural = _("sharing of signals")

    def __str__(self) -> str:
        return f"signal sharing {self.organisation_id}"
