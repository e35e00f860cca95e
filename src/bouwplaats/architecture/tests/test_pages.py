# SPDX-License-Identifier: EUPL-1.2
"""The architecture pages: content, query counts, and who may import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from bouwplaats.accounts.tests.factories import StaffFactory
from bouwplaats.architecture.models import ArchitectureModel
from bouwplaats.architecture.services import architecture_model_import
from bouwplaats.audit.models import AuditEntry
from bouwplaats.core.models import Job, JobState

from .modelfiles import SMALL_AMEFF, SMALL_ARCHIMATE

pytestmark = pytest.mark.django_db

DIGID = "id-a5786df1-7ecf-11e3-67ab-0050568a6153"


def gemma_url(name, *args):
    """A page of the GEMMA release that the tests load, by its URL name in ``architecture``."""
    return reverse(f"architecture:{name}", args=["GEMMA", "2026-06-30", *args])


GEMMA = gemma_url("model-detail")
IMPORT = reverse("architecture:model-import")


def test_model_list(client, gemma, django_assert_num_queries):
    with django_assert_num_queries(2):  # the data version and the list
        response = client.get(reverse("architecture:model-list"))
    with django_assert_num_queries(1):  # cached under the data version
        client.get(reverse("architecture:model-list"))
    assert response.status_code == 200
    assert f'href="{GEMMA}"' in response.content.decode()
    assert "Import a model" not in response.content.decode()


def test_model_list_offers_import_to_staff(client, staff):
    client.force_login(staff)
    assert "Import a model" in client.get(reverse("architecture:model-list")).content.decode()


def test_model_name_redirects_to_the_newest_release(client, gemma):
    response = client.get(reverse("architecture:model-current", args=["GEMMA"]))
    assert response.status_code == 302 and response["Location"] == GEMMA
    assert client.get(reverse("architecture:model-current", args=["Onbekend"])).status_code == 404
    assert client.get(reverse("architecture:model-detail", args=["GEMMA", "1999-01-01"])).status_code == 404


def test_model_page_counts_per_layer_and_type(client, gemma, django_assert_num_queries):
    # The model, the data version (the page lists other releases), counts per layer/type and per
    # relation type, the releases.
    with django_assert_num_queries(5):
        response = client.get(GEMMA)
    content = response.content.decode()
    assert "?type=BusinessFunction" in content
    assert "Motivation and standards" in content
    assert '<td class="number">525</td>' in content  # constraints: GEMMA's standards
    assert "AggregationRelationship" in content
    assert f'href="{gemma_url("model-download")}"' in content


def test_element_search_filters_and_paginates(client, gemma, django_assert_num_queries):
    # The model, the types and GEMMA types for the filters, the count and the page.
    with django_assert_num_queries(5):
        response = client.get(gemma_url("element-list"), {"q": "digid", "layer": "application"})
    content = response.content.decode()
    assert f'href="{gemma_url("element-detail", DIGID)}"' in content
    assert "SAML koppelvlak" not in content  # a constraint: not in the application layer
    page = client.get(gemma_url("element-list"), {"gemma_type": "Standaard", "page": 2}).content.decode()
    assert "200 elements" in page and 'aria-current="page"><span class="visually-hidden">page </span>2' in page


def test_release_pages_are_cached(client, gemma, django_assert_num_queries):
    """A release never changes: a second visit reads only the release (and, for the model page, the data version)."""
    element_page = gemma_url("element-detail", DIGID)
    search = gemma_url("element-list") + "?q=digid"

    def main(response) -> str:  # the frame holds a CSRF token that differs per request
        content = response.content.decode()
        return content[content.index("<main") : content.index("</main>")]

    for url in (element_page, search, GEMMA):
        first = main(client.get(url))
        with django_assert_num_queries(2 if url == GEMMA else 1):
            assert main(client.get(url)) == first
    # Another query string is another page.
    with django_assert_num_queries(5):
        client.get(gemma_url("element-list") + "?q=saml")


def test_model_page_shows_a_new_release_at_once(client, gemma, staff):
    client.get(GEMMA)
    architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff", name="GEMMA", release="2027"
    )
    release_2027 = reverse("architecture:model-detail", args=["GEMMA", "2027"])
    assert f'href="{release_2027}"' in client.get(GEMMA).content.decode()


def test_element_search_with_a_bad_filter_shows_the_form_error(client, gemma):
    response = client.get(gemma_url("element-list"), {"type": "NoSuchType"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_element_page(client, gemma, django_assert_num_queries):
    # The model, the element, its outgoing and incoming relations with their other ends, its views.
    with django_assert_num_queries(5):
        response = client.get(gemma_url("element-detail", DIGID))
    content = response.content.decode()
    assert "<h1>DigiD</h1>" in content
    assert "Buitengemeentelijke voorziening" in content
    assert "https://gemmaonline.nl/index.php/GEMMA/id-a5786df1-7ecf-11e3-67ab-0050568a6153" in content
    service = gemma.elements.get(name="DigiD authenticatieservice (basis en middel)")
    assert f'href="{gemma_url("element-detail", service.identifier)}"' in content
    assert "<h4>Realization</h4>" in content
    assert "Properties of this element" in content
    assert client.get(gemma_url("element-detail", "id-does-not-exist")).status_code == 404


def test_element_pages_of_one_release_do_not_show_another(client, gemma, staff):
    architecture_model_import(actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff")
    assert client.get(reverse("architecture:element-detail", args=["Klein", "1.0", "ac-1"])).status_code == 200
    assert client.get(gemma_url("element-detail", "ac-1")).status_code == 404
    assert client.get(reverse("architecture:element-detail", args=["Klein", "1.0", DIGID])).status_code == 404


def test_links_of_a_model_whose_name_has_a_space_are_valid_addresses(client, staff):
    architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff", name="Mijn landschap", release="1.0"
    )
    elements = reverse("architecture:element-list", args=["Mijn landschap", "1.0"])
    assert "%20" in elements
    html = client.get(elements, {"q": "a"}).content.decode()
    assert f'<a href="{elements}">' in html  # "Clear the filters", not the decoded path with its space
    assert 'href="/architectuur/Mijn landschap' not in html


def test_download_is_an_ameff_file(client, gemma):
    response = client.get(gemma_url("model-download"))
    assert response["Content-Type"].startswith("application/xml")
    assert 'filename="GEMMA-2026-06-30.xml"' in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    assert root.tag == "{http://www.opengroup.org/xsd/archimate/3.0/}model"
    assert len(root.find("{http://www.opengroup.org/xsd/archimate/3.0/}elements")) == 3006


def test_download_is_written_once_per_release(client, staff, django_assert_num_queries):
    architecture_model_import(actor=staff, source=io.BytesIO(SMALL_AMEFF.encode()), format="ameff")
    url = reverse("architecture:model-download", args=["Klein", "1.0"])
    written = 5  # the release, and reading the model to write the file
    with django_assert_num_queries(written):
        first = client.get(url)
    with django_assert_num_queries(1):  # the release: the file comes from the cache
        again = client.get(url)
    assert again.content == first.content and b"Zaaksysteem" in first.content

    # Another import leaves this release's file as it is.
    architecture_model_import(
        actor=staff, source=io.BytesIO(SMALL_ARCHIMATE.encode()), format="archimate", release="2.0"
    )
    with django_assert_num_queries(1):
        assert client.get(url).content == first.content
    # The release removed and imported again with other content: the download shows it.
    ArchitectureModel.objects.filter(name="Klein", release="1.0").delete()
    renamed = SMALL_AMEFF.replace("Zaaksysteem", "Zaakregistratie")
    architecture_model_import(actor=staff, source=io.BytesIO(renamed.encode()), format="ameff")
    changed = client.get(url).content
    assert b"Zaakregistratie" in changed and b"Zaaksysteem" not in changed


def test_download_of_an_unknown_release_is_404(client, gemma):
    assert client.get(reverse("architecture:model-download", args=["GEMMA", "1999-01-01"])).status_code == 404
    assert client.get(reverse("architecture:model-download", args=["Onbekend", "1.0"])).status_code == 404


@pytest.mark.parametrize("page", ["abc", "-1", "9999"])
def test_element_list_with_a_bad_page_number_shows_a_page(client, gemma, page):
    response = client.get(gemma_url("element-list"), {"gemma_type": "Standaard", "page": page})
    assert response.status_code == 200
    assert f'href="{gemma_url("element-list")}' in response.content.decode()


# --- import page ----------------------------------------------------------------------------


def upload(content: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="application/octet-stream")


def test_import_page_is_for_staff_only(client, member):
    assert client.get(IMPORT).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(IMPORT).status_code == 403
    response = client.post(IMPORT, {"file": upload(SMALL_AMEFF, "klein.xml")})
    assert response.status_code == 403
    assert not ArchitectureModel.objects.filter(name="Klein").exists()


@pytest.fixture
def post_import(client, django_capture_on_commit_callbacks):
    """Post the import form as a browser would, the job run when the request's transaction commits,
    and follow the redirect to the job's progress page."""

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(IMPORT, data)
        if response.status_code != 302:
            return response
        return client.get(response["Location"])

    return post


