"""Form widgets shared by the apps' forms."""

from django import forms


class Select(forms.Select):
    """A select list rendered from one template (the options are not included one by one)."""

    template_name = "ui/widgets/select.html"
