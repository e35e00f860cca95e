# SPDX-License-Identifier: EUPL-1.2
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from bouwplaats.organisations.models import Municipality

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:municipality-list")


def rows(response) -> list[str]:
    """The municipality codes in the result table, in order."""
    return re.findall(r"<td><code>(GM\d{4})</code></td>", response.content.decode())


def test_list_defaults_to_the_division_of_2014(client):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert response.context["page_obj"].paginator.count == 403
    assert response.context["division_date"] == datetime.date(2014, 1, 1)
    assert len(rows(response)) == 50
    assert 'class="pagination"' in html
    assert 'value="2014-01-01"' in html  # the date field shows the date used
    assert "<caption>" in html and 'scope="col"' in html


def test_list_last_page(client):
    response = client.get(LIST_URL, {"page": 9})
    assert len(rows(response)) == 3
    assert 'aria-current="page"' in response.content.decode()
    assert len(rows(client.get(LIST_URL, {"page": 999}))) == 3  # out of range: the last page


@pytest.mark.parametrize("query", ["amsterdam", "0363", "GM0363"])
def test_search(client, query):
    response = client.get(LIST_URL, {"q": query})
    assert rows(response) == ["GM0363"]
    assert "810.935" in response.content.decode()  # Dutch number format, with the year
    assert "(2014)" in response.content.decode()


def test_filter_province_and_size_class(client):
    response = client.get(LIST_URL, {"provincie": "PV27", "grootteklasse": "8"})
    assert rows(response) == ["GM0363"]
    response = client.get(LIST_URL, {"provincie": "PV21"})
    assert response.context["page_obj"].paginator.count == 24


def test_pagination_keeps_the_filters(client):
    response = client.get(LIST_URL, {"provincie": "PV30"})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count > 50
    assert 'href="?provincie=PV30&amp;page=2"' in html


def test_division_date(client):
    response = client.get(LIST_URL, {"peildatum": "2025-01-01"})
    assert response.context["page_obj"].paginator.count == 342
    response = client.get(LIST_URL, {"peildatum": "2025-01-01", "q": "voorne"})
    assert rows(response) == ["GM1992"]
    assert "(2022)" in response.content.decode()


def test_quick_links_for_2014_and_today(client):
    html = client.get(LIST_URL, {"q": "ams", "peildatum": "2020-01-01"}).content.decode()
    assert "?q=ams&amp;peildatum=2014-01-01" in html
    assert f"?q=ams&amp;peildatum={timezone.localdate().isoformat()}" in html


