"""Standardised measures as data: instrument definitions, which ones an organisation may use,
and measurements with their scores computed on save by `participants.instruments.scoring`."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED

from .participant import Participant


class Instrument(models.Model):
    """One version of an instrument definition (the JSON format of `instruments/scoring.py`).

    A new version is a new row, so a measurement keeps pointing at the exact definition it was
    scored with. Definitions are loaded by a data migration from the bundled JSON files.
    """

    code = models.CharField(_("code"), max_length=32)
    version = models.CharField(_("version"), max_length=32)
    definition = models.JSONField(_("definition"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="instrument_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    def text(self, key: str) -> str:
        """A translated text of the definition (name, notes), in the active language."""
        value = self.definition.get(key) or {}
        return value.get(translation.get_language() or "nl") or value.get("nl", "")

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def citation(self) -> str:
        return self.definition.get("source", {}).get("citation", "")

    @property
    def citation_language(self) -> str:
        """The language of the cited publication (its title is quoted as published)."""
        return self.definition.get("source", {}).get("language", "en")

    @property
    def licence_note(self) -> str:
        note = self.definition.get("licence", {}).get("note") or {}
        return note.get(translation.get_language() or "nl") or note.get("nl", "")


class OrganisationInstrument(models.Model):
    """An organisation enabled this instrument, having checked its licence for practice use."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="enabled_instruments"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="+")
    permission_note = models.CharField(
        _("licence or permission"),
        max_length=300,
        blank=True,
        help_text=_("How the organisation may use it: the permission or licence, with its date."),
    )
    enabled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    enabled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enabled instrument")
        verbose_name_plural = _("enabled instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "instrument"], name="instrument_enabled_once"
            )
        ]

    def __str__(self) -> str:
        return f"instrument {self.instrument_id} for organisation {self.organisation_id}"


class Measurement(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="measurements"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    # A copy of instrument.version, so exports never need the join to say which version.
    instrument_version = models.CharField(max_length=32, editable=False)
    taken_on = models.DateField(_("date"), validators=HAPPENED)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("scores"), default=dict, editable=False)
    # The total and band again as columns, so charts and reports filter without JSON paths.
    total = models.SmallIntegerField(_("total score"), null=True, editable=False)
    band = models.CharField(_("band"), max_length=32, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["taken_on", "id"]
        indexes = [models.Index(fields=["participant", "instrument", "taken_on"])]

    def __str__(self) -> str:
        return f"measurement {self.pk}"

    @property
    def subscale_scores(self) -> list[tuple[str, int | None]]:
        """(name, score) per subscale, named as the instrument names them ("Familie")."""
        names = {
            subscale["code"]: _label(subscale.get("name") or {}) or subscale["code"]
            for subscale in self.instrument.definition.get("subscales", [])
        }
        return [
            (names.get(code, code), value)
            for code, value in (self.scores.get("subscales") or {}).items()
        ]

    @property
    def missing_questions(self) -> list[int]:
        """The numbers of the unanswered questions, as the form numbers them."""
        order = {item["code"]: item["order"] for item in self.instrument.definition["items"]}
        return sorted(order.get(code, 0) for code in self.scores.get("missing_items") or [])

    @property
    def band_label(self) -> str:
        for band in self.instrument.definition.get("cutoffs", {}).get("bands", []):
            if band.get("code") == self.band:
                return _label(band.get("label") or {})
        return ""


def _label(text: dict) -> str:
    return text.get(translation.get_language() or "nl") or text.get("nl", "")
