# SPDX-License-Identifier: EUPL-1.2
"""ArchiMate models (GEMMA and others), imported per release and never edited in place.

An import stores one ``ArchitectureModel`` row per release with its elements, relations and
views. Two releases of the same model live side by side; the impact analysis names the release
it ran on, so that a result can always be explained against the model it came from.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SourceFormat(models.TextChoices):
    CSV = "csv", _("CSV (flattened model)")
    AMEFF = "ameff", _("ArchiMate Model Exchange File Format")
    ARCHIMATE = "archimate", _("Archi model file (.archimate)")


class Layer(models.TextChoices):
    """The ArchiMate layer of an element type; the impact analysis groups its results by it."""

    STRATEGY = "strategy", _("Strategy")
    BUSINESS = "business", _("Business")
    APPLICATION = "application", _("Application")
    TECHNOLOGY = "technology", _("Technology")
    MOTIVATION = "motivation", _("Motivation and standards")
    IMPLEMENTATION = "implementation", _("Implementation and migration")
    OTHER = "other", _("Other")


class ArchitectureModel(models.Model):
    """One release of an architecture model."""

    name = models.CharField(_("name"), max_length=200)
    release = models.CharField(_("release"), max_length=100)
    documentation = models.TextField(_("documentation"), blank=True)
    properties = models.JSONField(_("properties"), default=dict, blank=True)
    source_format = models.CharField(_("imported from"), max_length=20, choices=SourceFormat.choices)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    # A digest of the imported content (elements, relations, views), so that importing the same
    # release again is recognised and changes nothing.
    content_digest = models.CharField(_("content digest"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    element_count = models.PositiveIntegerField(_("elements"), default=0)
    relation_count = models.PositiveIntegerField(_("relations"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    # What an exchange file says of the model besides its concepts, kept so that an export gives
    # it back: the model's own identifier, the language of its texts, its Dublin Core metadata
    # (``{"schema", "schemaversion", "dc": [[name, text], ...]}``) and the identifiers and types
    # of its property definitions (``{name: {"identifier", "type"}}``).
    identifier = models.CharField(_("identifier in the file"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    property_definitions = models.JSONField(_("property definitions"), default=dict, blank=True)
    # The import report: what the file held that Bouwplaats did not keep, as
    # ``[{"code", "count", "names"}]`` (see ``importers.notes``), shown on the model's page.
    import_notes = models.JSONField(_("import report"), default=list, blank=True)

    class Meta:
        verbose_name = _("architecture model")
        verbose_name_plural = _("architecture models")
        ordering = ["name", "-imported_at"]
        constraints = [models.UniqueConstraint(fields=["name", "release"], name="architecture_model_release_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.release}"

    def get_absolute_url(self) -> str:
        return reverse("architecture:model-detail", kwargs={"name": self.name, "release": self.release})


class Element(models.Model):
    """An ArchiMate element: a business function, reference component, standard, ..."""

    model = models.ForeignKey(ArchitectureModel, on_delete=models.CASCADE, related_name="elements")
    identifier = models.CharField(_("identifier"), max_length=100, help_text=_("The id in the source file."))
    object_id = models.CharField(
        _("object ID"), max_length=100, blank=True, db_index=True, help_text=_("The stable GEMMA identifier.")
    )
    type = models.CharField(_("ArchiMate type"), max_length=60)
    layer = models.CharField(_("layer"), max_length=20, choices=Layer.choices)
    name = models.CharField(_("name"), max_length=500, blank=True)
    gemma_type = models.CharField(_("GEMMA type"), max_length=100, blank=True)
    profile = models.CharField(_("profile"), max_length=100, blank=True)
    folder_path = models.CharField(_("folder"), max_length=500, blank=True)
    documentation = models.TextField(_("documentation"), blank=True)
    properties = models.JSONField(_("properties"), default=dict, blank=True)

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        ordering = ["name", "identifier"]
        constraints = [models.UniqueConstraint(fields=["model", "identifier"], name="architecture_element_unique")]
        indexes = [
            models.Index(fields=["model", "type"], name="architecture_element_type"),
            models.Index(fields=["model", "gemma_type"], name="architecture_element_gemma"),
            models.Index(fields=["model", "object_id"], name="architecture_element_object"),
        ]

    def __str__(self) -> str:
        return self.name or self.identifier

    def get_absolute_url(self) -> str:
        return reverse(
            "architecture:element-detail",
            kwargs={"name": self.model.name, "release": self.model.release, "identifier": self.identifier},
        )


class Relation(models.Model):
    """An ArchiMate relationship between two elements.

    ArchiMate also allows a relationship to end on another relationship (an association with a
    flow, for example); such ends are kept by identifier only, with ``source``/``target`` empty.
    """

    model = models.ForeignKey(ArchitectureModel, on_delete=models.CASCADE, related_name="relations")
    identifier = models.CharField(_("identifier"), max_length=100)
    object_id = models.CharField(_("object ID"), max_length=100, blank=True)
    type = models.CharField(_("ArchiMate type"), max_length=60)
    name = models.CharField(_("name"), max_length=500, blank=True)
    source_identifier = models.CharField(_("source"), max_length=100)
    target_identifier = models.CharField(_("target"), max_length=100)
    source = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("source")
    )
    target = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("target")
    )
    attributes = models.JSONField(_("attributes"), default=dict, blank=True, help_text=_("For example accessType."))
    folder_path = models.CharField(_("folder"), max_length=500, blank=True)
    documentation = models.TextField(_("documentation"), blank=True)
    properties = models.JSONField(_("properties"), default=dict, blank=True)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["type", "identifier"]
        constraints = [models.UniqueConstraint(fields=["model", "identifier"], name="architecture_relation_unique")]
        indexes = [models.Index(fields=["model", "type"], name="architecture_relation_type")]

    def __str__(self) -> str:
        return f"{self.type} {self.source_identifier} → {self.target_identifier}"


class View(models.Model):
    """A view (diagram) of the model: which elements it shows and, when the file said so, how.

    ``layout`` is the diagram as drawn (see ``importers.layout``): nodes with their bounds,
    nesting, kind (element, label, container) and style; connections with their bendpoints. A
    view read from CSV files has none, and is drawn on a grid when exported. ``viewpoint`` is the
    name the exchange format uses ("Layered"), whatever form the file had.
    """

    model = models.ForeignKey(ArchitectureModel, on_delete=models.CASCADE, related_name="views")
    identifier = models.CharField(_("identifier"), max_length=100)
    object_id = models.CharField(_("object ID"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=500, blank=True)
    viewpoint = models.CharField(_("viewpoint"), max_length=100, blank=True)
    folder_path = models.CharField(_("folder"), max_length=500, blank=True)
    documentation = models.TextField(_("documentation"), blank=True)
    properties = models.JSONField(_("properties"), default=dict, blank=True)
    elements = models.ManyToManyField(Element, related_name="views", blank=True, verbose_name=_("elements"))
    layout = models.JSONField(_("layout"), default=dict, blank=True)

    class Meta:
        verbose_name = _("view")
        verbose_name_plural = _("views")
        ordering = ["name", "identifier"]
        constraints = [models.UniqueConstraint(fields=["model", "identifier"], name="architecture_view_unique")]

    def __str__(self) -> str:
        return self.name or self.identifier