def test_invalid_date_is_explained_and_the_default_used(client):
    response = client.get(LIST_URL, {"peildatum": "12/31/2014"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_peildatum"' in html
    assert response.context["page_obj"].paginator.count == 403


def test_invalid_size_class_is_ignored_with_an_error(client):
    response = client.get(LIST_URL, {"grootteklasse": "9"})
    assert 'class="error-summary"' in response.content.decode()
    assert response.context["page_obj"].paginator.count == 403


def test_no_results(client):
    response = client.get(LIST_URL, {"q": "Atlantis"})
    assert rows(response) == []
    assert response.context["page_obj"].paginator.count == 0


def test_list_query_count_does_not_depend_on_the_rows(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(LIST_URL)
    with django_assert_max_num_queries(4):
        client.get(LIST_URL, {"q": "am", "provincie": "PV27"})


def detail_url(code):
    return reverse("organisations:municipality-detail", args=[code])


def progress_url(code):
    return reverse("monitor:municipality-progress", args=[code])


def detail(client, code):
    return client.get(detail_url(code))


def test_detail(client):
    response = detail(client, "GM0363")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "Amsterdam" in html and "Noord-Holland" in html
    assert "810.935" in html
    assert "CBS Wijk- en buurtkaart 2014 (afgerond op vijftallen)" in html
    assert '<span aria-current="page">Amsterdam</span>' in html  # breadcrumbs
    # Weesp merged into Amsterdam in 2022.
    assert f'href="{detail_url("GM0457")}"' in html


def test_detail_of_a_merged_municipality(client):
    html = detail(client, "GM0003").content.decode()
    assert f'href="{detail_url("GM1979")}">Eemsdelta</a>' in html
    assert 'class="notice"' in html


def test_detail_marks_derived_population_and_lists_predecessors(client):
    html = detail(client, "GM1992").content.decode()
    assert "badge--inferred" in html
    for code in ("GM0501", "GM0530", "GM0614"):
        assert f'href="{detail_url(code)}"' in html


def test_detail_nested_predecessors(client):
    html = detail(client, "GM1940").content.decode()
    outer = html.index(f'href="{detail_url("GM1921")}"')
    nested = html.index('<ul class="tree">', outer)
    assert html.index(f'href="{detail_url("GM0082")}"') > nested


def test_detail_province_history(client):
    html = detail(client, "GM0620").content.decode()
    assert "Zuid-Holland" in html and "Utrecht" in html
    assert html.count("<tr>") >= 3  # population and periods tables
    assert f'href="{detail_url("GM1961")}"' in html


@pytest.mark.parametrize("code", ["GM9999", "amsterdam", "0363"])
def test_detail_404(client, code):
    assert detail(client, code).status_code == 404


def test_detail_query_count(client, django_assert_max_num_queries):
    # The monitor's links: the progress in the current programme (2 queries, and 2 for the province's
    # figures instead) and in the other programmes of its line of successors (1).
    with django_assert_max_num_queries(11):
        assert detail(client, "GM1940").status_code == 200


@pytest.mark.parametrize(
    "url", [reverse("admin:organisations_municipality_changelist"), reverse("admin:organisations_province_changelist")]
)
def test_admin_lists_are_read_only(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert f"{url}add/" not in response.content.decode()


def test_admin_detail_shows_population(admin_client):
    amsterdam = Municipality.objects.get(code="GM0363")
    response = admin_client.get(reverse("admin:organisations_municipality_change", args=[amsterdam.pk]))
    assert response.status_code == 200
    assert "810935" in response.content.decode()


def test_detail_links_the_pages_other_apps_register(client, monkeypatch):
    from bouwplaats.core.links import LinkRegistry
    from bouwplaats.organisations import municipality_links as registry

    monkeypatch.setattr(registry, "_registry", LinkRegistry())
    assert f'href="{progress_url("GM0363")}"' not in detail(client, "GM0363").content.decode()
    registry.register_municipality_link("Later", "organisations:municipality-detail", position=20)
    registry.register_municipality_link("First", "monitor:municipality-progress", position=10)
    html = detail(client, "GM0363").content.decode()
    first = html.index(f'<a href="{progress_url("GM0363")}">First</a>')
    assert first < html.index(f'<a href="{detail_url("GM0363")}">Later</a>')
    registry.unregister_municipality_link("organisations:municipality-detail")
    assert ">Later</a>" not in detail(client, "GM0363").content.decode()


def test_detail_links_the_progress_page_of_the_monitor(client, english_client):
    html = detail(english_client, "GM0363").content.decode()
    assert f'<a href="{progress_url("GM0363")}">Progress per building block</a>' in html


def test_detail_lists_the_links_of_a_registered_group_in_place(client, monkeypatch):
    from bouwplaats.core.links import LinkRegistry, ShownLink
    from bouwplaats.organisations import municipality_links as registry

    monkeypatch.setattr(registry, "_registry", LinkRegistry())
    monkeypatch.setattr(registry, "_groups", {})
    registry.register_municipality_link("Last", "monitor:municipality-progress", position=30)
    registry.register_municipality_link("First", "organisations:municipality-detail", position=10)
    registry.register_municipality_link_group(
        "test", lambda user, code: [ShownLink("Second", "/a/"), ShownLink("Third", "/b/")], position=20
    )
    labels = [link.label for link in registry.municipality_links("GM0363")]
    assert labels == ["First", "Second", "Third", "Last"]
