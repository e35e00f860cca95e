# SPDX-License-Identifier: EUPL-1.2
"""Status of every municipality per building block: an append-only history and the current state.

``StatusEvent`` rows are only ever added (``services.status_report``); ``CurrentStatus`` holds the
state that follows from the events (the one with the latest ``valid_from``, then ``recorded_at``)
and is written by the services in the same transaction as the event. ``version`` counts the
events of the pair: a page or client that saw version *n* can tell when someone reported since.
"""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxLengthValidator, MinValueValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import user_reference
from bouwplaats.core.private_media import private_storage

from .constants import (
    EVIDENCE_FILE_EXTENSIONS,
    MAX_EVIDENCE_FILE_SIZE,
    MAX_TEXT_LENGTH,
    Source,
    blocker_labels,
    decode_blockers,
)


def validate_evidence_file_size(file) -> None:
    if file and file.size > MAX_EVIDENCE_FILE_SIZE:
        raise ValidationError(
            _("The file is too large: at most %(max)s.") % {"max": filesizeformat(MAX_EVIDENCE_FILE_SIZE)}
        )


def _today():
    return timezone.localdate()


_text_limit = [MaxLengthValidator(MAX_TEXT_LENGTH)]
_not_negative = [MinValueValidator(0)]


class BlockerMixin:
    @property
    def blocker_codes(self) -> list[str]:
        return decode_blockers(self.blockers)

    @property
    def blocker_labels(self) -> list[str]:
        return blocker_labels(self.blockers)


