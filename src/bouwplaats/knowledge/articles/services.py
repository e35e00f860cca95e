# SPDX-License-Identifier: EUPL-1.2
"""Writes for articles: staff write and publish them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bouwplaats.audit import services as audit

from ..models import Article
from ..permissions import require_article_editor

FIELDS = ("title", "lead", "body", "author_name", "publication_date", "is_published", "comments_open")


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:90] or "artikel"
    slug, n = base, 2
    taken = Article.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(article: Article, values: dict) -> None:
    for name in FIELDS:
        if name in values:
            setattr(article, name, values[name])
    for name in ("title", "lead", "body", "author_name"):
        setattr(article, name, (getattr(article, name) or "").strip())
    try:
        article.full_clean(exclude=["slug"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error


@transaction.atomic
def article_create(*, actor, building_blocks=(), **values) -> Article:
    require_article_editor(actor)
    article = Article()
    _apply(article, values)
    article.slug = _unique_slug(article.title)
    article.save()
    article.building_blocks.set(building_blocks)
    audit.record(
        actor=actor,
        action="article.create",
        target=article,
        changes={name: getattr(article, name) for name in FIELDS if name != "body"},
    )
    return article


@transaction.atomic
def article_update(*, actor, article: Article, building_blocks=None, **values) -> Article:
    require_article_editor(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    before = {name: getattr(article, name) for name in FIELDS}
    _apply(article, values)
    changes = audit.diff(before, {name: getattr(article, name) for name in FIELDS})
    if building_blocks is not None:
        codes = {"building_blocks": sorted(block.code for block in building_blocks)}
        changes |= audit.diff(
            {"building_blocks": sorted(article.building_blocks.values_list("code", flat=True))}, codes
        )
    if not changes:
        return article
    article.updated_at = timezone.now()
    article.save()
    if building_blocks is not None:
        article.building_blocks.set(building_blocks)
    if "body" in changes:
        changes["body"] = ["…", "…"]  # the text itself is long; the log says that it changed
    audit.record(actor=actor, action="article.update", target=article, changes=changes)
    return article
