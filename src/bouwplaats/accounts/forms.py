# SPDX-License-Identifier: EUPL-1.2
"""Forms for the account pages. They validate input shape; services do the writing."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import TextAreaField

from . import selectors, services
from .models import Role, User

LANGUAGE_CHOICES = User._meta.get_field("preferred_language").choices


class LoginForm(auth_forms.AuthenticationForm):
    """Log in with the e-mail address. The field keeps the name "username" for django-axes."""

    username = auth_forms.UsernameField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter a correct e-mail address and password. Both may be case-sensitive. "
            "A new account can only log in after it has been activated through the link in the e-mail."
        ),
    }


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Type the same password again, to avoid typing errors."),
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("preferred_language", translation.get_language() or "nl")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class ResendActivationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        help_text=_("Pages and e-mails use this language after you log in."),
    )


class MembershipRequestForm(forms.Form):
    municipality = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        help_text=_("The name or the CBS code (for example GM0363 for Amsterdam)."),
    )
    motivation = TextAreaField(
        label=_("Motivation"),
        required=False,
        max_length=2000,
        rows=4,
        help_text=_("Your position at the municipality, so that the programme staff can check the request."),
    )

    def clean_municipality(self):
        text = self.cleaned_data["municipality"]
        candidates = selectors.find_municipalities(text)
        if not candidates:
            raise forms.ValidationError(
                _("No municipality found for “%(text)s”. Check the spelling or use the CBS code."),
                params={"text": text},
                code="not_found",
            )
        if len({m.code for m in candidates}) > 1:
            listed = ", ".join(f"{m.name} ({m.code}, {m.province})" for m in candidates[:10])
            more = _(" and more") if len(candidates) > 10 else ""
            raise forms.ValidationError(
                _("“%(text)s” matches more than one municipality: %(candidates)s%(more)s. Enter the CBS code."),
                params={"text": text, "candidates": listed, "more": more},
                code="ambiguous",
            )
        return candidates[0]


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = TextAreaField(label=_("Note to the requester"), required=False, max_length=2000, rows=2)


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("Name, e-mail or organisation."))
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("all roles")), *Role.choices])


class UserRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation_name = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=150,
        help_text=_("Required for supplier representatives: the supplier they work for."),
    )


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Action starts with"),
        required=False,
        max_length=100,
        help_text=_("For example accounts.membership or accounts.user.role_changed."),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, sending the e-mail in the user's own language."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        with translation.override(context["user"].preferred_language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Saving goes through the service, so that the change is audited."""

    via = "reset"

    def save(self, commit=True):
        return services.user_password_set(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"], via=self.via
        )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def save(self, commit=True):
        return services.user_password_set(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"], via="change"
        )


class SecondFactorSetupForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your app"),
        max_length=12,
        help_text=_("The 6 digits that the app shows for this site."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SecondFactorVerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The 6 digits that your app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
