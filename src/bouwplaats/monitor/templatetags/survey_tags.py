# SPDX-License-Identifier: EUPL-1.2
"""``{% open_survey_rounds_notice %}``: the open survey rounds of a municipality, for its coordinators."""

from django import template

from bouwplaats.accounts.permissions import is_programme_staff
from bouwplaats.monitor.surveys import selectors

register = template.Library()


@register.inclusion_tag("monitor/surveys/_open_rounds_notice.html", takes_context=True)
def open_survey_rounds_notice(context, municipality):
    """Shown to the municipality's coordinators only: the page says the viewer may report
    (``can_report``), and programme staff follow the rounds on their own pages. One query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = bool(context.get("can_report")) and not is_programme_staff(user)
    rounds = selectors.open_rounds_for_municipality(municipality=municipality) if shown else []
    return {"open_survey_rounds": rounds, "municipality": municipality}