class StatusEvent(BlockerMixin, models.Model):
    """One reported state of a municipality for a building block, from ``valid_from`` on."""

    municipality = models.ForeignKey(
        "organisations.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    building_block = models.ForeignKey(
        "catalogue.BuildingBlock", verbose_name=_("building block"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey(
        "catalogue.StatusLevel", verbose_name=_("status level"), on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), default=_today, help_text=_("The date from which this holds."))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    budget_planned = models.DecimalField(
        _("budget planned (euros)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=_not_negative
    )
    budget_spent = models.DecimalField(
        _("budget spent (euros)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=_not_negative
    )
    evidence_text = models.TextField(_("evidence"), blank=True, max_length=MAX_TEXT_LENGTH, validators=_text_limit)
    evidence_url = models.URLField(_("evidence (web address)"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"),
        upload_to="monitor/evidence/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_FILE_EXTENSIONS), validate_evidence_file_size],
    )
    blockers = models.PositiveIntegerField(_("blockers"), default=0)
    blocker_note = models.TextField(
        _("explanation of the blockers"), blank=True, max_length=MAX_TEXT_LENGTH, validators=_text_limit
    )
    note = models.TextField(_("note"), blank=True, max_length=MAX_TEXT_LENGTH, validators=_text_limit)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.SELF_REPORT)
    author = user_reference(_("author"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    survey_round = models.ForeignKey(
        "monitor.SurveyRound",
        verbose_name=_("survey round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    import_batch = models.ForeignKey(
        "monitor.ImportBatch",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    derived_from = models.ManyToManyField(
        "self",
        verbose_name=_("derived from"),
        symmetrical=False,
        blank=True,
        related_name="derived_events",
        help_text=_(
            "For a status carried over at a merger: the predecessors' events it was derived from; for a status "
            "taken over from a predecessor programme: the event it was taken from."
        ),
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text=_("For a correction (source “correction”): the event whose mistake it repairs."),
    )

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        ordering = ["-valid_from", "-recorded_at", "-pk"]
        indexes = [
            models.Index(
                fields=["building_block", "municipality", "valid_from", "recorded_at"], name="status_event_block_idx"
            ),
            models.Index(
                fields=["municipality", "building_block", "valid_from", "recorded_at"],
                name="status_event_municipality_idx",
            ),
            # The API's history, newest first, a page at a time from the last row (core.api.CursorPagination),
            # of everyone and of one municipality.
            models.Index(fields=["-valid_from", "-recorded_at", "-id"], name="status_event_latest_idx"),
            models.Index(
                fields=["municipality", "-valid_from", "-recorded_at", "-id"], name="status_event_town_latest_idx"
            ),
            # The private file view finds the events that hold a file by its name (core.private_media).
            models.Index(
                fields=["evidence_file"], name="status_event_evidence_idx", condition=~models.Q(evidence_file="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.building_block_id}: {self.level_id} ({self.valid_from})"


class CurrentStatus(BlockerMixin, models.Model):
    """The current state of one municipality for one building block (derived from the events)."""

    municipality = models.ForeignKey(
        "organisations.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    building_block = models.ForeignKey(
        "catalogue.BuildingBlock", verbose_name=_("building block"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey(
        "catalogue.StatusLevel", verbose_name=_("status level"), on_delete=models.PROTECT, related_name="+"
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    blockers = models.PositiveIntegerField(_("blockers"), default=0)
    budget_planned = models.DecimalField(
        _("budget planned (euros)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_spent = models.DecimalField(
        _("budget spent (euros)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    last_event = models.ForeignKey(
        StatusEvent, verbose_name=_("latest event"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("current status")
        verbose_name_plural = _("current statuses")
        ordering = ["municipality", "building_block"]
        constraints = [models.UniqueConstraint(fields=["municipality", "building_block"], name="current_status_unique")]
        indexes = [models.Index(fields=["building_block", "level"], name="current_status_block_level_idx")]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.building_block_id}: {self.level_id} (v{self.version})"


class SurveyRound(models.Model):
    """An uitvraag: programme staff ask every municipality to report on some building blocks."""

    programme = models.ForeignKey(
        "catalogue.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="survey_rounds"
    )
    name = models.CharField(_("name"), max_length=150)
    building_blocks = models.ManyToManyField(
        "catalogue.BuildingBlock", verbose_name=_("building blocks"), related_name="survey_rounds"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    introduction = models.TextField(_("introduction"), blank=True, max_length=MAX_TEXT_LENGTH)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = user_reference(_("created by"), blank=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-opens_on", "name"]

    def __str__(self) -> str:
        return self.name


class SurveyReminder(models.Model):
    """One reminder e-mail about a survey round, sent to a municipality's coordinators."""

    survey_round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="reminders")
    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("survey reminder")
        verbose_name_plural = _("survey reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.survey_round} → {self.municipality_id} ({self.sent_at:%Y-%m-%d})"


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("checked (dry run)")
    APPLIED = "applied", _("applied")
    REFUSED = "refused", _("refused")


class ImportBatch(models.Model):
    """An uploaded CSV or XLSX file of statuses: checked first (dry run), then applied at once."""

    programme = models.ForeignKey(
        "catalogue.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="import_batches"
    )
    file = models.FileField(_("file"), upload_to="monitor/imports/%Y/%m/", storage=private_storage)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKED)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    # What a passed dry run will write and the state it compared with (see ``imports.plan``);
    # emptied once applied.
    plan = models.JSONField(_("plan"), default=dict, blank=True, editable=False)
    uploaded_by = user_reference(_("uploaded by"), blank=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class MonthlyStatus(models.Model):
    """The level of one municipality × building block at the end of each month of the programme.

    A derived table, rebuilt per pair by the services whenever that pair's history changes, so
    that trends are computed from (pairs × months) rows, whatever the length of the history.
    """

    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.CASCADE, related_name="+")
    # Not indexed on its own: the trend index below starts with it.
    building_block = models.ForeignKey(
        "catalogue.BuildingBlock", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month; the level holds at its end."))
    level = models.ForeignKey("catalogue.StatusLevel", on_delete=models.CASCADE, related_name="+")
    blockers = models.PositiveIntegerField(_("blockers"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("monthly status")
        verbose_name_plural = _("monthly statuses")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "building_block", "month"], name="monthly_status_unique")
        ]
        # The trends count rows by block, level and month for the municipalities of a division: with
        # the municipality in the index they are counted from the index alone (the overview asks for
        # the top level of every block, a block's page for every level of one block).
        indexes = [models.Index(fields=["building_block", "level", "month", "municipality"], name="monthly_trend")]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.building_block_id} {self.month:%Y-%m}: {self.level_id}"
