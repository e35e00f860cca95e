# SPDX-License-Identifier: EUPL-1.2
"""Reads for articles."""

from django.db.models import QuerySet

from bouwplaats.accounts.permissions import is_programme_staff

from ..models import Article


def articles_for(user) -> QuerySet[Article]:
    """What the user may read: staff also see drafts."""
    queryset = Article.objects.all() if is_programme_staff(user) else Article.objects.filter(is_published=True)
    return queryset.prefetch_related("building_blocks").order_by("-publication_date", "-pk")


def article_for(user, slug: str) -> Article | None:
    return articles_for(user).filter(slug=slug).first()
