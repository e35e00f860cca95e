"""The guide column on the monitor's municipality page: steps done of each block's current guide."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bouwplaats.monitor.extensions import Cell, ProgressColumn
from bouwplaats.ui.presentation import url_maker

from ..permissions import can_tick_steps
from .selectors import guide_progress


def cells(municipality, building_blocks) -> dict[int, Cell]:
    codes = {block.pk: block.code for block in building_blocks}
    ticks_url = url_maker("knowledge:guide-ticks")  # one reverse for the whole column
    return {
        block_id: Cell(
            _("%(done)s of %(total)s steps") % {"done": done, "total": total},
            ticks_url(codes[block_id], municipality.code),
        )
        for block_id, (done, total) in guide_progress(municipality, list(codes)).items()
    }


# The cells link to the page where steps are ticked: only for whom that page admits (``guide_ticks``).
COLUMN = ProgressColumn(key="knowledge.guide", label=gettext_lazy("Guide"), cells=cells, links_visible=can_tick_steps)
