# SPDX-License-Identifier: EUPL-1.2
"""The impact report: the sections of the NUP impact analyses, computed parts filled in.

``report_context`` gathers what the HTML page, the PDF and the XLSX need: the analysis, the
readiness of the result agreements of the scenario's building block (from the monitor's current
statuses) and the narrative sections. Exports: ``sheets`` (elements, municipalities, gaps; written
as XLSX or ODS by ``core.tabular``), ``pdf_bytes`` (WeasyPrint from the printable HTML) and
``ameff_bytes`` (the affected subgraph through the architecture app's exporter).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bouwplaats.architecture.importers import export_ameff
from bouwplaats.architecture.models import Element, Relation
from bouwplaats.catalogue.models import ResultAgreement
from bouwplaats.core import tabular
from bouwplaats.monitor.models import CurrentStatus
from bouwplaats.ui import pdf

from .analysis import LAYER_GROUPS, Analysis
from .models import GapKind, ImpactScenario


@dataclass
class AgreementReadiness:
    agreement: ResultAgreement
    reached: int
    total: int
    own_level: str | None = None
    own_reached: bool | None = None

    @property
    def percentage(self) -> float:
        return round(100 * self.reached / self.total, 1) if self.total else 0.0


def agreement_readiness(analysis: Analysis, *, municipality=None) -> list[AgreementReadiness]:
    """Per result agreement of the building block: how many municipalities reached its level."""
    block = analysis.scenario.building_block
    if block is None:
        return []
    agreements = list(
        ResultAgreement.objects.filter(building_blocks=block).select_related("required_level").order_by("number")
    )
    if not agreements:
        return []
    ids = [m.id for m in analysis.municipalities]
    statuses = CurrentStatus.objects.filter(building_block=block, municipality_id__in=ids)
    counts = dict(statuses.values_list("level__position").annotate(n=Count("pk")).values_list("level__position", "n"))
    own = None
    if municipality is not None:
        own = statuses.filter(municipality=municipality).select_related("level").first()
    total = len(ids)
    result = []
    for agreement in agreements:
        required = agreement.required_level.position
        reached = sum(n for position, n in counts.items() if position >= required)
        row = AgreementReadiness(agreement, reached, total)
        if municipality is not None:
            row.own_level = own.level.name if own else None
            row.own_reached = bool(own and own.level.position >= required)
        result.append(row)
    return result


def report_context(analysis: Analysis, *, municipality=None, impact=None) -> dict:
    scenario: ImpactScenario = analysis.scenario
    sections = [
        (name, ImpactScenario._meta.get_field(name).verbose_name, getattr(scenario, name))
        for name in ImpactScenario.NARRATIVE_FIELDS
    ]
    return {
        "scenario": scenario,
        "analysis": analysis,
        "totals": analysis.totals(),
        "size_rows": analysis.by_size_class(),
        "readiness": agreement_readiness(analysis, municipality=municipality),
        "sections": {name: (label, text) for name, label, text in sections},
        "municipality": municipality,
        "impact": impact,
    }


def pdf_bytes(context: dict, *, base_url: str) -> bytes:
    """The report as a tagged PDF with a cover (release, time of calculation), contents and page numbers."""
    return pdf.pdf_bytes("impact/report_print.html", context, base_url=base_url)


def sheets(analysis: Analysis, *, municipalities=None) -> list[tabular.Sheet]:
    """Sheets: elements (with paths), municipalities (gaps and estimate), gaps (one row per gap)."""
    municipalities = analysis.municipalities if municipalities is None else municipalities
    layer_names = {code: str(label) for code, label in LAYER_GROUPS}  # the layer as the page names it
    elements = []
    for element in analysis.elements:
        link = analysis.links.get(element.node.id)  # a GEMMA element it stands for, by the reference release
        elements.append(
            [
                layer_names[element.group],
                element.node.name,
                element.node.type,
                element.node.gemma_type or (link.gemma_type if link else ""),
                element.node.object_id or (link.object_id if link else ""),
                element.depth,
                path_text(element),
            ]
        )
    rows = [
        [
            impact.code,
            impact.name,
            impact.size_class,
            len(impact.applications),
            ", ".join(impact.suppliers),
            len(impact.missing_components),
            impact.standard_gap_count,
            impact.cost,
        ]
        for impact in municipalities
    ]
    gaps = []
    for impact in municipalities:
        for component in impact.missing_components:
            gaps.append(
                [
                    impact.code,
                    impact.name,
                    str(GapKind.MISSING_COMPONENT.label),
                    "",
                    "",
                    analysis.name_of(component),
                    component,
                ]
            )
        for app in impact.applications:
            for standard in app.missing_standards:
                gaps.append(
                    [
                        impact.code,
                        impact.name,
                        str(GapKind.MISSING_STANDARD.label),
                        app.name,
                        app.supplier,
                        analysis.name_of(standard),
                        standard,
                    ]
                )
    element_columns = [
        _("Layer"),
        _("Name"),
        _("ArchiMate type"),
        _("GEMMA type"),
        _("Object ID"),
        tabular.Column(_("Depth"), tabular.INTEGER),
        _("Path"),
    ]
    municipality_columns = [
        _("Code"),
        _("Municipality"),
        tabular.Column(_("Size class"), tabular.INTEGER),
        tabular.Column(_("Affected applications"), tabular.INTEGER),
        _("Suppliers"),
        tabular.Column(_("Missing components"), tabular.INTEGER),
        tabular.Column(_("Standard gaps"), tabular.INTEGER),
        tabular.Column(_("Estimated effort"), tabular.EURO),
    ]
    gap_columns = [
        _("Code"),
        _("Municipality"),
        _("Kind"),
        _("Application"),
        _("Supplier"),
        _("GEMMA element"),
        _("Object ID"),
    ]
    scenario = analysis.scenario
    about = [
        [_("Scenario"), scenario.title],
        [_("Model release"), str(scenario.model)],
        [_("Calculated at"), formats.date_format(timezone.localtime(analysis.computed_at), "j F Y, H:i")],
        [_("Division of"), analysis.division_date],
    ]
    return [
        tabular.Sheet(_("Elements"), element_columns, elements),
        tabular.Sheet(_("Municipalities"), municipality_columns, rows),
        tabular.Sheet(_("Gaps"), gap_columns, gaps),
        tabular.Sheet(_("About"), [_("Item"), _("Value")], about),
    ]


def path_text(element) -> str:
    parts = [element.start.name]
    for step in element.path:
        arrow = f"–{step.relation}→" if step.direction == "forward" else f"←{step.relation}–"
        parts.append(f"{arrow} {step.node.name}")
    return " ".join(parts)


def ameff_bytes(analysis: Analysis) -> bytes:
    """The affected elements and the relations between them, as an AMEFF file that Archi opens."""
    model = analysis.scenario.model
    ids = [element.node.id for element in analysis.elements]
    elements = Element.objects.filter(model=model, pk__in=ids)
    relations = Relation.objects.filter(model=model, source_id__in=ids, target_id__in=ids)
    return export_ameff(model, elements=elements, relations=relations)
