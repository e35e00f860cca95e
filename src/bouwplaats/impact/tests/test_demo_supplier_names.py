# SPDX-License-Identifier: EUPL-1.2
"""The demo landscapes name the suppliers, products and versions of the demo suppliers, so that a landscape's
applications can be linked to product versions."""

from bouwplaats.impact import demo as landscapes
from bouwplaats.suppliers import demo as suppliers


def test_the_demo_suppliers_are_the_suppliers_of_the_demo_landscapes():
    used = {supplier for products in landscapes.PRODUCTS.values() for supplier, _product, _components in products}
    used |= set(landscapes.OTHER_SUPPLIERS) - {"Eigen beheer"}
    assert set(suppliers.supplier_names()) == used


def test_the_demo_products_are_the_main_products_of_the_demo_landscapes():
    main = {(area, supplier, product) for area, rows in landscapes.PRODUCTS.items() for supplier, product, _c in rows}
    assert {(area, s, p) for area, rows in suppliers.PRODUCTS.items() for s, p in rows} == main


def test_every_version_a_landscape_draws_for_a_main_product_is_a_demo_version():
    names = {name for rows in landscapes.PRODUCTS.values() for _s, _p, components in rows for name in components}
    components = {name: f"id-{index}" for index, name in enumerate(sorted(names))}
    numbers = {number for number, _release in suppliers.version_numbers()}
    drawn = [
        application
        for code in ("GM0363", "GM0344", "GM0014", "GM1680")
        for application in landscapes.landscape(
            seed=2014,
            municipality_code=code,
            inhabitants=50_000,
            components=components,
            realised={},
            filler_components=[],
        )
    ]
    assert len(drawn) > 40
    assert {application.version for application in drawn} <= numbers
