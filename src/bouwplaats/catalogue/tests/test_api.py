# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement
from bouwplaats.core.testing import invalid_params

from .factories import BuildingBlockFactory, ProgrammeFactory, ResultAgreementFactory, ladder

pytestmark = pytest.mark.django_db

PROGRAMMES = reverse("programme-list")
BLOCKS = reverse("building-block-list")
AGREEMENTS = reverse("result-agreement-list")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- reading -----------------------------------------------------------------------------------


def test_programmes_list_and_detail(api_client, programme, levels, blocks, django_assert_max_num_queries):
    ProgrammeFactory.create_batch(3)
    with django_assert_max_num_queries(4):
        rows = results(api_client.get(PROGRAMMES))
    row = next(item for item in rows if item["slug"] == programme.slug)
    assert [level["code"] for level in row["status_levels"]] == ["stap-0", "stap-1", "stap-2"]
    assert row["building_block_count"] == 3

    response = api_client.get(reverse("programme-detail", args=[programme.slug]))
    assert response.status_code == 200
    assert response.json()["reference_date"] == "2022-01-01"
    assert api_client.get(reverse("programme-detail", args=["bestaat-niet"])).status_code == 404


def test_building_blocks_list(api_client, programme, blocks, levels, django_assert_max_num_queries):
    a, b, c = blocks
    BuildingBlock.objects.filter(pk=a.pk).update(gemma_object_id="a5786df1-7ecf-11e3-67ab-0050568a6153")
    ResultAgreementFactory(programme=programme, number=2, required_level=levels[0], building_blocks=[a])
    BuildingBlockFactory.create_batch(10, programme=programme)
    with django_assert_max_num_queries(6):
        rows = results(api_client.get(BLOCKS, {"programme": programme.slug}))
    assert len(rows) == 13
    row = next(item for item in rows if item["code"] == "AAA")
    assert row["programme"] == programme.slug
    assert row["gemma_url"] == "https://gemmaonline.nl/index.php/GEMMA/id-a5786df1-7ecf-11e3-67ab-0050568a6153"
    assert row["required_by"] == ["BBB"]
    assert row["result_agreements"] == [2]
    assert row["evidence"] == "inferred"
    bravo = next(item for item in rows if item["code"] == "BBB")
    assert bravo["depends_on"] == ["AAA"]
    assert bravo["gemma_url"] == ""


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"cluster": "stelsel"}, {"AAA", "BBB"}),
        ({"search": "kvk"}, {"CCC"}),
        ({"municipalityRole": "bronhouder"}, {"CCC"}),
        ({"evidence": "source"}, {"AAA"}),
    ],
)
def test_building_blocks_filters(api_client, programme, blocks, query, codes):
    a, _, c = blocks
    BuildingBlock.objects.filter(pk=a.pk).update(evidence="source", source_url="https://example.org/")
    BuildingBlock.objects.filter(pk=c.pk).update(municipality_role="bronhouder")
    rows = results(api_client.get(BLOCKS, {"programme": programme.slug, **query}))
    assert {row["code"] for row in rows} == codes


def test_building_blocks_invalid_filter_is_400(api_client):
    assert api_client.get(BLOCKS, {"evidence": "bogus"}).status_code == 400


