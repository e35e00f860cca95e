# SPDX-License-Identifier: EUPL-1.2
"""Comment pages: posting (POST + redirect), reporting, and moderation by staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.accounts.decorators import permission_required_by
from bouwplaats.core.errors import perform, submit_form
from bouwplaats.core.redirects import safe_next_url

from ..models.comments import Comment
from . import selectors, services
from .forms import CommentForm, ReasonForm
from .permissions import require_comment_reporter, require_moderator
from .registry import find_subject, subject_url

LOG_PAGE_SIZE = 50


@login_required
@require_POST
def post_comment(request):
    form = CommentForm(request.POST)
    form.is_valid()  # the subject is looked up even when the text has errors, to show the form again
    subject = find_subject(request.POST.get("subject", ""), request.POST.get("subject_id"))
    if subject is None:
        raise Http404(_("There is nothing to comment on here."))
    back = safe_next_url(request, request.POST.get("next"), subject_url(subject))
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            form.add_error(None, _("The comment you replied to no longer exists."))
    if not form.errors:
        try:
            comment = services.comment_post(
                author=request.user, subject=subject, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment has been posted."))
            return redirect(f"{back.split('#')[0]}#comment-{comment.pk}")
    return render(request, "knowledge/comment_form.html", {"form": form, "subject": subject, "back": back}, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    require_comment_reporter(request.user, comment)
    back = f"{subject_url(comment.subject)}#comment-{comment.pk}"
    form = ReasonForm(request.POST or None)
    if submit_form(request, form, services.comment_report, reporter=request.user, comment=comment) is not None:
        messages.success(request, _("Thank you. Programme staff will look at the comment."))
        return redirect(back)
    return render(
        request,
        "knowledge/comment_report.html",
        {"form": form, "comment": comment, "back": back},
        status=400 if form.errors else 200,
    )


@permission_required_by(require_moderator)
@require_http_methods(["GET", "HEAD", "POST"])
def hide_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    form = ReasonForm(request.POST or None)
    if submit_form(request, form, services.comment_hide, actor=request.user, comment=comment) is not None:
        messages.success(request, _("The comment is hidden."))
        return redirect("knowledge:moderation")
    return render(
        request, "knowledge/comment_hide.html", {"form": form, "comment": comment}, status=400 if form.errors else 200
    )


@permission_required_by(require_moderator)
@require_POST
def restore_comment(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    perform(request, _("The comment is visible again."), services.comment_restore, actor=request.user, comment=comment)
    return redirect("knowledge:moderation")


@permission_required_by(require_moderator)
@require_POST
def dismiss_reports(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    dismissed = _("The reports are closed; the comment stays visible.")
    perform(request, dismissed, services.comment_reports_dismiss, actor=request.user, comment=comment)
    return redirect("knowledge:moderation")


@permission_required_by(require_moderator)
@require_http_methods(["GET", "HEAD"])
def moderation(request):
    log = Paginator(selectors.moderation_log(), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/moderation.html",
        {
            "reported": list(selectors.reported_comments()),
            "hidden": list(selectors.hidden_comments()[:50]),
            "page_obj": log,
        },
    )
