# SPDX-License-Identifier: EUPL-1.2
"""Linking GEMMA elements to building blocks: the service, the staff page and the detail page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue import selectors, services
from bouwplaats.catalogue.models import BuildingBlock, BuildingBlockElement

from .factories import BuildingBlockFactory

pytestmark = pytest.mark.django_db

DIGID = "a5786df1-7ecf-11e3-67ab-0050568a6153"
# DigiD's authentication service and its SAML interface standard, by object id (data/gemma/model).
AUTHENTICATION_SERVICE = "46ed8e76-5f3d-4f34-8a8b-844c67fb6be4"
SAML = "b75a5d41-8db0-11e3-67ab-0050568a6153"


@pytest.fixture
def block(programme):
    return BuildingBlockFactory(programme=programme, code="DIGI", name="DigiD", gemma_object_id=DIGID)


def gemma_page(block, *args):
    return reverse("catalogue:building-block-gemma", args=[block.programme.slug, block.code, *args])


def test_link_and_unlink(staff, block):
    entries = AuditEntry.objects.count()
    link = services.building_block_element_add(
        actor=staff, block=block, object_id=AUTHENTICATION_SERVICE, note="dienst"
    )
    services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    assert selectors.linked_object_ids(block) == [DIGID, AUTHENTICATION_SERVICE, SAML]
    assert (link.added_by, link.note) == (staff, "dienst")
    services.building_block_element_remove(actor=staff, link=link)
    assert selectors.linked_object_ids(block) == [DIGID, SAML]
    assert AuditEntry.objects.count() == entries + 3
    entry = AuditEntry.objects.first()
    assert entry.action == "catalogue.building_block.element_remove"
    assert entry.changes["linked_object_ids"] == [AUTHENTICATION_SERVICE, None]


def test_linked_object_ids_without_own_element(staff, programme):
    block = BuildingBlockFactory(programme=programme, gemma_object_id="")
    assert selectors.linked_object_ids(block) == []
    services.building_block_element_add(actor=staff, block=block, object_id=DIGID)
    assert selectors.linked_object_ids(block) == [DIGID]


@pytest.mark.parametrize(
    ("object_id", "message"),
    [
        ("00000000-0000-0000-0000-000000000000", "GEMMA 2026-06-30 has no element with the object id"),
        (DIGID, "This is the building block's own GEMMA element."),
        ("", "This field cannot be blank."),
    ],
)
def test_bad_links_are_refused(staff, block, object_id, message):
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        services.building_block_element_add(actor=staff, block=block, object_id=object_id)
    assert any(text.startswith(message) for text in error.value.message_dict["object_id"])
    assert not BuildingBlockElement.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_a_link_is_made_once(staff, block):
    services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    with pytest.raises(ValidationError) as error:
        services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    assert error.value.message_dict["object_id"] == ["This element is already linked to the building block."]


def test_only_staff_link(coordinator, block, staff):
    with pytest.raises(PermissionDenied):
        services.building_block_element_add(actor=coordinator, block=block, object_id=SAML)
    link = services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    with pytest.raises(PermissionDenied):
        services.building_block_element_remove(actor=coordinator, link=link)
    assert BuildingBlockElement.objects.count() == 1


def test_links_survive_a_new_gemma_release(staff, block):
    """Links name object ids, so a new release (another model row) finds the same elements."""
    import io

    from bouwplaats.architecture.importers import export_ameff
    from bouwplaats.architecture.selectors import current_model
    from bouwplaats.architecture.services import architecture_model_import

    services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    old = current_model()
    new = architecture_model_import(
        actor=staff, source=io.BytesIO(export_ameff(old, include_views=False)), format="ameff", release="2027-01-01"
    ).model
    model, rows = selectors.gemma_elements_of_block(block)
    assert model == new != old
    assert [(row.object_id, row.element.model_id) for row in rows] == [(DIGID, new.pk), (SAML, new.pk)]


# --- pages -------------------------------------------------------------------------------------


def test_detail_page_shows_the_gemma_elements(client, block, staff, django_assert_max_num_queries):
    services.building_block_element_add(actor=staff, block=block, object_id=SAML, note="koppelvlak")
    with django_assert_max_num_queries(13):  # 3 of them the sections of suppliers and who waits (block_sections)
        html = client.get(
            reverse("catalogue:building-block-detail", args=[block.programme.slug, block.code])
        ).content.decode()
    for identifier in ("id-a5786df1-7ecf-11e3-67ab-0050568a6153", "id-b75a5d41-8db0-11e3-67ab-0050568a6153"):
        element_page = reverse("architecture:element-detail", args=["GEMMA", "2026-06-30", identifier])
        assert f'href="{element_page}"' in html
    assert "koppelvlak" in html
    assert gemma_page(block) not in html  # the staff link is for staff


def test_gemma_page_is_for_staff(client, coordinator, block):
    assert client.get(gemma_page(block)).status_code == 302
    client.force_login(coordinator)
    assert client.get(gemma_page(block)).status_code == 403
    assert client.post(gemma_page(block), {"object_id": SAML}).status_code == 403
    assert not BuildingBlockElement.objects.exists()


def test_gemma_page_search_and_link(client, staff, block, django_assert_max_num_queries):
    client.force_login(staff)
    # Session and user, programme, block, links, GEMMA release, linked elements, search results, the
    # header's "Mijn gemeente" (once a minute): the same for 25 results as for one.
    with django_assert_max_num_queries(9):
        response = client.get(gemma_page(block), {"q": "koppelvlak"})
    html = response.content.decode()
    assert html.count('<input type="hidden" name="object_id"') == 25
    html = client.get(gemma_page(block), {"q": "SAML koppelvlak"}).content.decode()
    assert f'value="{SAML}"' in html
    response = client.post(gemma_page(block), {"object_id": SAML, "note": "standaard"}, follow=True)
    assert "The element has been linked to “DigiD”." in response.content.decode()
    assert selectors.linked_object_ids(block) == [DIGID, SAML]
    # Already linked: the search shows it as linked, not with a button.
    html = client.get(gemma_page(block), {"q": "SAML koppelvlak"}).content.decode()
    assert f'<input type="hidden" name="object_id" value="{SAML}">' not in html


def test_gemma_page_shows_service_errors(client, staff, block):
    client.force_login(staff)
    response = client.post(gemma_page(block), {"object_id": "not-in-gemma"})
    assert response.status_code == 200
    assert "GEMMA 2026-06-30 has no element with the object id not-in-gemma." in response.content.decode()


def test_unlink_through_the_page(client, staff, block):
    link = services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    client.force_login(staff)
    remove = reverse("catalogue:building-block-gemma-remove", args=[block.programme.slug, block.code, link.pk])
    response = client.post(remove)
    assert response.status_code == 302
    assert not BuildingBlockElement.objects.exists()


def test_unlink_with_another_blocks_link_id_is_404(client, staff, block, programme):
    other = BuildingBlockFactory(programme=programme, code="ANDER")
    link = services.building_block_element_add(actor=staff, block=other, object_id=SAML)
    client.force_login(staff)
    remove = reverse("catalogue:building-block-gemma-remove", args=[programme.slug, block.code, link.pk])
    assert client.post(remove).status_code == 404
    assert client.get(remove).status_code == 405
    assert BuildingBlockElement.objects.filter(pk=link.pk).exists()


def test_coordinator_cannot_unlink(client, coordinator, staff, block):
    link = services.building_block_element_add(actor=staff, block=block, object_id=SAML)
    client.force_login(coordinator)
    remove = reverse("catalogue:building-block-gemma-remove", args=[block.programme.slug, block.code, link.pk])
    assert client.post(remove).status_code == 403
    assert BuildingBlock.objects.get(pk=block.pk).gemma_links.count() == 1


def test_gemma_url_of_a_block(block, programme):
    assert block.gemma_url == f"https://gemmaonline.nl/index.php/GEMMA/id-{DIGID}"
    assert BuildingBlockFactory(programme=programme, gemma_object_id="").gemma_url == ""
