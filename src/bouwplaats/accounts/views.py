# SPDX-License-Identifier: EUPL-1.2
"""Account pages: login, registration, activation, password flows, the account page and
the management pages for programme staff and administrators. Views stay thin: they call
services for writes and selectors for reads."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.util import random_hex

from bouwplaats.audit import changes as audit_changes
from bouwplaats.audit import selectors as audit_selectors
from bouwplaats.core.errors import add_service_errors, perform, submit_form
from bouwplaats.core.redirects import safe_next_url

from . import forms, permissions, selectors, services, two_factor
from .decorators import permission_required_by
from .landing import landing_url
from .language import remember_language
from .models import Membership, Role, User

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- login, logout, registration and activation ---------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.OIDC_ENABLED}

    def get_default_redirect_url(self):
        """Without a ``next`` page: the user's own start page (``accounts.landing``), else the account page."""
        return landing_url(self.request.user) or super().get_default_redirect_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language:
            translation.activate(language)
            remember_language(response, language)
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_register(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                language=data["preferred_language"],
                base_url=_base_url(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "password" in error.error_dict:
                error.error_dict["password1"] = error.error_dict.pop("password")
            add_service_errors(form, error)
        else:
            return redirect("accounts:register-done")
    return render(request, "accounts/register.html", {"form": form})


@require_GET
def register_done(request):
    return render(request, "accounts/register_done.html")


@require_GET
def activate(request, uidb64, token):
    try:
        user = services.user_activate(uidb64=uidb64, token=token)
    except ValidationError as error:
        already_active = error.code == "already_active"
        return render(
            request,
            "accounts/activation_failed.html",
            {
                "error": error.messages[0],
                "already_active": already_active,
                "form": None if already_active else forms.ResendActivationForm(),
            },
            status=400,
        )
    auth_login(request, user, backend=MODEL_BACKEND)
    messages.success(request, _("Your account is active. Welcome!"))
    return remember_language(redirect("accounts:account"), user.preferred_language)


@require_http_methods(["GET", "POST"])
def resend_activation(request):
    form = forms.ResendActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_activation_resend(email=form.cleaned_data["email"], base_url=_base_url(request))
        return render(request, "accounts/resend_activation_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/resend_activation.html", {"form": form})


# --- password flows -------------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self):
        return {"site_name": settings.SITE_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response

    def get_success_url(self):
        return reverse("accounts:account")


# --- the account page -----------------------------------------------------------------------


def _render_account(request, *, profile_form=None, membership_form=None, status=200):
    user = request.user
    token = selectors.api_token_of(user)
    context = {
        "profile_form": profile_form
        or forms.ProfileForm(initial={"full_name": user.full_name, "preferred_language": user.preferred_language}),
        "membership_form": membership_form or forms.MembershipRequestForm(),
        "memberships": selectors.memberships_of(user),
        "api_token": token,
        "new_token_key": request.session.pop("new_api_token", None),
        "role_label": user.get_role_display(),
        "is_staff_user": permissions.is_programme_staff(user),
        "has_second_factor": selectors.has_second_factor(user),
        "recovery_codes_left": selectors.recovery_codes_left(user),
        "may_turn_off_second_factor": permissions.can_turn_off_second_factor(user, user),
    }
    return render(request, "accounts/account.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    if request.method == "GET":
        return _render_account(request)
    form = forms.ProfileForm(request.POST)
    user = submit_form(request, form, services.user_profile_update, actor=request.user, user=request.user)
    if user is not None:
        translation.activate(user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        return remember_language(redirect("accounts:account"), user.preferred_language)
    return _render_account(request, profile_form=form, status=400)


@login_required
@require_POST
def membership_request(request):
    form = forms.MembershipRequestForm(request.POST)
    membership = submit_form(
        request, form, services.membership_request, actor=request.user, base_url=_base_url(request)
    )
    if membership is not None:
        messages.success(
            request,
            _("Your request for %(municipality)s has been sent to the programme staff.")
            % {"municipality": membership.municipality},
        )
        return redirect("accounts:account")
    return _render_account(request, membership_form=form, status=400)


@login_required
@require_POST
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("municipality"), pk=pk)
    ended = _("The membership of %(municipality)s has ended.") % {"municipality": membership.municipality}
    perform(request, ended, services.membership_end, actor=request.user, membership=membership)
    if membership.user_id != request.user.pk:
        return redirect("accounts:membership-requests")
    return redirect("accounts:account")


@login_required
@require_POST
def api_token(request):
    action = request.POST.get("action")
    if action == "create":
        token = services.api_token_create(actor=request.user)
        request.session["new_api_token"] = token.key
        messages.success(request, _("Your new API token has been created. Copy it now: it is shown only once."))
    elif action == "revoke":
        perform(request, _("Your API token has been revoked."), services.api_token_revoke, actor=request.user)
    else:
        messages.error(request, _("Unknown action."))
    return HttpResponseRedirect(f"{reverse('accounts:account')}#api-token")


# --- two-factor sign-in --------------------------------------------------------------------


def _next_page(request) -> str:
    return safe_next_url(request, request.POST.get("next") or request.GET.get("next"), reverse("accounts:account"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), then enter its code."""
    if selectors.has_second_factor(request.user):
        return redirect(_next_page(request))
    key = request.session.setdefault(two_factor.SETUP_KEY_SESSION_KEY, random_hex(20))
    form = forms.SecondFactorSetupForm(request.POST or None)
    result = submit_form(request, form, services.second_factor_enable, actor=request.user, key=key)
    if result is not None:
        device, codes = result
        two_factor.verified(request, device)
        request.session.pop(two_factor.SETUP_KEY_SESSION_KEY, None)
        request.session[two_factor.RECOVERY_CODES_SESSION_KEY] = codes
        messages.success(request, _("Two-factor sign-in is on. Keep your recovery codes somewhere safe."))
        recovery = reverse("accounts:two-factor-recovery-codes")
        return redirect(f"{recovery}?{urlencode({'next': _next_page(request)})}")
    context = {
        "form": form,
        "manual_key": two_factor.manual_key(key),
        "required": permissions.needs_second_factor(request.user),
        "next": _next_page(request),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.is_bound else 200)


@never_cache
@login_required
@require_GET
def two_factor_qr(request):
    """The QR code of the set-up page's key (an image; the key is also shown as text)."""
    key = request.session.get(two_factor.SETUP_KEY_SESSION_KEY)
    if not key:
        return HttpResponse(status=404)
    return HttpResponse(two_factor.qr_code_svg(request.user, key), content_type="image/svg+xml")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """After the password or the organisation's sign-in: the code from the app, or a recovery code."""
    if not selectors.has_second_factor(request.user) or request.user.is_verified():
        return redirect(_next_page(request))
    form = forms.SecondFactorVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and two_factor.must_wait(request.user):
        form.add_error("code", _("Too many wrong codes in a row. Wait a few seconds, then try again."))
    elif request.method == "POST" and form.is_valid():
        device = two_factor.matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            two_factor.verified(request, device)
            if isinstance(device, StaticDevice):
                left = selectors.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)d is left. Make new ones on your account page.",
                        "You used a recovery code; %(count)d are left. Make new ones on your account page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next_page(request))
        form.add_error("code", _("This code is not right. Enter the code your app shows now, or a recovery code."))
    context = {"form": form, "next": _next_page(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=400 if form.is_bound else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_recovery_codes(request):
    """New recovery codes, shown once; a button makes a new set."""
    if request.method == "POST":
        codes = perform(
            request,
            _("New recovery codes have been made; the old ones no longer work."),
            services.recovery_codes_renew,
            actor=request.user,
        )
        if codes is not None:
            request.session[two_factor.RECOVERY_CODES_SESSION_KEY] = codes
        return redirect("accounts:two-factor-recovery-codes")
    codes = request.session.pop(two_factor.RECOVERY_CODES_SESSION_KEY, None)
    context = {
        "codes": codes,
        "has_second_factor": selectors.has_second_factor(request.user),
        "codes_left": selectors.recovery_codes_left(request.user),
        "next": _next_page(request),
    }
    return render(request, "accounts/two_factor_recovery_codes.html", context)


@login_required
@require_POST
def two_factor_disable(request):
    perform(
        request,
        _("Two-factor sign-in is off."),
        services.second_factor_reset,
        actor=request.user,
        user=request.user,
    )
    return redirect("accounts:account")


@permission_required_by(permissions.require_role_manager)
@require_POST
def two_factor_reset(request, pk):
    subject = get_object_or_404(User, pk=pk)
    perform(
        request,
        _("The two-factor sign-in of %(user)s has been reset; they set up a new app at their next sign-in.")
        % {"user": subject},
        services.second_factor_reset,
        actor=request.user,
        user=subject,
    )
    return redirect("accounts:user-role", pk=subject.pk)


# --- management pages -----------------------------------------------------------------------


@permission_required_by(permissions.require_programme_staff)
@require_GET
def membership_requests(request):
    history = Paginator(selectors.decided_memberships(), 50).get_page(request.GET.get("page"))
    pending = list(selectors.pending_memberships())
    return render(
        request,
        "accounts/membership_requests.html",
        {
            "pending": [
                (membership, forms.MembershipDecisionForm(prefix=f"m{membership.pk}")) for membership in pending
            ],
            "page_obj": history,
            "history": history.object_list,
        },
    )


@permission_required_by(permissions.require_programme_staff)
@require_POST
def membership_decide(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("user", "municipality"), pk=pk)
    form = forms.MembershipDecisionForm(request.POST, prefix=f"m{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject for the request of %(user)s.") % {"user": membership.user})
        return redirect("accounts:membership-requests")
    approve = form.cleaned_data["decision"] == "approve"
    text = _("Approved: %(user)s for %(municipality)s.") if approve else _("Rejected: %(user)s for %(municipality)s.")
    perform(
        request,
        text % {"user": membership.user, "municipality": membership.municipality},
        services.membership_decide,
        actor=request.user,
        membership=membership,
        approve=approve,
        note=form.cleaned_data["note"],
        base_url=_base_url(request),
    )
    return redirect("accounts:membership-requests")


@permission_required_by(permissions.require_role_manager)
@require_GET
def user_list(request):
    form = forms.UserSearchForm(request.GET or None)
    search = role = ""
    if form.is_valid():
        search, role = form.cleaned_data["q"], form.cleaned_data["role"]
    page = Paginator(selectors.users_for_management(search=search, role=role), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page_obj": page, "users": page.object_list})


@permission_required_by(permissions.require_role_manager)
@require_http_methods(["GET", "POST"])
def user_role(request, pk):
    subject = get_object_or_404(User, pk=pk)
    form = forms.UserRoleForm(
        request.POST or None, initial={"role": subject.role, "organisation_name": subject.organisation_name}
    )
    saved = submit_form(request, form, services.user_role_set, actor=request.user, user=subject)
    if saved is not None:
        messages.success(request, _("The role of %(user)s has been saved.") % {"user": subject})
        return redirect("accounts:user-list")
    memberships = selectors.memberships_of(subject)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "accounts/user_role.html",
        {
            "form": form,
            "subject": subject,
            "memberships": memberships,
            "roles": Role,
            "subject_has_second_factor": selectors.has_second_factor(subject),
        },
        status=status,
    )


@permission_required_by(permissions.require_audit_reader)
@require_GET
def audit_log(request):
    form = forms.AuditFilterForm(request.GET or None)
    action = form.cleaned_data["action"].strip() if form.is_valid() else ""
    page = Paginator(audit_selectors.audit_entries(action=action), 50).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    for entry in entries:
        # Field labels and values in the page's language instead of the recorded JSON.
        entry.readable_changes = audit_changes.readable_changes(entry)
        entry.type_label = audit_changes.object_type_label(entry.object_type)
    return render(request, "accounts/audit_log.html", {"form": form, "page_obj": page, "entries": entries})
