# SPDX-License-Identifier: EUPL-1.2
"""Implementation guides (handreikingen): per building block a versioned list of steps.

Publishing changes makes a new ``GuideVersion`` with its own steps; earlier versions and the
ticks that point at their steps stay as they were. A coordinator ticks steps of the current
version for their own municipality (``StepCompletion``).
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import user_reference


class Guide(models.Model):
    building_block = models.OneToOneField(
        "catalogue.BuildingBlock", verbose_name=_("building block"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def __str__(self) -> str:
        return str(_("Guide for %(block)s") % {"block": self.building_block_id})

    def get_absolute_url(self) -> str:
        return reverse("knowledge:guide-detail", args=[self.building_block.code])


class GuideVersion(models.Model):
    guide = models.ForeignKey(Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    introduction = models.TextField(_("introduction"), blank=True, max_length=10000)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = user_reference(_("published by"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        ordering = ["guide", "-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guide_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.guide_id} v{self.number}"


class GuideStep(models.Model):
    version = models.ForeignKey(GuideVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("step"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    level = models.ForeignKey(
        "catalogue.StatusLevel",
        verbose_name=_("status level"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The step of the status ladder this step belongs to."),
    )

    class Meta:
        verbose_name = _("guide step")
        verbose_name_plural = _("guide steps")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="guide_step_position_unique")]

    def __str__(self) -> str:
        return self.title


class StepCompletion(models.Model):
    step = models.ForeignKey(GuideStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="completions")
    municipality = models.ForeignKey(
        "organisations.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    completed_by = user_reference(_("ticked by"))
    completed_at = models.DateTimeField(_("ticked at"), default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        constraints = [
            models.UniqueConstraint(fields=["step", "municipality"], name="step_completion_once_per_municipality")
        ]

    def __str__(self) -> str:
        return f"{self.step_id} @ {self.municipality_id}"
