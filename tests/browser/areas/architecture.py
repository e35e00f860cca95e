"""Architecture pages: model releases, a model, element search, an element, import, and linking.

The shipped GEMMA release (2026-06-30) is loaded by ``load_reference_data``; DigiD's element id
comes from ``data/gemma/model/gemma_elements.csv``.
"""

from tests.browser.pages import ANONYMOUS, STAFF, PageSpec

GEMMA = "/architectuur/GEMMA/2026-06-30"
DIGID = "id-a5786df1-7ecf-11e3-67ab-0050568a6153"

PAGES = [
    PageSpec("arch-models", "/architectuur/", (ANONYMOUS, STAFF)),
    PageSpec("arch-model-gemma", f"{GEMMA}/", (ANONYMOUS,)),
    PageSpec("arch-elements", f"{GEMMA}/elementen/", (ANONYMOUS,)),
    PageSpec("arch-elements-search", f"{GEMMA}/elementen/?q=digid&layer=application", (ANONYMOUS,)),
    PageSpec("arch-elements-page-2", f"{GEMMA}/elementen/?gemma_type=Standaard&page=2", (ANONYMOUS,)),
    PageSpec("arch-element-digid", f"{GEMMA}/elementen/{DIGID}/", (ANONYMOUS, STAFF)),
    PageSpec("arch-import", "/architectuur/importeren/", (STAFF,)),
    PageSpec("arch-block-gemma", "/programmas/operatie-nup/bouwstenen/DIGID/gemma/", (STAFF,)),
    PageSpec("arch-block-gemma-search", "/programmas/operatie-nup/bouwstenen/DIGID/gemma/?q=SAML", (STAFF,)),
]
