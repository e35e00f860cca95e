"""The guide column on the monitor's municipality page: steps done of each block's current guide."""

from django.utils.translation import gettext_lazy, ngettext

from bouwplaats.monitor.extensions import Cell, ProgressColumn
from bouwplaats.ui.presentation import url_maker

from .selectors import guide_progress


def cells(municipality, building_blocks) -> dict[int, Cell]:
    codes = {block.pk: block.code for block in building_blocks}
    ticks_url = url_maker("knowledge:guide-ticks")  # one reverse for the whole column
    return {
        block_id: Cell(
            ngettext("%(done)s of %(total)s step", "%(done)s of %(total)s steps", total)
            % {"done": done, "total": total},
            ticks_url(codes[block_id], municipality.code),
        )
        for block_id, (done, total) in guide_progress(municipality, list(codes)).items()
    }


COLUMN = ProgressColumn(key="knowledge.guide", label=gettext_lazy("Guide"), cells=cells)
