# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from bouwplaats.organisations.models import Municipality


class Role(models.TextChoices):
    """The role a user holds on the platform (design.md §7).

    Coordinators are members with an approved membership of a municipality; the role is set
    when programme staff approve the request and dropped when the last membership ends.
    """

    MEMBER = "member", _("member")
    COORDINATOR = "coordinator", _("municipality coordinator")
    SUPPLIER = "supplier", _("supplier representative")
    STAFF = "staff", _("programme staff")
    ADMIN = "admin", _("administrator")


def user_reference(verbose_name, *, blank: bool = True) -> models.ForeignKey:
    """A link to the user who did something: emptied when the account is deleted, without a way back
    from the user (``related_name="+"``)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person with an account; signs in with the e-mail address."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    organisation_name = models.CharField(
        _("organisation"), max_length=150, blank=True, help_text=_("For supplier representatives: the supplier.")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    ENDED = "ended", _("ended")


class Membership(models.Model):
    """A user's (requested) membership of a municipality, decided by programme staff."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.PENDING, db_index=True
    )
    motivation = models.TextField(_("motivation"), max_length=2000, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("decision note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            # At most one open (requested or approved) membership per user and municipality.
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="membership_one_open_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_status_display()})"

    @property
    def organisation(self) -> Municipality:
        """What the member joins (shared with the suppliers' representations, for their pages)."""
        return self.municipality
