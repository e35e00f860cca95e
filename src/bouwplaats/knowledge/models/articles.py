# SPDX-License-Identifier: EUPL-1.2
"""Articles (for instance the "Podium" interview series), written by programme staff."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ARTICLE_LENGTH = 50000


class Article(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    lead = models.TextField(_("lead"), max_length=1000, help_text=_("A short introduction shown in lists."))
    body = models.TextField(_("text"), max_length=MAX_ARTICLE_LENGTH, help_text=_("Markdown."))
    author_name = models.CharField(_("author"), max_length=200)
    publication_date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    building_blocks = models.ManyToManyField(
        "catalogue.BuildingBlock", verbose_name=_("building blocks"), blank=True, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=False)
    comments_open = models.BooleanField(_("open for comments"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publication_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article-detail", args=[self.slug])
