# SPDX-License-Identifier: EUPL-1.2
"""The API: checking an upload (multipart), listing and reading reports; who may do what; query counts."""

import datetime

import pytest
from django.urls import reverse

from bouwplaats.core.testing import invalid_params
from bouwplaats.suppliers.conformance.services import conformance_report_create
from bouwplaats.suppliers.models import ConformanceReport, Product, ProductVersion, Readiness, ReadinessState

from .conftest import UPDATE_ZAAK, WRONG_ELEMENT_PATH, example, upload, with_wrong_element, zipped

pytestmark = pytest.mark.django_db

LIST = reverse("conformance-report-list")


def detail(report) -> str:
    return reverse("conformance-report-detail", args=[report.pk])


def report_of(actor, standard, data=None, **owner) -> ConformanceReport:
    return conformance_report_create(
        actor=actor, standard=standard, upload=upload(UPDATE_ZAAK, data or example(UPDATE_ZAAK)), **owner
    )


def post(api_client, data: bytes, name: str = "bericht.xml", **fields):
    return api_client.post(LIST, {"file": upload(name, data), **fields}, format="multipart")


def test_a_representative_checks_messages(api_client, rep_a, supplier_a, zkn):
    api_client.force_authenticate(rep_a)
    data = zipped({"goed.xml": example(UPDATE_ZAAK), "fout.xml": with_wrong_element(example(UPDATE_ZAAK))})
    response = post(api_client, data, "set.zip", standard="stuf-zkn-0310", supplier=supplier_a.pk)
    assert response.status_code == 201, response.json()
    body = response.json()
    report = ConformanceReport.objects.get()
    assert body["id"] == report.pk
    assert (body["standard"], body["supplier"], body["municipality"]) == ("stuf-zkn-0310", supplier_a.pk, None)
    assert (body["message_count"], body["error_count"], body["passed"]) == (2, 1, False)
    assert body["uploaded_by"] == rep_a.full_name
    good, bad = body["messages"]
    assert good == {
        "name": "goed.xml",
        "root": "ZKN:zakLk01",
        "schema": "StUF-ZKN 3.10",
        "error_count": 0,
        "errors": [],
        "ignored": False,
    }
    (error,) = bad["errors"]
    assert (error["line"], error["path"]) == (24, WRONG_ELEMENT_PATH)


def test_a_coordinator_checks_for_their_municipality_by_code(api_client, coordinator_a, town_a, zkn):
    api_client.force_authenticate(coordinator_a)
    response = post(api_client, example(UPDATE_ZAAK), standard="stuf-zkn-0310", municipality="gm9901")
    assert response.status_code == 201 and response.json()["municipality"] == "GM9901"
    assert response.json()["passed"] is True


@pytest.mark.parametrize(
    ("user", "owner"),
    [("rep_a", {"supplier": "supplier_b"}), ("coordinator_a", {"municipality": "GM9902"})],
)
def test_checking_for_another_supplier_or_municipality_is_403(request, api_client, user, owner, zkn, town_b):
    api_client.force_authenticate(request.getfixturevalue(user))
    fields = {key: request.getfixturevalue(value).pk if key == "supplier" else value for key, value in owner.items()}
    response = post(api_client, example(UPDATE_ZAAK), standard="stuf-zkn-0310", **fields)
    assert response.status_code == 403
    assert not ConformanceReport.objects.exists()


def test_hostile_files_are_400_with_the_reason(api_client, rep_a, supplier_a, zkn):
    api_client.force_authenticate(rep_a)
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n<a>&s;</a>'
    response = post(api_client, xxe, standard="stuf-zkn-0310", supplier=supplier_a.pk)
    assert response.status_code == 400
    assert invalid_params(response) == {
        "file": ["bericht.xml, line 3: the file contains a DTD or entities; these are not allowed."]
    }
    response = post(api_client, b"<" * (11 * 1024 * 1024), standard="stuf-zkn-0310", supplier=supplier_a.pk)
    assert response.status_code == 400 and "larger than 10 MB" in invalid_params(response)["file"][0]
    assert not ConformanceReport.objects.exists()


