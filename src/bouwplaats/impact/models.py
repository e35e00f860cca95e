# SPDX-License-Identifier: EUPL-1.2
"""Landscapes (each municipality's applications), impact scenarios, their runs and the cost model.

An application points at GEMMA concepts by **object id** (the stable GEMMA identifier), not by a
foreign key to one release's element, so that a landscape survives the import of a new release.
Results are computed on demand from the scenario, the model release it names and the landscapes
of that moment (the engine takes milliseconds); an ``ImpactRun`` records that a run happened,
on which release, and its national totals, so that figures that were reported can be traced.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import user_reference

MAX_NARRATIVE_LENGTH = 20_000


class ApplicationSource(models.TextChoices):
    SELF = "self", _("entered in the site")
    IMPORT = "import", _("imported from a file")
    DEMO = "demo", _("demo data")


class Application(models.Model):
    """One application in a municipality's landscape, mapped to GEMMA reference components."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    name = models.CharField(_("application"), max_length=200)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    product = models.CharField(_("product"), max_length=200, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    # What the texts above name in the suppliers' register, when someone linked it (the texts stay as typed).
    linked_supplier = models.ForeignKey(
        "suppliers.Supplier",
        verbose_name=_("linked supplier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    product_version = models.ForeignKey(
        "suppliers.ProductVersion",
        verbose_name=_("product version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    source = models.CharField(
        _("source"), max_length=10, choices=ApplicationSource.choices, default=ApplicationSource.SELF
    )
    is_demo = models.BooleanField(_("demo data"), default=False, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["municipality", "name", "pk"]
        indexes = [models.Index(fields=["municipality", "name"], name="impact_application_name")]

    def __str__(self) -> str:
        return self.name


class ReferenceKind(models.TextChoices):
    COMPONENT = "component", _("reference component")
    STANDARD = "standard", _("supported standard")


class ApplicationReference(models.Model):
    """A GEMMA object an application realises (a reference component) or supports (a standard)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(_("kind"), max_length=10, choices=ReferenceKind.choices)
    object_id = models.CharField(_("GEMMA object ID"), max_length=100)

    class Meta:
        verbose_name = _("application reference")
        verbose_name_plural = _("application references")
        ordering = ["application", "kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "object_id"], name="impact_reference_unique")
        ]
        # The impact join starts from the affected object ids: "which applications touch these?"
        indexes = [models.Index(fields=["kind", "object_id"], name="impact_reference_object")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.object_id}"


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("checked (dry run)")
    REFUSED = "refused", _("refused")
    APPLIED = "applied", _("applied")


class LandscapeImport(models.Model):
    """An uploaded landscape file with its per-row report; applied at most once, all rows at once."""

    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    report = models.JSONField(_("report"), default=dict)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    uploaded_by = user_reference(_("uploaded by"), blank=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("landscape import")
        verbose_name_plural = _("landscape imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name


class ImpactScenario(models.Model):
    """What to analyse (a building block or chosen start elements), over which model release, how."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    programme = models.ForeignKey(
        "catalogue.Programme", verbose_name=_("programme"), null=True, blank=True, on_delete=models.SET_NULL
    )
    building_block = models.ForeignKey(
        "catalogue.BuildingBlock",
        verbose_name=_("building block"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_elements = models.JSONField(_("start elements (identifiers in the model release)"), default=list, blank=True)
    start_object_ids = models.JSONField(_("start elements (GEMMA object IDs)"), default=list, blank=True)
    model = models.ForeignKey(
        "architecture.ArchitectureModel",
        verbose_name=_("model release"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rules = models.JSONField(_("traversal rules"), default=list)
    max_depth = models.PositiveSmallIntegerField(
        _("maximum depth"), default=4, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = user_reference(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The narrative sections of the report (sanitised Markdown), in the order of the NUP analyses.
    usability = models.TextField(_("usability"), blank=True, max_length=MAX_NARRATIVE_LENGTH)
    technology = models.TextField(_("technology"), blank=True, max_length=MAX_NARRATIVE_LENGTH)
    organisation = models.TextField(_("organisation and process"), blank=True, max_length=MAX_NARRATIVE_LENGTH)
    implementability = models.TextField(
        _("implementability and support needed"), blank=True, max_length=MAX_NARRATIVE_LENGTH
    )
    costs_benefits = models.TextField(_("costs and benefits"), blank=True, max_length=MAX_NARRATIVE_LENGTH)
    feasibility = models.TextField(
        _("feasibility of the result agreement"), blank=True, max_length=MAX_NARRATIVE_LENGTH
    )
    do_now = models.TextField(_("what the municipality can do now"), blank=True, max_length=MAX_NARRATIVE_LENGTH)
    actions = models.TextField(_("actions per actor"), blank=True, max_length=MAX_NARRATIVE_LENGTH)

    NARRATIVE_FIELDS = (
        "usability",
        "technology",
        "organisation",
        "implementability",
        "costs_benefits",
        "feasibility",
        "do_now",
        "actions",
    )

    class Meta:
        verbose_name = _("impact scenario")
        verbose_name_plural = _("impact scenarios")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class ImpactRun(models.Model):
    """A recorded run of a scenario: the release it used and its national totals at that moment."""

    scenario = models.ForeignKey(ImpactScenario, on_delete=models.CASCADE, related_name="runs")
    model = models.ForeignKey(
        "architecture.ArchitectureModel", verbose_name=_("model release"), on_delete=models.PROTECT, related_name="+"
    )
    ran_by = user_reference(_("run by"), blank=False)
    ran_at = models.DateTimeField(_("run at"), auto_now_add=True)
    summary = models.JSONField(_("summary"), default=dict)

    class Meta:
        verbose_name = _("impact run")
        verbose_name_plural = _("impact runs")
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.scenario} {self.ran_at:%Y-%m-%d %H:%M}"


class GapKind(models.TextChoices):
    MISSING_COMPONENT = "component", _("required reference component without an application")
    MISSING_STANDARD = "standard", _("required standard not known to be supported")
    AFFECTED_APPLICATION = "application", _("affected application to adapt and test")


class CostRate(models.Model):
    """The estimated effort (in euros) for one gap of a kind in a municipality of a size class."""

    kind = models.CharField(_("kind"), max_length=12, choices=GapKind.choices)
    size_class = models.PositiveSmallIntegerField(
        _("size class"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    amount = models.PositiveIntegerField(_("amount (euro)"))

    class Meta:
        verbose_name = _("cost rate")
        verbose_name_plural = _("cost rates")
        ordering = ["kind", "size_class"]
        constraints = [models.UniqueConstraint(fields=["kind", "size_class"], name="impact_cost_rate_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.size_class}: {self.amount}"
