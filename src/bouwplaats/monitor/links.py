# SPDX-License-Identifier: EUPL-1.2
"""What a municipality's page (in organisations) links to in the monitor.

The link to the municipality's progress is shown only to whom the progress page admits: both ask
``can_view_municipality_status``. Others are offered the aggregated progress of the province, with
the reason why the municipality's own progress is not shown. When the current programme succeeds
another one (or has successors), the page also links to the municipality's progress in each of
those that the visitor may see.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from bouwplaats.catalogue.models import Programme
from bouwplaats.catalogue.selectors import current_programme, current_programme_line
from bouwplaats.core.links import ShownLink
from bouwplaats.organisations.models import Municipality

from .permissions import can_view_municipality_status, why_municipality_status_hidden
from .selectors import municipality_for_programme


def _programme_and_municipality(code: str):
    """The current programme and the municipality ``code`` in its division; (programme, None) when not part of it."""
    programme = current_programme()
    if programme is None:
        return None, None
    return programme, municipality_for_programme(programme=programme, code=code)


def may_open_progress(user, code: str) -> bool:
    """Whether the link to ``monitor:municipality-progress`` of ``code`` leads ``user`` to the page, as the
    view decides it (the municipality must be part of the programme, and its progress visible to them)."""
    programme, municipality = _programme_and_municipality(code)
    return municipality is not None and can_view_municipality_status(user, municipality, programme)


def aggregated_progress(user, code: str) -> ShownLink | None:
    """For whom may not open the municipality's progress: the programme overview of its province."""
    programme, municipality = _programme_and_municipality(code)
    if municipality is None:
        return None
    query = urlencode({"provincie": municipality.province.code})
    return ShownLink(
        label=_("Progress of the municipalities of %(province)s together") % {"province": municipality.province.name},
        url=f"{reverse('monitor:dashboard-overview')}?{query}",
        note=why_municipality_status_hidden(programme),
    )


def municipality_periods(code: str) -> list[Municipality]:
    """Every period of the municipality ``code``, to find the one in each programme's division."""
    return list(Municipality.objects.filter(code=code.upper()).select_related("province"))


def progress_in_line(
    user, programme: Programme, line: list[Programme], periods: list[Municipality]
) -> list[tuple[Programme, Municipality]]:
    """The programmes of ``line`` (``catalogue.selectors.programme_line``) other than ``programme`` in
    which the municipality of ``periods`` (``municipality_periods``) takes part and whose progress of it
    ``user`` may see (``can_view_municipality_status``, as the progress page asks), oldest first, each
    with the municipality's period in its division."""
    shown = []
    for other in line:
        if other.pk == programme.pk:
            continue
        member = next((period for period in periods if period.exists_on(other.reference_date)), None)
        if member is not None and can_view_municipality_status(user, member, other):
            shown.append((other, member))
    return shown


def progress_url(municipality: Municipality, programme: Programme) -> str:
    """The address of the municipality's progress in ``programme`` (not the current programme)."""
    url = reverse("monitor:municipality-progress", args=[municipality.code])
    return f"{url}?{urlencode({'programma': programme.slug})}"


def progress_in_other_programmes(user, code: str) -> list[ShownLink]:
    """For a municipality's page: its progress in the other programmes of the current programme's line."""
    programme, line = current_programme_line()
    if len(line) < 2:
        return []
    periods = municipality_periods(code)
    return [
        ShownLink(
            label=_("Progress per building block in %(programme)s") % {"programme": other.name},
            url=progress_url(municipality, other),
        )
        for other, municipality in progress_in_line(user, programme, line, periods)
    ]
