# SPDX-License-Identifier: EUPL-1.2
"""The pages: checking messages, a report, the list of one's reports; who may open what; Dutch and
English; query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bouwplaats.core.testing import warmed_query_count
from bouwplaats.suppliers.conformance.services import conformance_report_create
from bouwplaats.suppliers.models import ConformanceReport, Product, ProductVersion, Readiness, ReadinessState, Standard

from .conftest import (
    UPDATE_ZAAK,
    WRONG_ELEMENT_PATH,
    example,
    upload,
    with_wrong_element,
    zipped,
)

pytestmark = pytest.mark.django_db

LIST = reverse("conformance:report-list")
NEW = reverse("conformance:report-new")


def detail(report) -> str:
    return reverse("conformance:report-detail", args=[report.pk])


def report_of(actor, standard, data=None, name=UPDATE_ZAAK, **owner) -> ConformanceReport:
    return conformance_report_create(
        actor=actor, standard=standard, upload=upload(name, data or example(name)), **owner
    )


@pytest.fixture
def failing_a(rep_a, supplier_a, zkn):
    return report_of(rep_a, zkn, with_wrong_element(example(UPDATE_ZAAK)), supplier=supplier_a)


@pytest.fixture
def report_town_a(coordinator_a, town_a, zkn):
    return report_of(coordinator_a, zkn, municipality=town_a)


def post(client, standard, owner: str, data: bytes, name: str = "berichten.xml"):
    return client.post(NEW, {"standard": standard.pk, "owner": owner, "file": upload(name, data)})


# --- checking --------------------------------------------------------------------------------------


def test_a_representative_checks_messages_and_sees_the_report(client, rep_a, supplier_a, zkn):
    client.force_login(rep_a)
    page = client.get(NEW).content.decode()
    assert "Check StUF messages" in page and "Centric" in page and "StUF-ZKN 3.10" in page
    data = zipped({"goed.xml": example(UPDATE_ZAAK), "fout.xml": with_wrong_element(example(UPDATE_ZAAK))})
    response = post(client, zkn, f"supplier:{supplier_a.pk}", data, name="set.zip")
    report = ConformanceReport.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(report)
    page = client.get(detail(report)).content.decode()
    assert "Checked: not every message conforms to the schemas." in page
    assert "Failed: the schemas of StUF-ZKN 3.10 find one error." in page
    assert WRONG_ELEMENT_PATH in page and '<td class="number">24</td>' in page
    assert "Unexpected child with tag &#x27;ZKN:omschrijvingFout&#x27;" in page
    assert "1 error in fout.xml" not in page and "One error in fout.xml" in page
    assert rep_a.full_name in page


def test_a_passing_check_says_so(client, coordinator_a, town_a, zkn):
    client.force_login(coordinator_a)
    response = post(client, zkn, f"municipality:{town_a.pk}", example(UPDATE_ZAAK))
    page = client.get(response["Location"]).content.decode()
    assert "Checked: every message conforms to the schemas." in page
    assert "Passed: the message conforms to the schemas of StUF-ZKN 3.10." in page
    assert "Aadorp (GM9901)" in page


def test_a_refused_file_is_shown_on_the_form_and_nothing_is_kept(client, rep_a, supplier_a, zkn):
    client.force_login(rep_a)
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n<a>&s;</a>'
    response = post(client, zkn, f"supplier:{supplier_a.pk}", xxe)
    assert response.status_code == 200
    page = response.content.decode()
    assert "berichten.xml, line 3: the file contains a DTD or entities; these are not allowed." in page
    assert not ConformanceReport.objects.exists()


def test_an_upload_over_the_limit_is_refused_on_the_form(client, rep_a, supplier_a, zkn):
    client.force_login(rep_a)
    response = post(client, zkn, f"supplier:{supplier_a.pk}", b"<" * (11 * 1024 * 1024))
    assert response.status_code == 200
    assert "The file is larger than 10 MB" in response.content.decode()
    assert not ConformanceReport.objects.exists()


def test_one_cannot_choose_another_supplier_on_the_form(client, rep_a, supplier_b, zkn):
    client.force_login(rep_a)
    response = post(client, zkn, f"supplier:{supplier_b.pk}", example(UPDATE_ZAAK))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ConformanceReport.objects.exists()


def test_staff_choose_among_suppliers_and_municipalities(client, staff, supplier_a, supplier_b, zkn):
    client.force_login(staff)
    page = client.get(NEW).content.decode()
    assert '<optgroup label="Suppliers">' in page and '<optgroup label="Municipalities">' in page
    assert "Amsterdam (GM0363)" in page and "PinkRoccade" in page


def test_the_standard_can_be_chosen_by_the_address(client, rep_a, zkn, bg0204):
    client.force_login(rep_a)
    page = client.get(NEW + "?standaard=stuf-zkn-0310").content.decode()
    assert f'<option value="{zkn.pk}" selected>' in page


def test_a_municipalitys_page_leads_its_coordinators_to_the_check_for_it(client, coordinator_a, town_a, town_b, zkn):
    check = f"{NEW}?gemeente={town_a.code}"
    client.force_login(coordinator_a)
    page = client.get(reverse("organisations:municipality-detail", args=[town_a.code])).content.decode()
    assert f'href="{check}"' in page
    assert f'<option value="municipality:{town_a.pk}" selected>' in client.get(check).content.decode()
    other_page = client.get(reverse("organisations:municipality-detail", args=[town_b.code])).content.decode()
    assert "?gemeente=" not in other_page  # not the coordinator's own: no link


def test_without_a_standard_with_a_check_the_page_says_how_to_add_them(client, rep_a, digikoppeling):
    Standard.objects.exclude(schema_set="").update(schema_set="")
    client.force_login(rep_a)
    page = client.get(NEW).content.decode()
    assert "No standard has a conformance check yet." in page and '<form method="post" enctype' not in page


def test_the_upload_page_works_without_javascript(client, rep_a, zkn):
    client.force_login(rep_a)
    page = client.get(NEW).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and 'type="submit"' in page
    assert "<script" not in page


# --- who may open what -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [LIST, NEW])
def test_members_get_403_and_anonymous_visitors_the_login_page(client, member, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    client.force_login(member)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("user", ["rep_b", "coordinator_a", "member"])
def test_others_get_403_on_a_suppliers_report(request, client, failing_a, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(detail(failing_a)).status_code == 403


@pytest.mark.parametrize("user", ["coordinator_b", "rep_a"])
def test_others_get_403_on_a_municipalitys_report(request, client, report_town_a, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(detail(report_town_a)).status_code == 403


def test_anonymous_visitors_are_asked_to_log_in_for_a_report(client, failing_a):
    response = client.get(detail(failing_a))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_owners_and_staff_read_a_report(client, failing_a, rep_a, staff):
    for user in (rep_a, staff):
        client.force_login(user)
        assert client.get(detail(failing_a)).status_code == 200


def test_a_report_that_is_evidence_is_read_by_everyone_without_the_uploader(client, failing_a, rep_a, supplier_a, zkn):
    product = Product.objects.create(supplier=supplier_a, name="Zaaksysteem")
    version = ProductVersion.objects.create(product=product, version="5.1", release_date=datetime.date(2014, 3, 1))
    Readiness.objects.create(
        product_version=version,
        standard=zkn,
        state=ReadinessState.SUPPORTED,
        date=datetime.date(2014, 3, 1),
        conformance_report=failing_a,
    )
    response = client.get(detail(failing_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert rep_a.full_name not in page
    assert f'href="{LIST}"' not in page  # no link to a list the visitor may not open


def test_an_unknown_report_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("conformance:report-detail", args=[999999])).status_code == 404


def test_the_list_shows_ones_own_reports_only(client, rep_a, coordinator_a, failing_a, report_town_a, staff):
    client.force_login(rep_a)
    page = client.get(LIST).content.decode()
    assert detail(failing_a) in page and detail(report_town_a) not in page
    client.force_login(coordinator_a)
    page = client.get(LIST).content.decode()
    assert detail(report_town_a) in page and detail(failing_a) not in page
    client.force_login(staff)
    page = client.get(LIST).content.decode()
    assert detail(report_town_a) in page and detail(failing_a) in page


def test_staff_find_the_reports_in_the_management_menu(client, staff):
    client.force_login(staff)
    assert f'href="{LIST}"' in client.get(reverse("accounts:account")).content.decode()


# --- Dutch -----------------------------------------------------------------------------------------


def test_the_pages_are_dutch_by_default(rep_a, failing_a, zkn):
    dutch = Client()
    dutch.force_login(rep_a)
    page = dutch.get(NEW).content.decode()
    assert "StUF-berichten toetsen" in page and "Bestand (XML of ZIP)" in page
    page = dutch.get(detail(failing_a)).content.decode()
    assert "Afgekeurd: de schema’s van StUF-ZKN 3.10 vinden één fout." in page
    assert "Regel" in page and "Melding van het schema" in page
    page = dutch.get(LIST).content.decode()
    assert "StUF-conformiteitsrapporten" in page and "afgekeurd" in page


def test_refusals_are_dutch_on_a_dutch_page(rep_a, supplier_a, zkn):
    dutch = Client()
    dutch.force_login(rep_a)
    response = post(dutch, zkn, f"supplier:{supplier_a.pk}", b"Dit is geen bericht")
    assert "berichten.xml, regel 1: dit is geen XML" in response.content.decode()


# --- queries ---------------------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_for_one_report_and_for_many(client, rep_a, supplier_a, zkn, failing_a):
    client.force_login(rep_a)
    # The user, whether they may check (their supplier membership), the count and the page of reports.
    assert warmed_query_count(client, LIST) == 4
    for _ in range(4):
        report_of(rep_a, zkn, supplier=supplier_a)
    assert warmed_query_count(client, LIST) == 4


def test_the_list_queries_of_a_coordinator_and_staff(client, coordinator_a, staff, report_town_a):
    client.force_login(coordinator_a)
    assert warmed_query_count(client, LIST) == 5  # also: no supplier membership, then a municipal one
    client.force_login(staff)
    assert warmed_query_count(client, LIST) == 3


def test_the_report_page_has_a_fixed_number_of_queries(client, rep_a, supplier_a, zkn, staff):
    small = report_of(rep_a, zkn, supplier=supplier_a)
    big = report_of(
        rep_a,
        zkn,
        zipped({f"{n}.xml": with_wrong_element(example(UPDATE_ZAAK)) for n in range(5)}),
        "set.zip",
        supplier=supplier_a,
    )
    client.force_login(rep_a)
    # The user, the report with its standard, owner, uploader and evidence flag, the membership.
    assert warmed_query_count(client, detail(small)) == warmed_query_count(client, detail(big)) == 3
    client.force_login(staff)
    assert warmed_query_count(client, detail(big)) == 2


def test_the_upload_page_has_a_fixed_number_of_queries(client, staff, rep_a, supplier_a, supplier_b, zkn):
    client.force_login(rep_a)
    # The user, whether they may check, their suppliers and municipalities, whether there are standards, the standards.
    assert warmed_query_count(client, NEW) == 7
    client.force_login(staff)
    assert warmed_query_count(client, NEW) == 6


def test_the_upload_form_still_checks_the_csrf_token(rep_a, supplier_a, zkn):
    """The view sets its upload limit before the body is read, so it checks the token itself."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(rep_a)
    assert post(strict, zkn, f"supplier:{supplier_a.pk}", example(UPDATE_ZAAK)).status_code == 403
    strict.get(NEW)
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        NEW,
        {
            "standard": zkn.pk,
            "owner": f"supplier:{supplier_a.pk}",
            "file": upload(UPDATE_ZAAK, example(UPDATE_ZAAK)),
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302 and ConformanceReport.objects.count() == 1


def test_the_supplier_page_leads_its_representatives_to_the_check_and_lists_their_reports(
    client, english_client, rep_a, supplier_a, zkn
):
    report = report_of(rep_a, zkn, supplier=supplier_a)
    supplier_page = reverse("suppliers:supplier-detail", args=[supplier_a.pk])
    english_client.force_login(rep_a)
    page = english_client.get(supplier_page).content.decode()
    assert f'href="{NEW}">Check StUF messages</a>' in page
    assert f'href="{reverse("conformance:report-detail", args=[report.pk])}">{report.file_name}</a>' in page
    # Visitors see neither: a report is public only as evidence of a readiness.
    page = Client().get(supplier_page).content.decode()
    assert NEW not in page and report.file_name not in page
