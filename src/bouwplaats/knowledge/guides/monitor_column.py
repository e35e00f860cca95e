# SPDX-License-Identifier: EUPL-1.2
"""The guide column on the monitor's municipality page: steps done of each block's current guide."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from bouwplaats.monitor.extensions import Cell, ProgressColumn

from ..permissions import can_tick_steps
from .selectors import guide_progress


def cells(municipality, building_blocks) -> dict[int, Cell]:
    codes = {block.pk: block.code for block in building_blocks}
    return {
        block_id: Cell(
            ngettext("%(done)s of %(total)s step", "%(done)s of %(total)s steps", total)
            % {"done": done, "total": total},
            reverse("knowledge:guide-ticks", args=[codes[block_id], municipality.code]),
        )
        for block_id, (done, total) in guide_progress(municipality, list(codes)).items()
    }


# The cells link to the page where steps are ticked: only for whom that page admits (``guide_ticks``).
COLUMN = ProgressColumn(
    key="knowledge.guide",
    label=gettext_lazy("Guide"),
    cells=cells,
    links_visible=can_tick_steps,
    # Publishing a guide and ticking its steps are audited on the guide's version; the demo loader at once.
    object_types=("knowledge.guideversion", "knowledge.guide", "knowledge.demo"),
)
