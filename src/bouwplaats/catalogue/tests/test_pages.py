# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest
from django.urls import reverse

from bouwplaats.audit.models import AuditEntry
from bouwplaats.catalogue.models import BuildingBlock, Programme, ResultAgreement, StatusLevel

from .factories import BuildingBlockFactory, ProgrammeFactory, ResultAgreementFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"catalogue:{name}", args=args)


# --- public pages ------------------------------------------------------------------------------


def test_home_shows_the_current_programme(client, current_programme, blocks, levels, django_assert_max_num_queries):
    programme = current_programme
    ResultAgreementFactory(programme=programme, required_level=levels[2], deadline=datetime.date(2099, 3, 1))
    with django_assert_max_num_queries(8):
        response = client.get(url("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert programme.name in html
    assert "Programme staff:" in html and "Suppliers:" in html and "the public" in html
    assert response.context["overview"].building_block_count == 3
    assert response.context["overview"].result_agreement_count == 1
    assert [c["cluster"] for c in response.context["overview"].clusters] == ["Burgers", "Stelsel"]
    assert [c["block_count"] for c in response.context["overview"].clusters] == [1, 2]
    assert [d.date for d in response.context["overview"].upcoming_deadlines] == [datetime.date(2099, 3, 1)]
    assert url("building-block-list", programme.slug) in html
    assert reverse("organisations:municipality-list") in html


def test_home_counts_municipalities_on_the_reference_date(client, current_programme):
    from bouwplaats.organisations.models import Municipality, Province

    province = Province.objects.create(code="PV99", name="Testprovincie")
    date = current_programme.reference_date
    before = Municipality.objects.on(date).count()
    Municipality.objects.create(
        code="GM9998", name="Oud", province=province, valid_from=datetime.date(1990, 1, 1), valid_to=date
    )
    Municipality.objects.create(code="GM9999", name="Nieuw", province=province, valid_from=date)
    response = client.get(url("home"))
    assert response.context["overview"].municipality_count == before + 1


def test_home_when_all_deadlines_passed(client, current_programme, blocks):
    response = client.get(url("home"))
    overview = response.context["overview"]
    assert overview.upcoming_deadlines == []
    assert [d.date for d in overview.last_deadlines] == [datetime.date(2023, 1, 1)]
    assert "All deadlines of this programme have passed" in response.content.decode()


def test_home_with_the_seeded_programme(client):
    if not Programme.objects.filter(slug="operatie-nup").exists():
        pytest.skip("reference data not loaded")
    Programme.objects.filter(slug="operatie-nup").update(is_current=True)
    Programme.objects.exclude(slug="operatie-nup").update(is_current=False)
    response = client.get(url("home"))
    overview = response.context["overview"]
    assert overview.programme.slug == "operatie-nup"
    assert overview.building_block_count == 23
    assert overview.municipality_count == 403  # the division of 1 January 2014
    assert "Operatie NUP" in response.content.decode()


def test_programme_list(client, programme, blocks):
    response = client.get(url("programme-list"))
    assert response.status_code == 200
    assert programme.name in response.content.decode()


def test_programme_page(client, programme, levels, blocks, django_assert_max_num_queries):
    programme.start_date_note = "Bronnen spreken elkaar tegen."
    programme.predecessor = ProgrammeFactory(name="Voorganger")
    programme.save()
    ProgrammeFactory(name="Opvolger", predecessor=programme)
    for number in (1, 2, 3):
        ResultAgreementFactory(programme=programme, number=number, required_level=levels[2], building_blocks=blocks[:2])
    with django_assert_max_num_queries(10):
        response = client.get(url("programme-detail", programme.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bronnen spreken elkaar tegen." in html
    assert "Voorganger" in html and "Opvolger" in html
    assert html.index("niet gestart") < html.index("oriëntatie") < html.index("aangesloten")
    assert html.count("Resultaatafspraak") >= 3
    assert url("programme-edit", programme.slug) not in html  # no staff links for visitors


@pytest.mark.parametrize(
    ("visibility", "end_date", "shown"),
    [
        ("public", datetime.date(2099, 1, 1), "Public: everyone sees each municipality's progress now."),
        ("after_end", datetime.date(2023, 1, 1), "Public after the programme has ended: everyone sees"),
        ("after_end", datetime.date(2099, 1, 1), "Public after the programme has ended: for now only"),
        ("aggregated", datetime.date(2023, 1, 1), "Aggregated figures only: for now only"),
    ],
)
def test_programme_page_says_who_sees_each_municipality(client, programme, visibility, end_date, shown):
    programme.municipality_status_visibility, programme.end_date = visibility, end_date
    programme.save()
    assert shown in client.get(url("programme-detail", programme.slug)).content.decode()


def test_programme_page_shows_staff_links(client, staff, programme):
    client.force_login(staff)
    html = client.get(url("programme-detail", programme.slug)).content.decode()
    assert url("programme-edit", programme.slug) in html
    assert url("status-level-list", programme.slug) in html
    assert url("result-agreement-create", programme.slug) in html


def test_empty_result_agreements_invite_staff(client, staff, programme):
    html = client.get(url("result-agreement-list", programme.slug)).content.decode()
    assert "not publicly known" in html
    assert url("result-agreement-create", programme.slug) not in html
    client.force_login(staff)
    html = client.get(url("result-agreement-list", programme.slug)).content.decode()
    assert url("result-agreement-create", programme.slug) in html


def test_unknown_programme_is_404(client):
    assert client.get(url("programme-detail", "bestaat-niet")).status_code == 404
    assert client.get(url("building-block-list", "bestaat-niet")).status_code == 404


def test_block_list(client, programme, blocks, django_assert_max_num_queries):
    BuildingBlockFactory.create_batch(10, programme=programme)
    with django_assert_max_num_queries(6):
        response = client.get(url("building-block-list", programme.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.context["blocks"]) == 13
    assert 'class="badge badge--inferred"' in html
    assert url("building-block-detail", programme.slug, "AAA") in html  # Bravo's dependency


def test_block_list_current_is_the_current_programme(client, current_programme, blocks):
    response = client.get(url("building-block-list-current"))
    assert response.status_code == 200
    assert {b.code for b in response.context["blocks"]} == {"AAA", "BBB", "CCC"}


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"cluster": "Stelsel"}, {"AAA", "BBB"}),
        ({"search": "kvk"}, {"CCC"}),
        ({"search": "bbb"}, {"BBB"}),
        ({"evidence": "source"}, {"AAA"}),
        ({"role": "bronhouder"}, {"CCC"}),
        ({"cluster": "Stelsel", "evidence": "inferred"}, {"BBB"}),
        ({"evidence": "bogus"}, {"AAA", "BBB", "CCC"}),
    ],
)
def test_block_list_filters(client, programme, blocks, query, codes):
    a, b, c = blocks
    BuildingBlock.objects.filter(pk=a.pk).update(evidence="source", source_url="https://example.org/")
    BuildingBlock.objects.filter(pk=c.pk).update(municipality_role="bronhouder")
    response = client.get(url("building-block-list", programme.slug), query)
    assert response.status_code == 200
    assert {block.code for block in response.context["blocks"]} == codes


def test_block_detail(client, programme, blocks, levels, django_assert_max_num_queries):
    a, b, c = blocks
    BuildingBlock.objects.filter(pk=a.pk).update(
        gemma_object_id="a5786df1-7ecf-11e3-67ab-0050568a6153", evidence="source", source_url="https://example.org/bron"
    )
    ResultAgreementFactory(
        programme=programme, number=4, title="Aansluiten", required_level=levels[2], building_blocks=[a]
    )
    with django_assert_max_num_queries(13):  # 8, 2 of the suppliers' section, 3 of who waits (block_sections)
        response = client.get(url("building-block-detail", programme.slug, "AAA"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "https://gemmaonline.nl/index.php/GEMMA/id-a5786df1-7ecf-11e3-67ab-0050568a6153" in html
    assert "https://example.org/bron" in html
    assert url("building-block-detail", programme.slug, "BBB") in html  # required by
    assert "4. Aansluiten" in html
    assert url("building-block-edit", programme.slug, "AAA") not in html


def test_block_detail_without_gemma_and_inferred(client, programme, blocks):
    BuildingBlock.objects.filter(code="CCC", programme=programme).update(gemma_object_id="")
    html = client.get(url("building-block-detail", programme.slug, "CCC")).content.decode()
    assert "No GEMMA element" in html
    assert "no public source ties this block to the programme" in html
    assert client.get(url("building-block-detail", programme.slug, "ZZZ")).status_code == 404


def test_seeded_block_pages(client):
    programme = Programme.objects.filter(slug="operatie-nup").first()
    if programme is None:
        pytest.skip("reference data not loaded")
    response = client.get(url("building-block-list", programme.slug))
    assert len(response.context["blocks"]) == 23
    html = client.get(url("building-block-detail", programme.slug, "MIJNOVERHEID")).content.decode()
    assert url("building-block-detail", programme.slug, "DIGID") in html


# --- staff pages: access -------------------------------------------------------------------------


def staff_urls(programme, levels, blocks, agreement):
    return [
        url("programme-edit", programme.slug),
        url("status-level-list", programme.slug),
        url("status-level-edit", programme.slug, levels[0].code),
        url("status-level-delete", programme.slug, levels[0].code),
        url("building-block-create", programme.slug),
        url("building-block-edit", programme.slug, "AAA"),
        url("building-block-dependencies", programme.slug, "AAA"),
        url("building-block-delete", programme.slug, "AAA"),
        url("result-agreement-create", programme.slug),
        url("result-agreement-edit", programme.slug, agreement.number),
        url("result-agreement-delete", programme.slug, agreement.number),
    ]


@pytest.fixture
def agreement(programme, levels, blocks):
    return ResultAgreementFactory(programme=programme, number=1, required_level=levels[1], building_blocks=[blocks[0]])


def test_staff_pages_render_for_staff(client, staff, programme, levels, blocks, agreement):
    client.force_login(staff)
    for address in staff_urls(programme, levels, blocks, agreement):
        assert client.get(address).status_code == 200, address


def test_staff_pages_forbidden_for_coordinators_and_suppliers(
    client, coordinator, supplier, programme, levels, blocks, agreement
):
    for user in (coordinator, supplier):
        client.force_login(user)
        for address in staff_urls(programme, levels, blocks, agreement):
            assert client.get(address).status_code == 403, address
            assert client.post(address, {"name": "X"}).status_code == 403, address
        move = url("status-level-move", programme.slug, levels[0].code)
        assert client.post(move, {"direction": "up"}).status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="catalogue.").exists()
    assert BuildingBlock.objects.filter(programme=programme, code="AAA").exists()


def test_staff_pages_redirect_anonymous_to_login(client, programme, levels, blocks, agreement):
    login = reverse("accounts:login")
    for address in staff_urls(programme, levels, blocks, agreement):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(login), address


# --- staff pages: writes -----------------------------------------------------------------------


def test_edit_programme(client, staff, programme):
    client.force_login(staff)
    data = {
        "name": "Hernoemd programma",
        "description": "",
        "owner": "VNG",
        "executor": "KING",
        "start_date": "2020-01-01",
        "start_date_note": "",
        "end_date": "2023-01-01",
        "reference_date": "2022-01-01",
        "predecessor": "",
        "municipality_status_visibility": "public",
    }
    response = client.post(url("programme-edit", programme.slug), data, follow=True)
    assert response.redirect_chain[-1][0] == url("programme-detail", programme.slug)
    assert "The programme has been saved." in response.content.decode()
    programme.refresh_from_db()
    assert programme.name == "Hernoemd programma"
    assert programme.municipality_status_visibility == "public"


def test_edit_programme_shows_service_errors(client, staff, programme):
    client.force_login(staff)
    data = {
        "name": "X",
        "start_date": "2020-01-01",
        "end_date": "2019-01-01",
        "reference_date": "2020-01-01",
        "municipality_status_visibility": "after_end",
    }
    response = client.post(url("programme-edit", programme.slug), data)
    assert response.status_code == 200
    assert "The end must not be before the start." in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()


def test_status_ladder_pages(client, staff, programme, levels):
    client.force_login(staff)
    listing = url("status-level-list", programme.slug)
    response = client.post(listing, {"code": "in-gebruik", "name": "in gebruik"}, follow=True)
    assert "in gebruik" in response.content.decode()
    response = client.post(url("status-level-move", programme.slug, "in-gebruik"), {"direction": "down"})
    assert response.status_code == 302
    assert list(StatusLevel.objects.filter(programme=programme).values_list("code", flat=True)) == [
        "stap-0",
        "stap-1",
        "in-gebruik",
        "stap-2",
    ]
    response = client.post(url("status-level-edit", programme.slug, "stap-1"), {"code": "stap-1", "name": "verkenning"})
    assert response.status_code == 302
    assert StatusLevel.objects.get(programme=programme, code="stap-1").name == "verkenning"
    response = client.post(url("status-level-delete", programme.slug, "in-gebruik"))
    assert response.status_code == 302
    assert StatusLevel.objects.filter(programme=programme).count() == 3


def test_status_level_delete_page_refuses_when_required(client, staff, programme, levels, agreement):
    client.force_login(staff)
    address = url("status-level-delete", programme.slug, levels[1].code)
    html = client.get(address).content.decode()
    assert "Change their required level" in html
    assert "Delete the level" not in html  # no button while it is required
    response = client.post(address)
    assert response.status_code == 400
    assert "require this level" in response.content.decode()
    assert StatusLevel.objects.filter(pk=levels[1].pk).exists()


def test_status_level_move_error_is_a_message(client, staff, programme, levels):
    client.force_login(staff)
    response = client.post(url("status-level-move", programme.slug, levels[0].code), {"direction": "down"}, follow=True)
    assert "already the lowest level" in response.content.decode()


def block_form(**overrides):
    data = {
        "code": "NIEUW",
        "name": "Nieuwe bouwsteen",
        "description": "",
        "cluster": "Stelsel",
        "owner": "BZK",
        "municipality_role": "aansluiten",
        "gemma_object_id": "",
        "deadline": "2023-01-01",
        "deadline_basis": "programme_end",
        "evidence": "source",
        "source_url": "https://example.org/bron",
    }
    return {**data, **overrides}


def test_create_edit_delete_block(client, staff, programme, blocks):
    client.force_login(staff)
    response = client.post(url("building-block-create", programme.slug), block_form())
    assert response.status_code == 302
    assert response.url == url("building-block-detail", programme.slug, "NIEUW")

    response = client.post(url("building-block-edit", programme.slug, "NIEUW"), block_form(code="NIEUW2", name="Ander"))
    assert response.url == url("building-block-detail", programme.slug, "NIEUW2")
    assert BuildingBlock.objects.get(programme=programme, code="NIEUW2").name == "Ander"

    response = client.post(url("building-block-delete", programme.slug, "NIEUW2"))
    assert response.url == url("building-block-list", programme.slug)
    assert not BuildingBlock.objects.filter(programme=programme, code="NIEUW2").exists()
    actions = set(
        AuditEntry.objects.filter(action__startswith="catalogue.building_block").values_list("action", flat=True)
    )
    assert actions == {
        "catalogue.building_block.create",
        "catalogue.building_block.update",
        "catalogue.building_block.delete",
    }


def test_block_form_shows_errors(client, staff, programme, blocks):
    client.force_login(staff)
    response = client.post(url("building-block-create", programme.slug), block_form(code="AAA", source_url=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "already has a building block with the code" in html
    assert "Give the address of the public source" in html


def test_delete_block_confirmation_lists_what_is_lost(client, staff, programme, blocks, agreement):
    client.force_login(staff)
    html = client.get(url("building-block-delete", programme.slug, "AAA")).content.decode()
    assert "Bravo" in html  # depends on it
    assert agreement.title in html


def test_dependencies_page(client, staff, programme, blocks):
    a, b, c = blocks
    client.force_login(staff)
    address = url("building-block-dependencies", programme.slug, "CCC")
    html = client.get(address).content.decode()
    assert 'type="checkbox"' in html and "Alfa (AAA)" in html and "Charlie (CCC)" not in html
    response = client.post(address, {"depends_on": [a.pk, b.pk]})
    assert response.status_code == 302
    assert set(c.depends_on.all()) == {a, b}

    response = client.post(url("building-block-dependencies", programme.slug, "AAA"), {"depends_on": [c.pk]})
    assert response.status_code == 200
    assert "AAA → CCC → AAA" in response.content.decode()


def test_result_agreement_pages(client, staff, programme, levels, blocks):
    a, b, _ = blocks
    client.force_login(staff)
    data = {
        "number": "5",
        "title": "BRP-aansluiting",
        "text": "Alle gemeenten gebruiken de BRP.",
        "criterion": "",
        "deadline": "2022-12-31",
        "required_level": levels[2].pk,
        "building_blocks": [a.pk, b.pk],
        "wording": "summary",
        "evidence": "inferred",
    }
    response = client.post(url("result-agreement-create", programme.slug), data, follow=True)
    assert "Result agreement 5 has been added." in response.content.decode()
    agreement = ResultAgreement.objects.get(programme=programme, number=5)
    assert set(agreement.building_blocks.all()) == {a, b}

    response = client.post(url("result-agreement-create", programme.slug), data)
    assert response.status_code == 200
    assert "already has a result agreement with number 5" in response.content.decode()

    response = client.post(url("result-agreement-edit", programme.slug, 5), {**data, "title": "Gewijzigd"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Gewijzigd"

    html = client.get(url("result-agreement-list", programme.slug)).content.decode()
    assert "Gewijzigd" in html and "Alle gemeenten gebruiken de BRP." in html

    response = client.post(url("result-agreement-delete", programme.slug, 5))
    assert response.status_code == 302
    assert not ResultAgreement.objects.filter(pk=agreement.pk).exists()


def test_result_agreement_form_offers_only_this_programme(client, staff, programme, levels, blocks):
    other_block = BuildingBlockFactory(name="Van elders", code="ELDERS")
    client.force_login(staff)
    html = client.get(url("result-agreement-create", programme.slug)).content.decode()
    assert "Alfa (AAA)" in html and "Van elders" not in html
    response = client.post(
        url("result-agreement-create", programme.slug),
        {
            "number": 1,
            "title": "t",
            "text": "t",
            "deadline": "",
            "required_level": levels[0].pk,
            "building_blocks": [other_block.pk],
        },
    )
    assert response.status_code == 200
    assert not ResultAgreement.objects.filter(programme=programme).exists()


def test_home_without_any_programme(client):
    Programme.objects.all().delete()
    response = client.get(url("home"))
    assert response.status_code == 200
    assert "No programme has been set up yet." in response.content.decode()
    assert client.get(url("building-block-list-current")).status_code == 404


def test_home_invites_staff_to_enter_result_agreements(client, staff, current_programme):
    create = url("result-agreement-create", current_programme.slug)
    assert create not in client.get(url("home")).content.decode()
    client.force_login(staff)
    assert create in client.get(url("home")).content.decode()


def test_dependencies_form_offers_only_the_programmes_blocks(client, staff, programme, blocks):
    foreign = BuildingBlockFactory(code="ELDERS")
    client.force_login(staff)
    response = client.post(url("building-block-dependencies", programme.slug, "CCC"), {"depends_on": [foreign.pk]})
    assert response.status_code == 200
    assert list(blocks[2].depends_on.all()) == []
