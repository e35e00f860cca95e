# SPDX-License-Identifier: EUPL-1.2
"""Suppliers, their products and versions, readiness per building block or standard, the
programme's supplier agreements, and StUF conformance reports (design.md §2.4, §6)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import MembershipStatus

kvk_validator = RegexValidator(r"^[0-9]{8}$", _("A KvK number has 8 digits, for example 30123456."))


class Supplier(models.Model):
    """A software supplier (leverancier) whose products municipalities use."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kvk_number = models.CharField(
        _("KvK number"), max_length=8, unique=True, null=True, blank=True, validators=[kvk_validator]
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SupplierMembership(models.Model):
    """A user's (requested) place as representative of one supplier, decided by programme staff."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="supplier_memberships"
    )
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.PENDING, db_index=True
    )
    motivation = models.TextField(_("motivation"), max_length=2000, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("decision note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("supplier membership")
        verbose_name_plural = _("supplier memberships")
        ordering = ["-requested_at"]
        constraints = [
            # A representative speaks for one supplier: one open (requested or approved) membership per user.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "approved"]),
                name="supplier_membership_one_open_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.supplier} ({self.get_status_display()})"

    @property
    def organisation(self) -> Supplier:
        """What the member represents (as a municipality membership's ``organisation``)."""
        return self.supplier


class Product(models.Model):
    """A software product (pakket) of a supplier."""

    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["supplier__name", "name"]
        constraints = [models.UniqueConstraint(fields=["supplier", "name"], name="supplier_product_name_unique")]

    def __str__(self) -> str:
        return self.name


class ProductVersion(models.Model):
    """A released (or announced) version of a product; readiness is recorded per version."""

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=50)
    release_date = models.DateField(_("release date"))
    end_of_support = models.DateField(_("end of support"), null=True, blank=True)

    class Meta:
        verbose_name = _("product version")
        verbose_name_plural = _("product versions")
        ordering = ["product", "-release_date", "version"]
        constraints = [
            models.UniqueConstraint(fields=["product", "version"], name="supplier_product_version_unique"),
            models.CheckConstraint(
                condition=Q(end_of_support__isnull=True) | Q(end_of_support__gte=models.F("release_date")),
                name="supplier_version_support_after_release",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.version}"


class SchemaSet(models.TextChoices):
    """The official XML schemas a conformance check validates a standard's messages against."""

    NONE = "", _("no conformance check")
    STUF_BG_0204 = "stuf-bg-0204", "StUF-BG 2.04"
    STUF_ZKN_0310 = "stuf-zkn-0310", "StUF-ZKN 3.10 / StUF-BG 3.10"


class Standard(models.Model):
    """An interface standard a product can support (StUF-BG 2.04, Digikoppeling, or one named in GEMMA)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    gemma_object_id = models.CharField(_("GEMMA object id"), max_length=36, blank=True, db_index=True)
    schema_set = models.CharField(
        _("conformance check"), max_length=20, choices=SchemaSet.choices, default=SchemaSet.NONE, blank=True
    )
    source = models.URLField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConformanceReport(models.Model):
    """The outcome of validating uploaded StUF messages against a standard's official schemas.

    `results` holds one entry per message: its file name and the errors found, each with the line,
    the XPath of the element and the schema's message; the uploaded files themselves are not kept.
    """

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="conformance_reports"
    )
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conformance_reports",
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conformance_reports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="conformance_reports",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    message_count = models.PositiveIntegerField(_("messages"))
    error_count = models.PositiveIntegerField(_("errors"))
    passed = models.BooleanField(_("passed"))
    results = models.JSONField(_("results"), default=list)

    class Meta:
        verbose_name = _("conformance report")
        verbose_name_plural = _("conformance reports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.standard})"


class ReadinessState(models.TextChoices):
    SUPPORTED = "supported", _("supported since")
    PLANNED = "planned", _("planned for")
    NOT_PLANNED = "not_planned", _("not planned")


class Readiness(models.Model):
    """Whether a product version supports a building block or a standard, since or from when, with evidence.

    Exactly one of `building_block` and `standard` is set. `date` is the date support began
    (supported) or is planned (planned); it is empty when support is not planned.
    """

    product_version = models.ForeignKey(
        ProductVersion, verbose_name=_("product version"), on_delete=models.CASCADE, related_name="readiness"
    )
    building_block = models.ForeignKey(
        "catalogue.BuildingBlock",
        verbose_name=_("building block"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="readiness",
    )
    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), null=True, blank=True, on_delete=models.CASCADE, related_name="readiness"
    )
    state = models.CharField(_("readiness"), max_length=12, choices=ReadinessState.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), max_length=4000, blank=True)
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    conformance_report = models.ForeignKey(
        ConformanceReport,
        verbose_name=_("conformance report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="readiness",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("readiness")
        verbose_name_plural = _("readiness")
        constraints = [
            models.CheckConstraint(
                condition=Q(building_block__isnull=False, standard__isnull=True)
                | Q(building_block__isnull=True, standard__isnull=False),
                name="supplier_readiness_block_or_standard",
            ),
            models.CheckConstraint(
                condition=Q(state="not_planned", date__isnull=True) | (~Q(state="not_planned") & Q(date__isnull=False)),
                name="supplier_readiness_date_matches_state",
            ),
            models.UniqueConstraint(
                fields=["product_version", "building_block"],
                condition=Q(building_block__isnull=False),
                name="supplier_readiness_one_per_block",
            ),
            models.UniqueConstraint(
                fields=["product_version", "standard"],
                condition=Q(standard__isnull=False),
                name="supplier_readiness_one_per_standard",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_version}: {self.building_block or self.standard} ({self.get_state_display()})"


class AgreementKind(models.TextChoices):
    COVENANT = "covenant", _("covenant")
    ADDENDUM = "addendum", _("addendum")


class Agreement(models.Model):
    """The programme's covenant with suppliers, or one of its addenda for particular building blocks."""

    programme = models.ForeignKey(
        "catalogue.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="supplier_agreements"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    building_blocks = models.ManyToManyField(
        "catalogue.BuildingBlock", verbose_name=_("building blocks"), blank=True, related_name="supplier_agreements"
    )
    source = models.URLField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("supplier agreement")
        verbose_name_plural = _("supplier agreements")
        ordering = ["programme", "kind", "title"]
        constraints = [models.UniqueConstraint(fields=["programme", "title"], name="supplier_agreement_title_unique")]

    def __str__(self) -> str:
        return self.title


class AgreementSignature(models.Model):
    """A supplier's signature under an agreement."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="signatures"
    )
    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="signatures"
    )
    signed_on = models.DateField(_("signed on"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["agreement", "supplier__name"]
        constraints = [models.UniqueConstraint(fields=["agreement", "supplier"], name="supplier_signature_unique")]

    def __str__(self) -> str:
        return f"{self.supplier} – {self.agreement}"


class DeliveryCommitment(models.Model):
    """The date by which a signing supplier committed to deliver a building block."""

    signature = models.ForeignKey(
        AgreementSignature, verbose_name=_("signature"), on_delete=models.CASCADE, related_name="commitments"
    )
    building_block = models.ForeignKey(
        "catalogue.BuildingBlock",
        verbose_name=_("building block"),
        on_delete=models.CASCADE,
        related_name="delivery_commitments",
    )
    due_date = models.DateField(_("delivery date"))

    class Meta:
        verbose_name = _("delivery commitment")
        verbose_name_plural = _("delivery commitments")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["signature", "building_block"], name="supplier_commitment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.signature.supplier}: {self.building_block} ({self.due_date})"
