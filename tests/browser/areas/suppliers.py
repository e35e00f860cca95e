# SPDX-License-Identifier: EUPL-1.2
"""Supplier pages: the list, a supplier's page, the agreements, and the forms of staff and representatives.

``load_demo_suppliers`` creates the demo suppliers in order of name on a fresh database: AFAS Software (1),
Centric (2, represented by the demo supplier representative), Decos (3); ``load_reference_data`` the
covenant (1) and its addenda. The pages below the products (versions, readiness, delivery dates) have ids
that depend on more than that; ``tests/browser/test_supplier_pages.py`` looks them up and checks them.
"""

from tests.browser.pages import ANONYMOUS, COORDINATOR, STAFF, SUPPLIER, PageSpec, nup, page_path

EVERYONE = (ANONYMOUS, STAFF, COORDINATOR, SUPPLIER)
CENTRIC, DECOS = 2, 3


def supplier(name: str, *args, query: str = "") -> str:
    return page_path(f"suppliers:{name}", *args, query=query)


PAGES = [
    PageSpec("suppliers", supplier("supplier-list"), EVERYONE),
    PageSpec("suppliers-search", supplier("supplier-list", query="q=cen"), (ANONYMOUS,)),
    PageSpec("supplier-centric", supplier("supplier-detail", CENTRIC), EVERYONE),
    PageSpec("supplier-decos", supplier("supplier-detail", DECOS), (SUPPLIER,)),
    PageSpec("supplier-history", supplier("supplier-history", CENTRIC), (ANONYMOUS, SUPPLIER)),
    PageSpec("supplier-create", supplier("supplier-create"), (STAFF,)),
    PageSpec("supplier-edit", supplier("supplier-edit", CENTRIC), (STAFF,)),
    PageSpec("supplier-edit-by-representative", supplier("supplier-edit", CENTRIC), (SUPPLIER,), status=403),
    PageSpec("product-create", supplier("product-create", CENTRIC), (STAFF, SUPPLIER)),
    PageSpec("product-create-other-supplier", supplier("product-create", DECOS), (SUPPLIER, COORDINATOR), status=403),
    PageSpec("representation-request", supplier("representation-request", DECOS), (STAFF,)),
    PageSpec(
        "representation-request-coordinator", supplier("representation-request", DECOS), (COORDINATOR,), status=403
    ),
    PageSpec("supplier-representatives", supplier("membership-requests"), (STAFF,)),
    PageSpec("supplier-agreements", supplier("agreement-list"), (ANONYMOUS, SUPPLIER)),
    PageSpec("supplier-covenant", supplier("agreement-detail", 1), (ANONYMOUS, STAFF)),
    PageSpec("building-block-bag-suppliers", nup("building-block-detail", "BAG"), (ANONYMOUS, SUPPLIER)),
]
