# SPDX-License-Identifier: EUPL-1.2
"""Questions (vraagstukken) from members, their answers and the themes they are sorted by.

Status runs new → assigned → answered → published; a question may also be closed without an
answer or merged into an earlier duplicate. Each step keeps its own timestamp, which the insight
page uses (time to answer, open questions by age).
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bouwplaats.accounts.models import user_reference
from bouwplaats.ui.markdown import markdown_excerpt

MAX_QUESTION_LENGTH = 10000
MAX_ANSWER_LENGTH = 20000
EXCERPT_LENGTH = 280


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class QuestionStatus(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    ANSWERED = "answered", _("answered")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")
    MERGED = "merged", _("merged")


OPEN_STATUSES = (QuestionStatus.NEW, QuestionStatus.ASSIGNED)


class Question(models.Model):
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(
        _("explanation"),
        blank=True,
        max_length=MAX_QUESTION_LENGTH,
        validators=[MaxLengthValidator(MAX_QUESTION_LENGTH)],
    )
    asker = user_reference(_("asked by"))
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    building_blocks = models.ManyToManyField(
        "catalogue.BuildingBlock", verbose_name=_("building blocks"), blank=True, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.NEW, db_index=True
    )
    assigned_to = user_reference(_("assigned to"))
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Separated by commas."))
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="question_status_published_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:question-detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def is_published(self) -> bool:
        return self.status == QuestionStatus.PUBLISHED


class Answer(models.Model):
    """The programme's answer to a question; one per question, edited in place (the audit log keeps changes)."""

    question = models.OneToOneField(Question, verbose_name=_("question"), on_delete=models.CASCADE)
    body = models.TextField(
        _("answer"), max_length=MAX_ANSWER_LENGTH, validators=[MaxLengthValidator(MAX_ANSWER_LENGTH)]
    )
    author = user_reference(_("answered by"))
    accepted = models.BooleanField(
        _("accepted by the asker"), default=False, help_text=_("The asker marked this answer as helpful.")
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # Lists of results show this; converting each answer's Markdown there would cost a page of
    # search results more than the search itself.
    excerpt = models.CharField(_("excerpt"), max_length=EXCERPT_LENGTH, blank=True, editable=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return _("Answer to %(question)s") % {"question": self.question_id}

    def save(self, *args, **kwargs):
        self.excerpt = markdown_excerpt(self.body, EXCERPT_LENGTH)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "excerpt"}
        super().save(*args, **kwargs)
