"""Who is who: people, organisations, the role a person holds in each, and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.validators import between


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. What they may see depends on their membership, not on the user."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform staff"),
        default=False,
        help_text=_("May use the technical admin site. Not needed for daily work."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split(" ")[0] if self.full_name else "") or self.email


class Organisation(models.Model):
    """A welfare organisation: the data controller. Every case record belongs to one."""

    class Kind(models.TextChoices):
        CAW = "caw", _("CAW (general welfare centre)")
        LOCAL_SERVICES = "local_services", _("OCMW / local social services")
        COMMUNITY_WORK = "community_work", _("Community work")
        POVERTY_ASSOCIATION = (
            "poverty_association",
            _("Association where people in poverty speak for themselves"),
        )
        BUDDY_PROJECT = "buddy_project", _("Buddy project")
        # The city or town itself (its local social policy): where policy analysts work.
        MUNICIPALITY = "municipality", _("Municipality (local government)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    municipality = models.CharField(_("municipality"), max_length=120)
    require_mfa = models.BooleanField(
        _("require two-factor authentication for staff"),
        default=True,
        help_text=_(
            "Org admins, coordinators and social workers must set up an authenticator app "
            "before they can work."
        ),
    )
    team_access = models.BooleanField(
        _("team access to files"),
        default=False,
        help_text=_("Social workers may read (not change) their colleagues' participant files."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years after closing before a file is anonymised"),
        default=5,
        validators=between(1, 100),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation admin")
    COORDINATOR = "coordinator", _("Coordinator")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    VOLUNTEER = "volunteer", _("Volunteer")
    RESEARCHER = "researcher", _("Researcher")
    # A municipality's local social policy officer: the cross-organisation signals report only
    # (`accounts.analyst_scope`), never a file, a name or an organisation's own figures.
    POLICY_ANALYST = "policy_analyst", _("Policy analyst")


# Roles that work with identifiable case data and so must use two-factor authentication
# where the organisation requires it. Researchers and policy analysts are not among them:
# they see suppressed aggregates (and stories an organisation released after a check that they
# name no one), never a file, so a password is enough; they may still set up an authenticator.
STAFF_ROLES = frozenset({Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER})


# Organisations whose org admins may invite a policy analyst: the local government and its
# social services (in Flanders the OCMW is part of the municipality).
POLICY_ANALYST_KINDS = frozenset({Organisation.Kind.MUNICIPALITY, Organisation.Kind.LOCAL_SERVICES})


class Membership(models.Model):
    """The role one person holds in one organisation. Access always goes through this."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organisation_id}:{self.role}"

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class Invitation(models.Model):
    """An org admin invites a person by e-mail; the link lets them set a password.

    Only a hash of the token is stored, so a copy of the database does not hold working links.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "email"])]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class AuditEventQuerySet(models.QuerySet):
    """The audit trail is append-only: the application has no way to change or remove it."""

    def update(self, **kwargs):
        raise PermissionError("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionError("The audit trail cannot be changed.")


class AppendOnly(models.Model):
    """The audit trail's rows are written once: no change, no delete."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail cannot be changed.")


class AuditEvent(AppendOnly):
    """Who did what to which record, when. Ids and codes only: never personal data."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        READ = "read", _("read")
        EXPORT = "export", _("exported")
        INVITE = "invite", _("invited")
        ACCEPT = "accept", _("accepted invitation")
        REVOKE = "revoke", _("revoked")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed log-in")
        LOGOUT = "logout", _("logged out")
        SWITCH = "switch", _("switched organisation")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Names of the fields a change touched, never their values.
    fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"


class AuditEventObject(AppendOnly):
    """One of the records an event names when it concerns several at once: the files a list
    page or an API answer showed (one event per answer, one row per file). Ids only."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="objects_named")
    object_id = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("record named by an audit event")
        verbose_name_plural = _("records named by audit events")
        indexes = [models.Index(fields=["object_id"])]

    def __str__(self) -> str:
        return f"{self.event_id}:{self.object_id}"


class RememberedDevice(models.Model):
    """A volunteer's own phone, remembered at log-in ("remember this phone").

    The session on that phone outlives the 30 idle minutes and the 12-hour limit, up to
    `expires_at`, but only while the phone shows the cookie whose hash is stored here and the
    device is not revoked. Only the token's hash is kept: the database alone cannot sign in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remembered_devices"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="remembered_devices"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("device"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("remembered since"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last used"), default=timezone.now)
    expires_at = models.DateTimeField(_("remembered until"))
    revoked_at = models.DateTimeField(_("forgotten on"), null=True, blank=True)

    class Meta:
        verbose_name = _("remembered phone")
        verbose_name_plural = _("remembered phones")
        ordering = ["-last_seen_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-last_seen_at"])]

    def __str__(self) -> str:
        return f"device {self.pk}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
