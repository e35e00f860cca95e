# SPDX-License-Identifier: EUPL-1.2
"""Links to GEMMA Online, where VNG Realisatie publishes the GEMMA model by object id."""

GEMMA_ONLINE_URL = "https://gemmaonline.nl/index.php/GEMMA/id-{object_id}"
GEMMA_MODEL_NAME = "GEMMA"


def gemma_online_url(object_id: str) -> str:
    return GEMMA_ONLINE_URL.format(object_id=object_id) if object_id else ""
