# SPDX-License-Identifier: EUPL-1.2
"""The suppliers' section of the ALV and Gateway review reports: per building block the products that support
it, plan it (by or after its deadline) or do not plan it, and the overdue delivery commitments, on the date."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bouwplaats.catalogue.models import Programme
from bouwplaats.reports import selectors
from bouwplaats.reports.sections import ALV, BESTUUR, GATEWAY_REVIEW, TEMPLATES, registered_section
from bouwplaats.suppliers.models import ReadinessState
from bouwplaats.suppliers.tests.factories import (
    AgreementFactory,
    BuildingBlockFactory,
    CommitmentFactory,
    ProductFactory,
    ProductVersionFactory,
    ProgrammeFactory,
    ReadinessFactory,
    SignatureFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db

d = datetime.date
DEADLINE = d(2014, 1, 1)
ON = d(2014, 6, 30)


@pytest.fixture
def market(db):
    """Alfa and Bravo (deadline 1 January 2014). Acme: "Zaken" supports Alfa since 1 June 2013 and Bravo only
    since 1 August 2014; "Post" plans Alfa for 1 December 2013. Beta: "Burger" planned Alfa for October 2013
    in 2013.1, and its newest version supports it since 1 September 2014; "Oud" does not plan Alfa. Beta
    committed to deliver Alfa by 1 March 2014."""
    Programme.objects.update(is_current=False)
    programme = ProgrammeFactory(slug="leverprogramma", name="Leverprogramma", is_current=True)
    alfa = BuildingBlockFactory(programme=programme, code="AAA", name="Alfa", deadline=DEADLINE)
    bravo = BuildingBlockFactory(programme=programme, code="BBB", name="Bravo", deadline=DEADLINE)
    acme, beta = SupplierFactory(name="Acme"), SupplierFactory(name="Beta")

    def version(supplier, product, number="1.0"):
        product = ProductFactory(supplier=supplier, name=product)
        return ProductVersionFactory(product=product, version=number, release_date=d(2013, 1, 1))

    zaken = version(acme, "Zaken")
    ReadinessFactory(product_version=zaken, building_block=alfa, state=ReadinessState.SUPPORTED, date=d(2013, 6, 1))
    ReadinessFactory(product_version=zaken, building_block=bravo, state=ReadinessState.SUPPORTED, date=d(2014, 8, 1))
    post = version(acme, "Post")
    ReadinessFactory(product_version=post, building_block=alfa, state=ReadinessState.PLANNED, date=d(2013, 12, 1))
    burger = version(beta, "Burger", "2013.1")
    ReadinessFactory(product_version=burger, building_block=alfa, state=ReadinessState.PLANNED, date=d(2013, 10, 1))
    newer = ProductVersionFactory(product=burger.product, version="2014.1", release_date=d(2014, 1, 1))
    ReadinessFactory(product_version=newer, building_block=alfa, state=ReadinessState.SUPPORTED, date=d(2014, 9, 1))
    oud = version(beta, "Oud")
    ReadinessFactory(product_version=oud, building_block=alfa, state=ReadinessState.NOT_PLANNED, date=None)
    addendum = AgreementFactory(programme=programme, title="Addendum Zaken", building_blocks=[alfa, bravo])
    CommitmentFactory(
        signature=SignatureFactory(agreement=addendum, supplier=beta), building_block=alfa, due_date=d(2014, 3, 1)
    )
    return programme


def tables(programme, on=ON, template=ALV):
    report = selectors.report(programme=programme, template=TEMPLATES[template], on=on, details_visible=False)
    return report.section("suppliers").tables


def url(programme, name, template=ALV, on=ON):
    return reverse(f"reports:report-{name}", args=[programme.slug, template]) + f"?peildatum={on.isoformat()}"


def test_each_block_by_the_readiness_of_the_products_on_the_date(market):
    readiness, late = tables(market)
    assert [column.heading for column in readiness.columns] == [
        "Building block",
        "Deadline",
        "Products supporting it",
        "Suppliers supporting it",
        "Products planning it by the deadline",
        "Products planning it after the deadline",
        "Products not planning it",
        "Overdue delivery commitments",
    ]
    assert readiness.rows == [
        ["Alfa", DEADLINE, 1, 1, 1, 1, 1, 1],
        ["Bravo", DEADLINE, 0, 0, 0, 1, 0, 0],
    ]
    # Beta's delivery date for Alfa has passed without support; its support from September is not shown yet.
    assert late.rows == [["Beta", "Alfa", "Addendum Zaken", d(2014, 3, 1), None]]


def test_later_the_supports_count_and_a_late_delivery_is_shown(market):
    readiness, late = tables(market, on=d(2014, 12, 31))
    assert readiness.rows == [
        ["Alfa", DEADLINE, 2, 2, 1, 0, 1, 1],
        ["Bravo", DEADLINE, 1, 1, 0, 0, 0, 0],
    ]
    assert late.rows == [["Beta", "Alfa", "Addendum Zaken", d(2014, 3, 1), d(2014, 9, 1)]]


def test_before_the_delivery_date_nothing_is_overdue(market):
    readiness, late = tables(market, on=d(2014, 2, 1))
    assert [row[-1] for row in readiness.rows] == [0, 0]
    assert late.rows == []


def test_the_section_is_in_the_alv_and_gateway_review_reports():
    section = registered_section("suppliers")
    assert section.report_templates == frozenset({ALV, GATEWAY_REVIEW})
    assert BESTUUR not in section.report_templates
    assert "suppliers.readiness" in section.object_types and "suppliers.deliverycommitment" in section.object_types


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["Suppliers: readiness and overdue commitments", "Delivery commitments overdue on 30 June 2014"]),
        ("nl", ["Leveranciers: gereedheid en te late toezeggingen", "Leveringstoezeggingen te laat op 30 juni 2014"]),
    ],
)
def test_the_page_shows_the_section(client, market, language, texts):
    reader = client if language == "en" else Client()
    body = reader.get(url(market, "page")).content.decode()
    assert 'id="suppliers"' in body
    for text in texts:
        assert text in body
    assert 'id="suppliers"' not in reader.get(url(market, "page", BESTUUR)).content.decode()


def test_the_xlsx_and_the_api_hold_the_same_figures(client, api_client, market):
    workbook = load_workbook(io.BytesIO(client.get(url(market, "xlsx", GATEWAY_REVIEW)).content), read_only=True)
    name = next(name for name in workbook.sheetnames if name.startswith("Suppliers"))
    sheet = [[value for value in row if value is not None] for row in workbook[name].iter_rows(values_only=True)]
    assert ["Alfa", datetime.datetime(2014, 1, 1), 1, 1, 1, 1, 1, 1] in sheet
    assert ["Beta", "Alfa", "Addendum Zaken", datetime.datetime(2014, 3, 1)] in sheet
    response = api_client.get(
        reverse("api-programme-report-detail", args=[ALV]), {"programme": market.slug, "date": ON.isoformat()}
    )
    section = next(section for section in response.json()["sections"] if section["key"] == "suppliers")
    assert section["tables"][0]["rows"][0] == ["Alfa", "2014-01-01", 1, 1, 1, 1, 1, 1]
    assert section["tables"][1]["rows"] == [["Beta", "Alfa", "Addendum Zaken", "2014-03-01", None]]


def test_the_section_reads_in_a_fixed_number_of_queries(market, django_assert_num_queries):
    scope = selectors.ReportScope(programme=market, template=TEMPLATES[ALV], on=ON, today=ON, details_visible=False)
    figures = registered_section("suppliers").figures
    with django_assert_num_queries(3):  # the blocks, the readiness, the overdue commitments
        figures(scope)
    block = BuildingBlockFactory(programme=market, code="CCC", name="Charlie", deadline=DEADLINE)
    for index in range(4):
        supplier = SupplierFactory()
        version = ProductVersionFactory(product=ProductFactory(supplier=supplier))
        ReadinessFactory(product_version=version, building_block=block, state=ReadinessState.PLANNED, date=ON)
        signature = SignatureFactory(agreement=AgreementFactory(programme=market), supplier=supplier)
        CommitmentFactory(signature=signature, building_block=block, due_date=d(2014, 2, index + 1))
    with django_assert_num_queries(3):
        readiness, late = figures(scope)
    assert readiness.rows[-1] == ["Charlie", DEADLINE, 0, 0, 0, 4, 0, 4]
    assert len(late.rows) == 5