def test_staff_import_with_the_format_recognised(client, staff, post_import):
    client.force_login(staff)
    assert client.get(IMPORT).status_code == 200
    response = post_import({"file": upload(SMALL_ARCHIMATE, "klein.archimate")})
    job = Job.objects.get(owner=staff)
    assert response.wsgi_request.path == reverse("core:job-detail", args=[job.pk])
    model = ArchitectureModel.objects.get(name="Klein")
    assert (job.state, job.result_url) == (JobState.DONE, reverse("architecture:model-detail", args=["Klein", "1.0"]))
    assert (model.source_format, model.source_name, model.element_count) == ("archimate", "klein.archimate", 5)
    content = response.content.decode()
    assert "Release 1.0 of Klein has been imported." in content
    assert f'href="{job.result_url}"' in content
    assert AuditEntry.objects.filter(action="architecture.model.import", object_id=str(model.pk)).count() == 1
    again = post_import({"file": upload(SMALL_AMEFF, "klein.xml")})
    assert "had already been imported with the same content" in again.content.decode()
    assert ArchitectureModel.objects.filter(name="Klein").count() == 1


def test_import_errors_are_shown_with_line_and_element_on_the_progress_page(client, staff, post_import):
    client.force_login(staff)
    broken = SMALL_AMEFF.replace('xsi:type="ApplicationService"', 'xsi:type="ApplicationWidget"')
    entries = AuditEntry.objects.count()
    response = post_import({"file": upload(broken, "klein.xml")})
    content = response.content.decode()
    assert response.status_code == 200
    assert "The job has failed." in content
    assert "klein.xml, line 24, ApplicationWidget as-1: Unknown ArchiMate element type “ApplicationWidget”." in content
    assert Job.objects.get(owner=staff).state == JobState.FAILED
    assert not ArchitectureModel.objects.filter(name="Klein").exists()
    assert AuditEntry.objects.count() == entries


