# SPDX-License-Identifier: EUPL-1.2
"""The sections of a programme report, and the three report templates that choose among them.

A section is registered once (``register_section``, in an ``AppConfig.ready``) and appears in every
report template it names, ordered by ``position``. Its ``figures(scope)`` returns its tables as
``core.tabular.Sheet``s: a caption (the sheet's title), typed columns (``core.tabular.Column``:
text, whole number, percentage, date; or the reports' ``tables.EURO`` and ``tables.POINTS``) and
rows of raw values, computed with a constant number of queries. ``scope`` is the report being
computed (``selectors.ReportScope``): ``scope.programme``, ``scope.on`` (the report's date),
``scope.brief`` (the short template), ``scope.details_visible`` (whether the reader may see single
municipalities). The same tables make the page, the PDF, the XLSX (one sheet per section) and the
API's JSON, so every output holds the same figures. ``template`` shows the section on the page and
in the PDF (it gets ``section``, ``tables`` and ``charts``); ``charts(section)`` draws its SVG
charts from its tables. ``detail(scope)``, when given, returns what the section's template shows besides
its tables (as ``section.detail``; kept in the cache with the report, so plain values or model
instances). ``object_types`` names the audit object types whose writes change the
figures, so that a report stays cached while nothing it shows changes (``None``: any write).

The reports' own sections are registered in ``apps.py`` through the same function. The Gateway
review template keeps a slot for the reviews themselves: a section registered with the key
``GATEWAY_REVIEWS`` (and ``GATEWAY_REVIEWS_POSITION``) for ``GATEWAY_REVIEW`` appears right after the
summary; ``reviews/report_section.py`` fills it. A section of another domain (for instance the
suppliers' readiness) is written in that app without importing the reports (the scope's attributes
and ``core.tabular`` are all it needs) and registered here by the reports app, which may import the
apps below it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from bouwplaats.core import tabular

BESTUUR, ALV, GATEWAY_REVIEW = "bestuur", "alv", "gateway-review"
ALL_TEMPLATES = frozenset({BESTUUR, ALV, GATEWAY_REVIEW})
FULL_TEMPLATES = frozenset({ALV, GATEWAY_REVIEW})

# The slot of the Gateway reviews in the Gateway review template (filled by the reviews' section).
GATEWAY_REVIEWS = "gateway-reviews"
GATEWAY_REVIEWS_POSITION = 15

DEFAULT_SECTION_TEMPLATE = "reports/sections/default.html"


@dataclass(frozen=True)
class ReportTemplate:
    code: str  # in addresses and the API
    name: str | Promise
    description: str | Promise
    brief: bool = False  # headline figures only, a page or two


TEMPLATES = {
    BESTUUR: ReportTemplate(
        BESTUUR,
        _("Board"),
        _("For the board: the headline figures on a page or two."),
        brief=True,
    ),
    ALV: ReportTemplate(
        ALV,
        _("General meeting (ALV)"),
        _("For the members: every figure per building block, province and municipality, with questions and ideas."),
    ),
    GATEWAY_REVIEW: ReportTemplate(
        GATEWAY_REVIEW,
        _("Gateway review"),
        _("For a Gateway review: all sections of the report, the reviews included."),
    ),
}


@dataclass(frozen=True)
class Section:
    key: str  # stable: the anchor on the page, the key in the API
    title: str | Promise
    figures: Callable[..., Sequence[tabular.Sheet]]  # (scope) -> tables
    position: int
    report_templates: frozenset[str] = ALL_TEMPLATES
    template: str = DEFAULT_SECTION_TEMPLATE
    charts: Callable[..., list[SafeString]] | None = None  # (report section) -> SVG charts drawn from its tables
    object_types: tuple[str, ...] | None = field(default=())  # besides what every report shows
    detail: Callable[..., object] | None = None  # (scope) -> what the template shows besides the tables


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Add ``section`` to the reports (a section registered again under its key replaces the earlier one)."""
    unknown = section.report_templates - ALL_TEMPLATES
    if unknown:
        raise ValueError(f"Unknown report templates: {', '.join(sorted(unknown))}")
    _sections[section.key] = section


def registered_section(key: str) -> Section | None:
    return _sections.get(key)


def sections_for(template_code: str) -> list[Section]:
    """The sections of a report template, in their order."""
    chosen = [section for section in _sections.values() if template_code in section.report_templates]
    return sorted(chosen, key=lambda section: (section.position, section.key))


def section_object_types() -> tuple[str, ...] | None:
    """The object types the registered sections show besides the reports' own; None when one does not say."""
    types: list[str] = []
    for section in _sections.values():
        if section.object_types is None:
            return None
        types.extend(section.object_types)
    return tuple(types)
