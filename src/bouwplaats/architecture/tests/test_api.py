# SPDX-License-Identifier: EUPL-1.2
"""The architecture API: reading models and elements, and importing for staff only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bouwplaats.architecture.models import ArchitectureModel
from bouwplaats.core.testing import invalid_params

from .modelfiles import SMALL_AMEFF

pytestmark = pytest.mark.django_db

MODELS = reverse("architecture-model-list")
ELEMENTS = reverse("element-list")
DIGID = "id-a5786df1-7ecf-11e3-67ab-0050568a6153"


def test_model_list_and_detail(api_client, gemma, django_assert_num_queries):
    with django_assert_num_queries(2):  # count and page
        response = api_client.get(MODELS)
    assert response.status_code == 200
    (row,) = [row for row in response.json()["results"] if row["name"] == "GEMMA"]
    assert (row["release"], row["element_count"], row["url"]) == (
        "2026-06-30",
        3006,
        reverse("architecture:model-detail", args=["GEMMA", "2026-06-30"]),
    )
    detail = api_client.get(reverse("architecture-model-detail", args=[gemma.pk])).json()
    assert detail["properties"]["Release"] == "2026-06-30"


def test_element_search(api_client, gemma, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = api_client.get(
            ELEMENTS, {"model": gemma.pk, "type": "ApplicationComponent", "q": "digid", "pageSize": 500}
        )
    names = {row["name"] for row in response.json()["results"]}
    assert "DigiD" in names
    assert all(row["type"] == "ApplicationComponent" and row["model"] == gemma.pk for row in response.json()["results"])
    standards = api_client.get(ELEMENTS, {"model": gemma.pk, "gemmaType": "Standaard"}).json()
    assert standards["count"] == 200
    by_object = api_client.get(ELEMENTS, {"objectId": "a5786df1-7ecf-11e3-67ab-0050568a6153"}).json()
    assert [row["identifier"] for row in by_object["results"]] == [DIGID]
    assert api_client.get(ELEMENTS, {"layer": "nonsense"}).status_code == 400


def test_element_detail_with_relations(api_client, gemma, django_assert_num_queries):
    digid = gemma.elements.get(identifier=DIGID)
    with django_assert_num_queries(4):  # element with model, outgoing, incoming, views
        data = api_client.get(reverse("element-detail", args=[digid.pk])).json()
    assert data["gemma_type"] == "Buitengemeentelijke voorziening"
    assert data["properties"]["Object ID"] == "a5786df1-7ecf-11e3-67ab-0050568a6153"
    realised = {row["target"]["name"] for row in data["outgoing"] if row["type"] == "RealizationRelationship"}
    assert "DigiD authenticatieservice (basis en middel)" in realised
    assert len(data["outgoing"]) == digid.outgoing.count()
    assert len(data["incoming"]) == digid.incoming.count()
    assert data["views"]


def test_import_for_staff(api_client, staff):
    api_client.force_login(staff)
    file = SimpleUploadedFile("klein.xml", SMALL_AMEFF.encode())
    response = api_client.post(MODELS, {"file": file}, format="multipart")
    assert response.status_code == 201, response.content
    assert (response.json()["name"], response.json()["release"]) == ("Klein", "1.0")
    again = api_client.post(
        MODELS,
        {"file": SimpleUploadedFile("klein.xml", SMALL_AMEFF.encode())},
        format="multipart",
    )
    assert again.status_code == 200
    assert ArchitectureModel.objects.filter(name="Klein").count() == 1


def test_import_errors_are_400(api_client, staff):
    api_client.force_login(staff)
    broken = SMALL_AMEFF.replace('target="bf-1"', 'target="bf-404"').encode()
    response = api_client.post(MODELS, {"file": SimpleUploadedFile("klein.xml", broken)}, format="multipart")
    assert response.status_code == 400
    assert "line 30" in invalid_params(response)["source"][0]
    unknown = api_client.post(MODELS, {"file": SimpleUploadedFile("x.txt", b"hello")}, format="multipart")
    assert unknown.status_code == 400 and "could not be recognised" in invalid_params(unknown)["file"][0]
    assert not ArchitectureModel.objects.filter(name="Klein").exists()


def test_import_is_refused_to_others(api_client, member):
    file = SimpleUploadedFile("klein.xml", SMALL_AMEFF.encode())
    assert api_client.post(MODELS, {"file": file}, format="multipart").status_code in (401, 403)
    api_client.force_login(member)
    file = SimpleUploadedFile("klein.xml", SMALL_AMEFF.encode())
    assert api_client.post(MODELS, {"file": file}, format="multipart").status_code == 403
    assert not ArchitectureModel.objects.filter(name="Klein").exists()


def test_models_and_elements_are_read_only(api_client, staff, gemma):
    api_client.force_login(staff)
    digid = gemma.elements.get(identifier=DIGID)
    assert api_client.patch(reverse("element-detail", args=[digid.pk]), {"name": "x"}).status_code == 405
    assert api_client.delete(reverse("architecture-model-detail", args=[gemma.pk])).status_code == 405
