# SPDX-License-Identifier: EUPL-1.2
"""Forms that parse the input of the Gateway review pages; the services validate and write."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.forms import ParseOnlyModelForm
from bouwplaats.catalogue.models import ResultAgreement
from bouwplaats.ui.forms import Textarea

from ..review_models import REASON_MAX_LENGTH, AgreementRating, GatewayReview, Rag, Recommendation
from .services import RECOMMENDATION_FIELDS, REVIEW_FIELDS, rating_field


class GatewayReviewForm(ParseOnlyModelForm):
    # Without the empty choice that the model's field would offer.
    overall_status = forms.ChoiceField(
        label=capfirst(GatewayReview._meta.get_field("overall_status").verbose_name),
        choices=Rag.choices,
        widget=forms.RadioSelect,
    )

    class Meta(ParseOnlyModelForm.Meta):
        model = GatewayReview
        fields = REVIEW_FIELDS
        widgets = {
            "reviewers": Textarea(attrs={"rows": 3}),
            "overall_reason": Textarea(attrs={"rows": 4}),
            "summary": Textarea(attrs={"rows": 5}),
        }


class RecommendationCreateForm(ParseOnlyModelForm):
    """A new recommendation: its follow-up starts as "open"."""

    class Meta(ParseOnlyModelForm.Meta):
        model = Recommendation
        fields = ("text", "owner", "due_date")
        widgets = {"text": Textarea(attrs={"rows": 4})}


class RecommendationForm(ParseOnlyModelForm):
    """A recommendation and its follow-up."""

    class Meta(ParseOnlyModelForm.Meta):
        model = Recommendation
        fields = RECOMMENDATION_FIELDS
        widgets = {
            "text": Textarea(attrs={"rows": 4}),
            "follow_up": forms.RadioSelect,
            "follow_up_note": Textarea(attrs={"rows": 3}),
        }


class AgreementRatingsForm(forms.Form):
    """A status (or none) and a reason for each result agreement of the review's programme.

    The fields are named like the service's messages (``agreement-3-status``), so that each message
    shows at its field.
    """

    def __init__(self, *args, agreements: list[ResultAgreement], ratings: list[AgreementRating], **kwargs):
        super().__init__(*args, **kwargs)
        self.agreements = agreements
        given = {rating.result_agreement_id: rating for rating in ratings}
        choices = [("", _("not rated")), *Rag.choices]
        for agreement in agreements:
            rating = given.get(agreement.pk)
            status, reason = rating_field(agreement, "status"), rating_field(agreement, "reason")
            self.fields[status] = forms.ChoiceField(
                label=_("Status"), choices=choices, required=False, widget=forms.RadioSelect
            )
            self.fields[reason] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=REASON_MAX_LENGTH,
                widget=Textarea(attrs={"rows": 2}),
            )
            self.initial[status] = rating.status if rating else ""
            self.initial[reason] = rating.reason if rating else ""

    def groups(self) -> list[tuple[ResultAgreement, forms.BoundField, forms.BoundField]]:
        """Per result agreement: the agreement, its status field and its reason field."""
        return [
            (agreement, self[rating_field(agreement, "status")], self[rating_field(agreement, "reason")])
            for agreement in self.agreements
        ]

    def service_arguments(self) -> dict:
        """The cleaned input as the service takes it: ``ratings`` of each agreement (status, reason)."""
        ratings = {
            agreement: (
                self.cleaned_data.get(rating_field(agreement, "status"), ""),
                self.cleaned_data.get(rating_field(agreement, "reason"), ""),
            )
            for agreement in self.agreements
        }
        return {"ratings": ratings}
