# SPDX-License-Identifier: EUPL-1.2
"""Architecture pages: model releases, a model, element search, an element, import, and linking.

The shipped GEMMA release (2026-06-30) is loaded by ``load_reference_data``; DigiD's element id
comes from ``data/gemma/model/gemma_elements.csv``.
"""

from tests.browser.pages import ANONYMOUS, STAFF, PageSpec, nup, page_path

DIGID = "id-a5786df1-7ecf-11e3-67ab-0050568a6153"


def gemma(name: str, *args, query: str = "") -> str:
    """A page of the shipped GEMMA release, by its URL name in ``architecture``."""
    return page_path(f"architecture:{name}", "GEMMA", "2026-06-30", *args, query=query)


PAGES = [
    PageSpec("arch-models", page_path("architecture:model-list"), (ANONYMOUS, STAFF)),
    PageSpec("arch-model-gemma", gemma("model-detail"), (ANONYMOUS,)),
    PageSpec("arch-elements", gemma("element-list"), (ANONYMOUS,)),
    PageSpec("arch-elements-search", gemma("element-list", query="q=digid&layer=application"), (ANONYMOUS,)),
    PageSpec("arch-elements-page-2", gemma("element-list", query="gemma_type=Standaard&page=2"), (ANONYMOUS,)),
    PageSpec("arch-element-digid", gemma("element-detail", DIGID), (ANONYMOUS, STAFF)),
    PageSpec("arch-import", page_path("architecture:model-import"), (STAFF,)),
    PageSpec("arch-block-gemma", nup("building-block-gemma", "DIGID"), (STAFF,)),
    PageSpec("arch-block-gemma-search", nup("building-block-gemma", "DIGID", query="q=SAML"), (STAFF,)),
]
