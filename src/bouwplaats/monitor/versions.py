# SPDX-License-Identifier: EUPL-1.2
"""The data version of the monitor's cached parts: the newest audit entry about what they show (ADR 13).

The programme overview, a building block's pages (map, blockers, deadline risk) and a municipality's
progress show status events and the monthly table derived from them, building blocks, programmes,
status levels, result agreements, survey rounds and municipalities. Writes about anything else (a
vote, a question, a comment) leave these parts cached, where ``audit.selectors.data_version`` would
make every reader start them afresh.
"""

from __future__ import annotations

from bouwplaats.audit.selectors import data_version_of

MONITOR_SOURCES = (
    "monitor.statusevent",
    "monitor.monthlystatus",
    "monitor.importbatch",
    "monitor.surveyround",
    "catalogue.programme",
    "catalogue.buildingblock",
    "catalogue.statuslevel",
    "catalogue.resultagreement",
    "organisations.municipality",
    # load_reference_data (municipalities, periods, populations, the programme) and the demo users.
    "reference_data",
    "accounts.demo",
)


def monitor_version(request, extra: tuple[str, ...] = ()) -> int:
    """The newest audit entry about ``MONITOR_SOURCES`` and the object types in ``extra``."""
    return data_version_of(request, tuple(dict.fromkeys((*MONITOR_SOURCES, *extra))))
