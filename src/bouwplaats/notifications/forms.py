# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency, NotificationKind


class PreferencesForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How do you want to receive e-mail about notifications?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )
    muted_kinds = forms.MultipleChoiceField(
        label=_("Never e-mail me about"),
        help_text=_("These still appear in your notifications on the site."),
        choices=NotificationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class FollowForm(forms.Form):
    FOLLOW, UNFOLLOW = "follow", "unfollow"

    target_type = forms.CharField(max_length=100)
    target_id = forms.CharField(max_length=64)
    action = forms.ChoiceField(choices=[(FOLLOW, FOLLOW), (UNFOLLOW, UNFOLLOW)])
    next = forms.CharField(max_length=500, required=False)


class UnsubscribeForm(forms.Form):
    KIND, ALL = "kind", "all"

    scope = forms.ChoiceField(
        label=_("Which e-mails do you want to stop?"),
        choices=[(KIND, _("Only e-mails about this kind of notification")), (ALL, _("All notification e-mails"))],
        widget=forms.RadioSelect,
        initial=KIND,
    )
