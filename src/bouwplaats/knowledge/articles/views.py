# SPDX-License-Identifier: EUPL-1.2
"""Article pages: the list, one article with its comments, and the staff editor."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.core.errors import submit_form

from ..permissions import can_edit_articles, require_article_editor
from ..selectors import current_blocks
from . import selectors, services
from .forms import ArticleForm

PAGE_SIZE = 20


@require_http_methods(["GET", "HEAD"])
def article_list(request):
    page = Paginator(selectors.articles_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/article_list.html",
        {"page_obj": page, "articles": page.object_list, "can_edit": can_edit_articles(request.user)},
    )


@require_http_methods(["GET", "HEAD"])
def article_detail(request, slug):
    article = selectors.article_for(request.user, slug)
    if article is None:
        raise Http404(_("There is no published article at this address."))
    return render(
        request,
        "knowledge/article_detail.html",
        {"article": article, "can_edit": can_edit_articles(request.user)},
    )


@permission_required_by(require_article_editor)
@require_http_methods(["GET", "HEAD", "POST"])
def article_edit(request, slug=None):
    article = selectors.article_for(request.user, slug) if slug else None
    if slug and article is None:
        raise Http404(_("There is no article at this address."))
    form = ArticleForm(request.POST or None, instance=article, building_blocks=current_blocks())
    if article is None:
        saved = submit_form(request, form, services.article_create, actor=request.user)
    else:
        saved = submit_form(request, form, services.article_update, actor=request.user, article=article)
    if saved is not None:
        messages.success(request, _("The article has been saved."))
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "knowledge/article_form.html",
        {"form": form, "article": article},
        status=400 if form.errors else 200,
    )