def test_result_agreements_list(api_client, programme, levels, blocks, django_assert_max_num_queries):
    for number in range(1, 6):
        ResultAgreementFactory(programme=programme, number=number, required_level=levels[2], building_blocks=blocks[:2])
    ResultAgreementFactory(number=1)  # another programme
    with django_assert_max_num_queries(4):
        rows = results(api_client.get(AGREEMENTS, {"programme": programme.slug}))
    assert [row["number"] for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["building_blocks"] == ["AAA", "BBB"]
    assert rows[0]["required_level"] == "stap-2"


def test_seeded_programme_in_the_api(api_client):
    if not Programme.objects.filter(slug="operatie-nup").exists():
        pytest.skip("reference data not loaded")
    detail = api_client.get(reverse("programme-detail", args=["operatie-nup"])).json()
    assert len(detail["status_levels"]) == 6
    rows = results(api_client.get(BLOCKS, {"programme": "operatie-nup", "pageSize": 100}))
    assert len(rows) == 23
    assert next(row for row in rows if row["code"] == "MIJNOVERHEID")["depends_on"] == ["DIGID"]


# --- writing: who may ---------------------------------------------------------------------------


def write_attempts(programme, block, agreement):
    return [
        ("patch", reverse("programme-detail", args=[programme.slug]), {"name": "X"}),
        ("post", BLOCKS, {"programme": programme.slug, "code": "X", "name": "X"}),
        ("put", reverse("building-block-detail", args=[block.pk]), {"name": "X"}),
        ("patch", reverse("building-block-detail", args=[block.pk]), {"name": "X"}),
        ("delete", reverse("building-block-detail", args=[block.pk]), None),
        ("post", AGREEMENTS, {"programme": programme.slug, "number": 9}),
        ("patch", reverse("result-agreement-detail", args=[agreement.pk]), {"title": "X"}),
        ("delete", reverse("result-agreement-detail", args=[agreement.pk]), None),
    ]


@pytest.mark.parametrize("who", ["coordinator", "supplier"])
def test_non_staff_cannot_write(who, request, api_client, programme, levels, blocks):
    user = request.getfixturevalue(who)
    agreement = ResultAgreementFactory(programme=programme, required_level=levels[0])
    api_client.force_authenticate(user)
    for method, address, data in write_attempts(programme, blocks[0], agreement):
        response = getattr(api_client, method)(address, data, format="json")
        assert response.status_code == 403, (method, address)
    assert not AuditEntry.objects.filter(action__startswith="catalogue.").exists()


def test_non_staff_cannot_write_with_a_token(api_client, coordinator, programme, blocks):
    token = Token.objects.create(user=coordinator)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.patch(reverse("building-block-detail", args=[blocks[0].pk]), {"name": "X"}, format="json")
    assert response.status_code == 403


def test_anonymous_cannot_write(api_client, programme, levels, blocks):
    agreement = ResultAgreementFactory(programme=programme, required_level=levels[0])
    for method, address, data in write_attempts(programme, blocks[0], agreement):
        response = getattr(api_client, method)(address, data, format="json")
        assert response.status_code in (401, 403), (method, address)
    assert BuildingBlock.objects.filter(pk=blocks[0].pk).exists()


# --- writing: programme staff -------------------------------------------------------------------


def test_staff_patches_a_programme(api_client, staff, programme):
    predecessor = ProgrammeFactory()
    api_client.force_authenticate(staff)
    response = api_client.patch(
        reverse("programme-detail", args=[programme.slug]),
        {"name": "Opvolger", "predecessor": predecessor.slug},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["predecessor"] == predecessor.slug
    programme.refresh_from_db()
    assert programme.name == "Opvolger"
    assert AuditEntry.objects.filter(action="catalogue.programme.update", object_id=str(programme.pk)).exists()


def test_staff_creates_updates_and_deletes_a_block_with_a_token(api_client, staff, programme, blocks):
    token = Token.objects.create(user=staff)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    payload = {
        "programme": programme.slug,
        "code": "NIEUW",
        "name": "Nieuwe bouwsteen",
        "cluster": "Stelsel",
        "owner": "BZK",
        "municipality_role": "aansluiten",
        "evidence": "inferred",
        "depends_on": ["AAA", "BBB"],
    }
    response = api_client.post(BLOCKS, payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["depends_on"] == ["AAA", "BBB"]
    block = BuildingBlock.objects.get(programme=programme, code="NIEUW")

    response = api_client.patch(
        reverse("building-block-detail", args=[block.pk]), {"name": "Hernoemd", "depends_on": ["CCC"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Hernoemd"
    assert response.json()["depends_on"] == ["CCC"]

    response = api_client.put(
        reverse("building-block-detail", args=[block.pk]),
        {**payload, "programme": None, "name": "Vervangen"},
        format="json",
    )
    assert response.status_code == 200, response.content
    block.refresh_from_db()
    assert block.name == "Vervangen"
    assert {dep.code for dep in block.depends_on.all()} == {"AAA", "BBB"}

    response = api_client.delete(reverse("building-block-detail", args=[block.pk]))
    assert response.status_code == 204
    assert not BuildingBlock.objects.filter(pk=block.pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(block.pk), action__startswith="catalogue.building_block")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "catalogue.building_block.create",
        "catalogue.building_block.update",
        "catalogue.building_block.update",
        "catalogue.building_block.delete",
    ]
    assert AuditEntry.objects.filter(actor=staff, action="catalogue.building_block.create").exists()


def test_block_write_errors_are_400(api_client, staff, programme, blocks):
    api_client.force_authenticate(staff)
    base = {"programme": programme.slug, "name": "X", "cluster": "C", "owner": "O", "municipality_role": "gebruiken"}
    response = api_client.post(BLOCKS, {**base, "code": "AAA"}, format="json")
    assert response.status_code == 400
    assert "already has a building block" in invalid_params(response)["code"][0]

    response = api_client.post(BLOCKS, {**base, "code": "NIEUW", "depends_on": ["ONBEKEND"]}, format="json")
    assert response.status_code == 400
    assert "ONBEKEND" in invalid_params(response)["depends_on"][0]

    response = api_client.patch(
        reverse("building-block-detail", args=[blocks[0].pk]), {"depends_on": ["BBB"]}, format="json"
    )
    assert response.status_code == 400
    assert "AAA → BBB → AAA" in invalid_params(response)["depends_on"][0]

    foreign = BuildingBlockFactory(code="ELDERS")
    response = api_client.patch(
        reverse("building-block-detail", args=[blocks[0].pk]), {"depends_on": [foreign.code]}, format="json"
    )
    assert response.status_code == 400  # codes are looked up within the block's own programme


def test_staff_manages_result_agreements(api_client, staff, programme, levels, blocks):
    api_client.force_authenticate(staff)
    payload = {
        "programme": programme.slug,
        "number": 1,
        "title": "Aansluiten",
        "text": "Alle gemeenten zijn aangesloten.",
        "deadline": "2022-12-31",
        "required_level": "stap-2",
        "building_blocks": ["AAA", "CCC"],
    }
    response = api_client.post(AGREEMENTS, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["building_blocks"] == ["AAA", "CCC"]
    agreement = ResultAgreement.objects.get(programme=programme, number=1)

    response = api_client.post(AGREEMENTS, payload, format="json")
    assert response.status_code == 400
    assert invalid_params(response)["number"] == ["This programme already has a result agreement with number 1."]

    response = api_client.post(AGREEMENTS, {**payload, "number": 2, "required_level": "onbekend"}, format="json")
    assert response.status_code == 400
    assert "required_level" in invalid_params(response)

    response = api_client.post(AGREEMENTS, {**payload, "number": 3, "deadline": None}, format="json")
    assert response.status_code == 400
    assert "deadline" in invalid_params(response)

    response = api_client.patch(
        reverse("result-agreement-detail", args=[agreement.pk]), {"required_level": "stap-1"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["required_level"] == "stap-1"

    response = api_client.delete(reverse("result-agreement-detail", args=[agreement.pk]))
    assert response.status_code == 204
    assert not ResultAgreement.objects.filter(programme=programme).exists()


def test_result_agreement_codes_resolve_within_the_programme(api_client, staff, programme, levels, blocks):
    other = ProgrammeFactory()
    ladder(other)
    BuildingBlockFactory(programme=other, code="ANDER")
    api_client.force_authenticate(staff)
    payload = {
        "programme": programme.slug,
        "number": 1,
        "title": "t",
        "text": "t",
        "deadline": "2022-12-31",
        "required_level": "stap-0",
        "building_blocks": ["ANDER"],
    }
    response = api_client.post(AGREEMENTS, payload, format="json")
    assert response.status_code == 400
    assert "ANDER" in invalid_params(response)["building_blocks"][0]
