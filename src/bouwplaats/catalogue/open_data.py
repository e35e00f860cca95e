# SPDX-License-Identifier: EUPL-1.2
"""The catalogue's open datasets: the building blocks and result agreements of the current programme
(registered in ``CatalogueConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bouwplaats.core import tabular
from bouwplaats.core.open_data import CC0, Dataset, register_dataset

from .selectors import current_programme, open_data_building_blocks, open_data_result_agreements

CATALOGUE_SOURCES = (
    "catalogue.programme",
    "catalogue.buildingblock",
    "catalogue.resultagreement",
    "catalogue.statuslevel",
    "reference_data",
)
BLOCK_COLUMNS = (
    ("programme", "short name of the programme"),
    ("code", "code of the building block"),
    ("name", "name of the building block"),
    ("cluster", "the group it belongs to"),
    ("owner", "owning ministry or managing organisation"),
    ("municipality_role", "what the municipality does (code)"),
    ("deadline", "the date by which the result was due (YYYY-MM-DD)"),
    ("deadline_basis", "law or programme_end"),
    ("depends_on", "codes of the building blocks it builds on, separated by spaces"),
    ("gemma_object_id", "the matching element in the GEMMA model"),
    ("evidence", "source (a public source ties it to the programme) or inferred"),
    ("source_url", "the public source"),
    ("description_nl", "description in Dutch"),
    ("description_en", "description in English"),
)
AGREEMENT_COLUMNS = (
    ("programme", "short name of the programme"),
    ("number", "number of the result agreement"),
    ("title", "title"),
    ("text", "what municipalities agreed to"),
    ("criterion", "how it is measured"),
    ("building_blocks", "codes of its building blocks, separated by spaces"),
    ("required_level", "code of the status level each block must reach"),
    ("deadline", "the date by which it was due (YYYY-MM-DD), empty when not known"),
    ("wording", "whether the text is the official wording (code)"),
    ("evidence", "source or inferred"),
    ("source_url", "the public source"),
)


def _columns(described) -> list[tabular.Column]:
    return [tabular.Column(name, tabular.DATE if name == "deadline" else tabular.AUTO) for name, _text in described]


def building_blocks_sheet(programme) -> tabular.Sheet:
    rows = (
        [
            programme.slug,
            block.code,
            block.name,
            block.cluster,
            block.owner,
            block.municipality_role,
            block.deadline,
            block.deadline_basis,
            " ".join(other.code for other in block.depends_on.all()),
            block.gemma_object_id,
            block.evidence,
            block.source_url,
            block.description,
            block.description_en,
        ]
        for block in open_data_building_blocks(programme)
    )
    return tabular.Sheet("building blocks", _columns(BLOCK_COLUMNS), rows)


def result_agreements_sheet(programme) -> tabular.Sheet:
    rows = (
        [
            programme.slug,
            agreement.number,
            agreement.title,
            agreement.text,
            agreement.criterion,
            " ".join(block.code for block in agreement.building_blocks.all()),
            agreement.required_level.code,
            agreement.deadline,
            agreement.wording,
            agreement.evidence,
            agreement.source_url,
        ]
        for agreement in open_data_result_agreements(programme)
    )
    return tabular.Sheet("result agreements", _columns(AGREEMENT_COLUMNS), rows)


def _of_current(sheet, columns):
    def table() -> tabular.Sheet:
        programme = current_programme()
        if programme is None:
            return tabular.Sheet("open data", _columns(columns), [])
        return sheet(programme)

    return table


def register() -> None:
    register_dataset(
        Dataset(
            key="building-blocks",
            title=_("Building blocks of the programme"),
            description=_(
                "The building blocks of the current programme: what municipalities implement, who owns them, "
                "their deadlines and the blocks they build on, with their public sources."
            ),
            licence=CC0,
            table=_of_current(building_blocks_sheet, BLOCK_COLUMNS),
            object_types=CATALOGUE_SOURCES,
            position=20,
            keywords=(_("building blocks"), _("catalogue")),
            columns=BLOCK_COLUMNS,
        )
    )
    register_dataset(
        Dataset(
            key="result-agreements",
            title=_("Result agreements of the programme"),
            description=_(
                "The result agreements of the current programme: what municipalities agreed to achieve, with "
                "which building blocks, at which level and by when."
            ),
            licence=CC0,
            table=_of_current(result_agreements_sheet, AGREEMENT_COLUMNS),
            object_types=CATALOGUE_SOURCES,
            position=21,
            keywords=(_("result agreements"), _("catalogue")),
            columns=AGREEMENT_COLUMNS,
        )
    )
