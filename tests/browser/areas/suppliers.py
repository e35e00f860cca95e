"""Supplier pages: the list, a supplier's page, the agreements, and the forms of staff and representatives.

``load_demo_suppliers`` creates the demo suppliers in order of name on a fresh database: AFAS Software (1),
Centric (2, represented by the demo supplier representative), Decos (3); ``load_reference_data`` the
covenant (1) and its addenda. The pages below the products (versions, readiness, delivery dates) have ids
that depend on more than that; ``tests/browser/test_supplier_pages.py`` looks them up and checks them.
"""

from tests.browser.pages import ANONYMOUS, COORDINATOR, NUP, STAFF, SUPPLIER, PageSpec

EVERYONE = (ANONYMOUS, STAFF, COORDINATOR, SUPPLIER)
CENTRIC = "/leveranciers/2"
DECOS = "/leveranciers/3"

PAGES = [
    PageSpec("suppliers", "/leveranciers/", EVERYONE),
    PageSpec("suppliers-search", "/leveranciers/?q=cen", (ANONYMOUS,)),
    PageSpec("supplier-centric", f"{CENTRIC}/", EVERYONE),
    PageSpec("supplier-decos", f"{DECOS}/", (SUPPLIER,)),
    PageSpec("supplier-history", f"{CENTRIC}/geschiedenis/", (ANONYMOUS, SUPPLIER)),
    PageSpec("supplier-create", "/leveranciers/nieuw/", (STAFF,)),
    PageSpec("supplier-edit", f"{CENTRIC}/bewerken/", (STAFF,)),
    PageSpec("supplier-edit-by-representative", f"{CENTRIC}/bewerken/", (SUPPLIER,), status=403),
    PageSpec("product-create", f"{CENTRIC}/pakketten/nieuw/", (STAFF, SUPPLIER)),
    PageSpec("product-create-other-supplier", f"{DECOS}/pakketten/nieuw/", (SUPPLIER, COORDINATOR), status=403),
    PageSpec("representation-request", f"{DECOS}/vertegenwoordigen/", (STAFF,)),
    PageSpec("representation-request-coordinator", f"{DECOS}/vertegenwoordigen/", (COORDINATOR,), status=403),
    PageSpec("supplier-representatives", "/leveranciers/vertegenwoordigers/", (STAFF,)),
    PageSpec("supplier-agreements", "/leveranciers/afspraken/", (ANONYMOUS, SUPPLIER)),
    PageSpec("supplier-covenant", "/leveranciers/afspraken/1/", (ANONYMOUS, STAFF)),
    PageSpec("building-block-bag-suppliers", f"{NUP}/bouwstenen/BAG/", (ANONYMOUS, SUPPLIER)),
]
