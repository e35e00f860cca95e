from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.ui.forms import Textarea

from ..models.comments import MAX_COMMENT_LENGTH, MAX_REASON_LENGTH


class CommentForm(forms.Form):
    subject = forms.CharField(widget=forms.HiddenInput)
    subject_id = forms.IntegerField(widget=forms.HiddenInput)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=Textarea(attrs={"rows": 5}),
        help_text=_("At most %(max)d characters. You can use Markdown: **bold**, *italic*, [link](https://…).")
        % {"max": MAX_COMMENT_LENGTH},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_REASON_LENGTH, widget=Textarea(attrs={"rows": 4}))
