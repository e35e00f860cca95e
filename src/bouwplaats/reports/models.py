# SPDX-License-Identifier: EUPL-1.2
"""What the programme reports keep of their own: the programme's budget as reference data, and the
Gateway reviews (``review_models``).

Everything else a report shows is computed from the other apps when it is asked for (``selectors``).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .review_models import AgreementRating, FollowUp, GatewayReview, Rag, Recommendation

__all__ = ["AgreementRating", "BudgetKind", "FollowUp", "GatewayReview", "ProgrammeBudget", "Rag", "Recommendation"]


class BudgetKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("programme budget")
    LOAN = "loan", _("interest-free loan")


class ProgrammeBudget(models.Model):
    """One part of a programme's own budget (e.g. the contributions, a loan), with its public source.

    Loaded by ``load_reference_data`` from ``data/programmes/`` (``reports.reference``).
    """

    programme = models.ForeignKey(
        "catalogue.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=BudgetKind.choices)
    amount = models.DecimalField(_("amount (euros)"), max_digits=14, decimal_places=2)
    description = models.CharField(_("description"), max_length=300, help_text=_("In Dutch."))
    description_en = models.CharField(_("description in English"), max_length=300, blank=True)
    source_url = models.URLField(_("source"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("programme budget")
        verbose_name_plural = _("programme budgets")
        ordering = ["programme", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="programme_budget_code_unique")]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.code}"

    @property
    def localised_description(self) -> str:
        """The description in the page's language (the Dutch one when there is no English text)."""
        english = (get_language() or "").startswith("en")
        return self.description_en if english and self.description_en else self.description