def test_import_of_an_unrecognised_file_is_refused_on_the_form(client, staff, post_import):
    client.force_login(staff)
    response = post_import({"file": upload("hello", "notes.txt")})
    assert response.status_code == 200
    assert "The format could not be recognised" in response.content.decode()
    assert not Job.objects.exists()


def test_a_too_large_file_is_refused_on_the_form(client, staff, post_import, monkeypatch):
    monkeypatch.setattr("bouwplaats.architecture.forms.MAX_FILE_BYTES", 100)
    client.force_login(staff)
    response = post_import({"file": upload(SMALL_AMEFF, "klein.xml")})
    assert "The file is too large" in response.content.decode()
    assert not Job.objects.exists()


def test_csv_zip_upload_needs_name_and_release(client, staff, post_import):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("elements.csv", "id,type,name,documentation,properties\ne-1,BusinessActor,Burger,,\n")
        archive.writestr("relations.csv", "id,type,name,source_id,target_id,attributes,documentation,properties\n")
    client.force_login(staff)
    file = SimpleUploadedFile("model.zip", buffer.getvalue())
    response = post_import({"file": file})
    content = response.content.decode()
    assert "The file does not say its name; please give one." in content
    assert "The file has no Release property; please give the release." in content
    assert not Job.objects.exists()
    file = SimpleUploadedFile("model.zip", buffer.getvalue())
    response = post_import({"file": file, "name": "Mini", "release": "1"})
    assert response.status_code == 200
    assert ArchitectureModel.objects.get(name="Mini").elements.get().layer == "business"


def test_another_user_cannot_follow_the_import(client, staff, member, post_import):
    client.force_login(staff)
    post_import({"file": upload(SMALL_AMEFF, "klein.xml")})
    job = Job.objects.get(owner=staff)
    client.force_login(member)
    assert client.get(reverse("core:job-detail", args=[job.pk])).status_code == 404
    # Other programme staff may: they may import models too.
    client.force_login(StaffFactory())
    assert client.get(reverse("core:job-detail", args=[job.pk])).status_code == 200


def test_admin_is_read_only(client, gemma):
    from bouwplaats.accounts.tests.factories import AdminFactory

    client.force_login(AdminFactory())
    element = gemma.elements.get(identifier=DIGID)
    assert client.get(f"{reverse('admin:architecture_element_changelist')}?q=digid").status_code == 200
    page = client.get(reverse("admin:architecture_element_change", args=[element.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:architecture_architecturemodel_add")).status_code == 403


def test_relation_ending_on_a_relation_is_named_by_identifier(client, gemma):
    flow = gemma.relations.filter(target__isnull=True).select_related("source").first()
    html = client.get(gemma_url("element-detail", flow.source.identifier)).content.decode()
    assert f"the relation <code>{flow.target_identifier}</code>" in html
