"""The seven work models of the Odisee study: reference data every case app links to.

Also here, because every app links to them: an organisation's additions to a model's shared
text, and the directory of initiatives (sociale kaart) that offer the models.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.validators import HAPPENED


def _english() -> bool:
    return (get_language() or "nl").startswith("en")


class WorkModel(models.Model):
    """One of the seven ways organisations strengthen networks. None is better a priori."""

    class Code(models.TextChoices):
        COMPETENCE = "competence", _("Personal competence building")
        BUDDY = "buddy", _("Personal friend (buddy)")
        OWN_NETWORK = "own_network", _("Personal network")
        PEER = "peer", _("Peer networks")
        CONTEXT = "context", _("Context-oriented work")
        VOLUNTEERING = "volunteering", _("Volunteer work via an organisation")
        COMMUNITY = "community", _("Neighbourhood and community work")

    code = models.CharField(_("code"), max_length=32, unique=True, choices=Code.choices)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"))
    methods_nl = models.TextField(_("typical methods (Dutch)"), blank=True)
    methods_en = models.TextField(_("typical methods (English)"), blank=True)
    suits_nl = models.TextField(_("who it tends to suit (Dutch)"), blank=True)
    suits_en = models.TextField(_("who it tends to suit (English)"), blank=True)

    class Meta:
        verbose_name = _("work model")
        verbose_name_plural = _("work models")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if _english() else self.name_nl

    @property
    def description(self) -> str:
        return self.description_en if _english() else self.description_nl

    @property
    def methods(self) -> str:
        return self.methods_en if _english() else self.methods_nl

    @property
    def suits(self) -> str:
        return self.suits_en if _english() else self.suits_nl


ADDITION_MAX_LENGTH = 4000


class WorkModelAddition(models.Model):
    """What one organisation adds to a model's shared text: its own methods and experience.

    The shared text stays as the study describes it; an addition never replaces it.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="work_model_additions"
    )
    work_model = models.ForeignKey(WorkModel, on_delete=models.CASCADE, related_name="additions")
    methods = models.TextField(
        _("our methods"), blank=True, validators=[MaxLengthValidator(ADDITION_MAX_LENGTH)]
    )
    suits = models.TextField(
        _("who it suits, in our experience"),
        blank=True,
        validators=[MaxLengthValidator(ADDITION_MAX_LENGTH)],
    )
    notes = models.TextField(
        _("other notes"), blank=True, validators=[MaxLengthValidator(ADDITION_MAX_LENGTH)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation's addition to a work model")
        verbose_name_plural = _("organisations' additions to work models")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "work_model"], name="one_addition_per_model_and_org"
            )
        ]

    def __str__(self) -> str:
        return f"addition {self.pk}"

    @property
    def is_empty(self) -> bool:
        return not (self.methods or self.suits or self.notes)


class Initiative(models.Model):
    """An initiative in the directory (sociale kaart): where a work model is on offer.

    Each organisation keeps its own entries. Entries marked as shared (the default) are
    listed for every organisation, read-only, because knowing what exists in the field is a
    critical success factor of the study; an entry that is not shared stays with its owner.
    """

    class Delivery(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        DIGITAL = "digital", _("Digital")
        BOTH = "both", _("On site and digital")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="initiatives"
    )
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("organisation running it"), max_length=200)
    work_models = models.ManyToManyField(
        WorkModel, verbose_name=_("work models"), related_name="initiatives"
    )
    municipalities = models.JSONField(_("municipalities served"), default=list, blank=True)
    area = models.CharField(_("area or neighbourhood"), max_length=200, blank=True)
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    delivery = models.CharField(
        _("on site or digital"), max_length=8, choices=Delivery.choices, default=Delivery.ON_SITE
    )
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    sign_up = models.CharField(_("how to sign up"), max_length=500, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    contact_email = models.EmailField(
        _("e-mail address for referrals"),
        blank=True,
        help_text=_("Where a referral e-mail goes when the organisation is not on Netwerk."),
    )
    # The organisation on this Netwerk that runs the initiative: its referrals arrive in that
    # organisation's referral inbox. Empty: the organisation is not on Netwerk (a referral then
    # is a letter for the participant and, with consent, an e-mail to `contact_email`).
    run_by = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation on Netwerk that runs it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives_run",
    )
    accessibility = models.CharField(_("accessibility notes"), max_length=500, blank=True)
    last_checked_on = models.DateField(
        _("last checked"), null=True, blank=True, validators=HAPPENED
    )
    shared = models.BooleanField(
        _("shared with other organisations"),
        default=True,
        help_text=_("Other organisations on Netwerk see this entry (read-only)."),
    )
    # "|gent|merelbeke|" and "|nl|fr|": exact filters with a plain LIKE on every database.
    municipality_key = models.CharField(max_length=2000, blank=True, editable=False)
    language_key = models.CharField(max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.municipality_key = key_of(self.municipalities)
        self.language_key = key_of(self.languages)
        super().save(*args, **kwargs)

    @property
    def is_digital(self) -> bool:
        return self.delivery in (self.Delivery.DIGITAL, self.Delivery.BOTH)

    @property
    def is_on_site(self) -> bool:
        return self.delivery in (self.Delivery.ON_SITE, self.Delivery.BOTH)


def key_of(values) -> str:
    items = [str(value).strip().casefold() for value in values or [] if str(value).strip()]
    return "|" + "|".join(items) + "|" if items else ""
