# SPDX-License-Identifier: EUPL-1.2
import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bouwplaats.architecture.gemma import gemma_online_url

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9+-]{0,39}$", _("Use capital letters, digits, '+' and '-' only (at most 40).")
)


class StatusVisibility(models.TextChoices):
    """Who may see each municipality's progress in a programme (besides staff and its own coordinators)."""

    PUBLIC = "public", _("public")
    AFTER_END = "after_end", _("public after the programme has ended")
    AGGREGATED = "aggregated", _("aggregated figures only")


class Programme(models.Model):
    """An implementation programme such as Operatie NUP, or one of its successors."""

    slug = models.SlugField(_("short name in addresses"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("commissioned by"), max_length=150, blank=True)
    executor = models.CharField(_("carried out by"), max_length=150, blank=True)
    start_date = models.DateField(_("start"))
    start_date_note = models.CharField(
        _("note on the start"), max_length=500, blank=True, help_text=_("For example where sources disagree.")
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    reference_date = models.DateField(
        _("reference date"), help_text=_("The programme runs on the municipal division of this date.")
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    is_current = models.BooleanField(_("current programme"), default=False, help_text=_("Shown on the home page."))
    municipality_status_visibility = models.CharField(
        _("progress per municipality"),
        max_length=20,
        choices=StatusVisibility.choices,
        default=StatusVisibility.AFTER_END,
        help_text=_(
            "Who sees each municipality's own progress. The aggregated figures (national, per province) "
            "are always public; programme staff and a municipality's own coordinators always see its details."
        ),
    )
    result_agreement_total = models.PositiveSmallIntegerField(
        _("number of result agreements"),
        null=True,
        blank=True,
        help_text=_(
            "How many result agreements the programme has in all, entered or not; "
            "the result agreements page says how many are still missing."
        ),
    )
    # Closing makes the programme read-only for good (``catalogue.rules.require_open``); it stays
    # readable and reportable.
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        """Whether programme staff closed the programme: from then on nothing in it changes."""
        return self.closed_on is not None

    def municipality_status_is_public(self, on: datetime.date | None = None) -> bool:
        """Whether everyone may see each municipality's progress in this programme on ``on`` (today).

        The one rule for pages, links, exports and the API; ``public_status_filter`` is the same rule
        for querysets.
        """
        visibility = self.municipality_status_visibility
        if visibility == StatusVisibility.PUBLIC:
            return True
        if visibility == StatusVisibility.AFTER_END:
            return self.end_date is not None and self.end_date <= (on or timezone.localdate())
        return False

    @staticmethod
    def public_status_filter(prefix: str = "", on: datetime.date | None = None) -> models.Q:
        """``municipality_status_is_public`` as a filter; ``prefix`` leads from the queried model to the
        programme, e.g. ``"building_block__programme__"``."""
        on = on or timezone.localdate()
        return models.Q(**{f"{prefix}municipality_status_visibility": StatusVisibility.PUBLIC}) | models.Q(
            **{
                f"{prefix}municipality_status_visibility": StatusVisibility.AFTER_END,
                f"{prefix}end_date__lte": on,
            }
        )


class StatusLevel(models.Model):
    """One rung of a programme's status ladder, from 'not started' to 'in use'."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="status_levels")
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("0 is the lowest level."))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("status level")
        verbose_name_plural = _("status levels")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="status_level_position_unique"),
            models.UniqueConstraint(fields=["programme", "code"], name="status_level_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MunicipalityRole(models.TextChoices):
    """What a municipality must do for a building block."""

    SOURCE_HOLDER = "bronhouder", _("be the source holder (keep the register)")
    USER_OF_REGISTER = "afnemer", _("use the register's data (as a user of the register)")
    CONNECT = "aansluiten", _("connect to the facility")
    INTRODUCE = "invoeren", _("introduce it in its own organisation")
    USE = "gebruiken", _("use it")


class DeadlineBasis(models.TextChoices):
    LAW = "law", _("set by law")
    PROGRAMME_END = "programme_end", _("end of the programme")
    AGREEMENT = "agreement", _("set by a result agreement")


class Evidence(models.TextChoices):
    SOURCE = "source", _("source")
    INFERRED = "inferred", _("inferred")


class Wording(models.TextChoices):
    """What the text of a result agreement is: never shown as the official wording unless it is."""

    OFFICIAL = "official", _("official wording")
    PARAPHRASE = "paraphrase", _("paraphrase")
    SUMMARY = "summary", _("summary")
    NOT_FOUND = "not_found", _("wording not found")


class BuildingBlock(models.Model):
    """A national facility, register or standard that municipalities implement (bouwsteen)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="building_blocks")
    code = models.CharField(_("code"), max_length=40, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("In Dutch."))
    description_en = models.TextField(
        _("description in English"), blank=True, help_text=_("Shown on the pages in English; empty: the Dutch one.")
    )
    description_source = models.URLField(
        _("source of the description"),
        max_length=500,
        blank=True,
        help_text=_("The public source the description is written from."),
    )
    cluster = models.CharField(_("cluster"), max_length=100)
    owner = models.CharField(_("owner"), max_length=150, help_text=_("Owning ministry or managing organisation."))
    municipality_role = models.CharField(
        _("what the municipality must do"), max_length=20, choices=MunicipalityRole.choices
    )
    gemma_object_id = models.CharField(
        _("GEMMA object id"),
        max_length=36,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                _("Enter a GEMMA object id (a UUID)."),
            )
        ],
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_basis = models.CharField(
        _("basis of the deadline"), max_length=20, choices=DeadlineBasis.choices, blank=True
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.INFERRED,
        help_text=_("'source': a public source ties the block to the programme; 'inferred': no source read says so."),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    depends_on = models.ManyToManyField(
        "self", verbose_name=_("depends on"), symmetrical=False, blank=True, related_name="required_by"
    )

    class Meta:
        verbose_name = _("building block")
        verbose_name_plural = _("building blocks")
        ordering = ["programme", "cluster", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="building_block_code_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def gemma_url(self) -> str:
        return gemma_online_url(self.gemma_object_id)

    @property
    def description_language(self) -> str:
        """The language of the description shown on the current page: English when there is one."""
        english = (get_language() or "").startswith("en")
        return "en" if english and self.description_en else "nl"

    @property
    def localised_description(self) -> str:
        """The description in the page's language, or the Dutch one when there is no English text."""
        return self.description_en if self.description_language == "en" else self.description


class ResultAgreement(models.Model):
    """A result agreement (resultaatafspraak): which blocks must reach which level by when."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="result_agreements")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    criterion = models.TextField(
        _("measurable criterion"), blank=True, help_text=_("How fulfilment is measured, in one or two sentences.")
    )
    building_blocks = models.ManyToManyField(
        BuildingBlock, verbose_name=_("building blocks"), related_name="result_agreements", blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, help_text=_("Empty when it is not known."))
    deadline_note = models.CharField(
        _("note on the deadline"),
        max_length=300,
        blank=True,
        help_text=_("For example an interim step, or why the deadline is not known."),
    )
    required_level = models.ForeignKey(
        StatusLevel, verbose_name=_("required level"), on_delete=models.RESTRICT, related_name="result_agreements"
    )
    wording = models.CharField(
        _("kind of text"),
        max_length=20,
        choices=Wording.choices,
        default=Wording.SUMMARY,
        help_text=_("Only the wording of the programme's own document is official."),
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=10,
        choices=Evidence.choices,
        default=Evidence.INFERRED,
        help_text=_("'source': a public source shows that the agreement exists; 'inferred': likely, not confirmed."),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_quote = models.CharField(
        _("quote from the source"),
        max_length=500,
        blank=True,
        help_text=_("A short passage of the source that supports the agreement."),
    )

    class Meta:
        verbose_name = _("result agreement")
        verbose_name_plural = _("result agreements")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="result_agreement_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class BuildingBlockElement(models.Model):
    """A GEMMA element that staff linked to a building block, beyond the block's own GEMMA element.

    The link names the element by its GEMMA object id, not by a row of one model release, so that
    it holds for every release of GEMMA (ADR 7); pages look the element up in the current release.
    """

    building_block = models.ForeignKey(
        BuildingBlock, on_delete=models.CASCADE, related_name="gemma_links", verbose_name=_("building block")
    )
    object_id = models.CharField(_("GEMMA object id"), max_length=100)
    note = models.CharField(
        _("role or note"),
        max_length=300,
        blank=True,
        help_text=_("Why the element belongs to the building block, e.g. “business function the law touches”."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked GEMMA element")
        verbose_name_plural = _("linked GEMMA elements")
        ordering = ["building_block", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["building_block", "object_id"], name="building_block_element_unique")
        ]

    def __str__(self) -> str:
        return f"{self.building_block} → {self.object_id}"
