# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import TextAreaField

from ..models.comments import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH


class CommentForm(forms.Form):
    subject = forms.CharField(widget=forms.HiddenInput)
    subject_id = forms.IntegerField(widget=forms.HiddenInput)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
    body = TextAreaField(label=_("Your comment"), max_length=MAX_COMMENT_LENGTH, rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per request, in the page's language: "5.000" in Dutch, "5,000" in English.
        self.fields["body"].help_text = gettext(
            "At most %(max)s characters. You can use Markdown: **bold**, *italic*, [link](https://…)."
        ) % {"max": intcomma(MAX_COMMENT_LENGTH)}


class ReasonForm(forms.Form):
    reason = TextAreaField(label=_("Reason"), max_length=MAX_REASON_LENGTH, rows=4)
