# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from bouwplaats.catalogue.models import BuildingBlock
from bouwplaats.ui.forms import Textarea, formfield_for

from ..models import Article


class ArticleForm(forms.ModelForm):
    building_blocks = forms.ModelMultipleChoiceField(
        label=_("Related building blocks"),
        queryset=BuildingBlock.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Article
        formfield_callback = staticmethod(formfield_for)
        fields = ["title", "lead", "body", "author_name", "publication_date", "is_published", "comments_open"]
        widgets = {
            "lead": Textarea(attrs={"rows": 3}),
            "body": Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args, building_blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_blocks"].queryset = (
            building_blocks if building_blocks is not None else BuildingBlock.objects.none()
        )
        if self.instance.pk:
            self.fields["building_blocks"].initial = list(self.instance.building_blocks.all())
