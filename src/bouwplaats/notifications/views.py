# SPDX-License-Identifier: EUPL-1.2
"""Notification pages: my notifications, my settings, following, and the unsubscribe page.
Views stay thin: writes go through ``services``, reads through ``selectors``."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from bouwplaats.core.errors import submit_form
from bouwplaats.core.redirects import safe_next_url

from . import forms, registry, selectors, services
from .models import NotificationKind
from .tokens import ALL_KINDS, InvalidToken, read_unsubscribe_token

PAGE_SIZE = 20


@login_required
@require_http_methods(["GET"])
def notification_list(request):
    unread_only = request.GET.get("ongelezen") == "1"
    page = Paginator(selectors.notifications_of(request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "notifications": page.object_list,
        "unread_only": unread_only,
        # Also read by the header (it overrides the context processor's lazy count): counted once.
        "unread_notifications": selectors.unread_count(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def mark_read(request):
    ids = request.POST.getlist("notification") or None
    try:
        count = services.notification_mark_read(user=request.user, notification_ids=ids)
    except ValidationError:
        raise Http404 from None
    if ids is None:
        messages.success(request, _("All notifications are marked as read."))
    elif count:
        messages.success(request, _("The notification is marked as read."))
    return redirect(safe_next_url(request, request.POST.get("next"), "notifications:list"))


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = selectors.preference_of(request.user)
    initial = {"frequency": current.frequency, "muted_kinds": current.muted_kinds}
    form = forms.PreferencesForm(request.POST or None, initial=initial)
    if submit_form(request, form, services.notification_preferences_update, user=request.user) is not None:
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _follow_target(form):
    """The registered object the form names; 404 for anything else (no arbitrary models)."""
    try:
        model = apps.get_model(form.cleaned_data["target_type"])
    except (LookupError, ValueError):
        raise Http404 from None
    if not registry.is_followable(model):
        raise Http404
    try:
        return model._default_manager.get(pk=form.cleaned_data["target_id"])
    except (model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


@login_required
@require_POST
def follow(request):
    form = forms.FollowForm(request.POST)
    if not form.is_valid():
        raise Http404
    target = _follow_target(form)
    if form.cleaned_data["action"] == forms.FollowForm.FOLLOW:
        services.follow_create(user=request.user, target=target)
        messages.success(request, _("You now follow “%(target)s”.") % {"target": target})
    else:
        services.follow_delete(user=request.user, target=target)
        messages.success(request, _("You no longer follow “%(target)s”.") % {"target": target})
    return redirect(safe_next_url(request, request.POST.get("next"), "notifications:list"))


# The token in the address is the permission (no login, no session), and mail programs post
# here for one-click unsubscribing (RFC 8058) without a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user, kind = read_unsubscribe_token(token)
    except InvalidToken:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    kind_label = NotificationKind(kind).label if kind in NotificationKind.values else ""
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    form = forms.UnsubscribeForm(request.POST if request.method == "POST" and not one_click else None)
    if request.method == "POST" and (one_click or form.is_valid()):
        everything = not one_click and form.cleaned_data["scope"] == forms.UnsubscribeForm.ALL
        try:
            _user, stopped = services.email_unsubscribe(token=token, everything=everything)
        except PermissionDenied:
            return render(request, "notifications/unsubscribe_invalid.html", status=400)
        context = {"email": user.email, "kind_label": kind_label if stopped != ALL_KINDS else ""}
        return render(request, "notifications/unsubscribe_done.html", context)
    context = {"form": form, "email": user.email, "kind_label": kind_label, "for_one_kind": kind != ALL_KINDS}
    return render(request, "notifications/unsubscribe.html", context)
