# SPDX-License-Identifier: EUPL-1.2
import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import size_class_for


class Province(models.Model):
    code = models.CharField(_("CBS code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def on(self, date: datetime.date) -> "MunicipalityQuerySet":
        """The municipal division on ``date``: valid_from <= date < valid_to (or no end)."""
        return self.filter(valid_from__lte=date).filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=date))


class Municipality(models.Model):
    """A municipality (gemeente) during one period of its existence.

    A code is normally used for one period only; when a municipality changed province
    (Vianen, 2002) the same code has two consecutive periods, each its own row.
    """

    code = models.CharField(_("CBS code"), max_length=6, db_index=True, help_text=_("GM followed by four digits."))
    name = models.CharField(_("name"), max_length=100, db_index=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The first day it no longer existed.")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="municipality_code_period_unique")]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def exists_on(self, date: datetime.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date < self.valid_to)

    @property
    def size_class(self):
        """Size class from an annotated ``inhabitants`` value (see selectors), if present."""
        return size_class_for(getattr(self, "inhabitants", None))


class Population(models.Model):
    """Number of inhabitants on 1 January of ``year``, with its source."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(_("year (1 January)"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    source = models.CharField(_("source"), max_length=255)
    derived = models.BooleanField(
        _("derived"), default=False, help_text=_("Computed from other figures (for example the sum of predecessors).")
    )

    class Meta:
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        ordering = ["municipality", "year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="population_year_unique")]

    def __str__(self) -> str:
        return f"{self.municipality.code} {self.year}: {self.inhabitants}"