def test_wrong_fields_are_400(api_client, staff, zkn, digikoppeling):
    api_client.force_authenticate(staff)
    response = post(api_client, example(UPDATE_ZAAK), standard="digikoppeling", supplier=999999, municipality="GM0000")
    assert response.status_code == 400
    assert set(invalid_params(response)) == {"standard", "supplier", "municipality"}
    response = post(api_client, example(UPDATE_ZAAK), standard="stuf-zkn-0310")
    assert response.status_code == 400
    assert invalid_params(response) == {"supplier": ["Choose the supplier or the municipality the check is for."]}


def test_anonymous_callers_may_not_check_or_list(api_client, zkn):
    assert post(api_client, example(UPDATE_ZAAK), standard="stuf-zkn-0310").status_code in (401, 403)
    assert api_client.get(LIST).status_code in (401, 403)


def test_the_list_holds_ones_own_reports(
    api_client, rep_a, rep_b, supplier_a, supplier_b, coordinator_a, town_a, staff, zkn
):
    mine = report_of(rep_a, zkn, supplier=supplier_a)
    theirs = report_of(rep_b, zkn, supplier=supplier_b)
    town = report_of(coordinator_a, zkn, municipality=town_a)
    for user, expected in ((rep_a, [mine]), (coordinator_a, [town]), (staff, [town, theirs, mine])):
        api_client.force_authenticate(user)
        body = api_client.get(LIST).json()
        assert [item["id"] for item in body["results"]] == [report.pk for report in expected]
        assert "messages" not in body["results"][0]


@pytest.mark.parametrize("user", ["rep_b", "coordinator_a", "member"])
def test_reading_another_suppliers_report_by_its_id_is_403(request, api_client, rep_a, supplier_a, zkn, user):
    report = report_of(rep_a, zkn, supplier=supplier_a)
    api_client.force_authenticate(request.getfixturevalue(user))
    assert api_client.get(detail(report)).status_code == 403


def test_reading_another_municipalitys_report_is_403(api_client, coordinator_a, coordinator_b, town_a, zkn):
    report = report_of(coordinator_a, zkn, municipality=town_a)
    api_client.force_authenticate(coordinator_b)
    assert api_client.get(detail(report)).status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get(detail(report)).status_code == 403


def test_a_report_that_is_evidence_is_public_without_the_uploader(api_client, rep_a, supplier_a, zkn):
    report = report_of(rep_a, zkn, supplier=supplier_a)
    product = Product.objects.create(supplier=supplier_a, name="Zaaksysteem")
    version = ProductVersion.objects.create(product=product, version="5.1", release_date=datetime.date(2014, 3, 1))
    Readiness.objects.create(
        product_version=version,
        standard=zkn,
        state=ReadinessState.SUPPORTED,
        date=datetime.date(2014, 3, 1),
        conformance_report=report,
    )
    body = api_client.get(detail(report)).json()
    assert body["passed"] is True and body["uploaded_by"] is None


def test_an_unknown_report_is_404(api_client, staff):
    api_client.force_authenticate(staff)
    assert api_client.get(reverse("conformance-report-detail", args=[999999])).status_code == 404


def test_the_list_and_a_report_have_fixed_query_counts(api_client, rep_a, supplier_a, zkn, django_assert_num_queries):
    reports = [report_of(rep_a, zkn, supplier=supplier_a) for _ in range(3)]
    api_client.force_authenticate(rep_a)
    with django_assert_num_queries(2):  # the count and the page of reports
        api_client.get(LIST)
    for _ in range(3):
        reports.append(report_of(rep_a, zkn, supplier=supplier_a))
    with django_assert_num_queries(2):
        api_client.get(LIST)
    with django_assert_num_queries(2):  # the report (with standard, owner, uploader, evidence), the membership
        api_client.get(detail(reports[-1]))
