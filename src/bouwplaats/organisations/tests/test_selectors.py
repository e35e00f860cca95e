# SPDX-License-Identifier: EUPL-1.2
import datetime

import pytest

from bouwplaats.organisations import selectors
from bouwplaats.organisations.constants import SIZE_CLASSES
from bouwplaats.organisations.models import Municipality

from .factories import MunicipalityFactory, PopulationFactory

pytestmark = pytest.mark.django_db

NUP = datetime.date(2014, 1, 1)


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_municipalities_on_a_date():
    assert selectors.municipalities_on(NUP).count() == 403
    assert selectors.municipalities_on(datetime.date(2025, 1, 1)).count() == 342
    # Weesp ended on 24 March 2022, in the middle of a year.
    assert "GM0457" in codes(selectors.municipalities_on(datetime.date(2022, 3, 23)))
    assert "GM0457" not in codes(selectors.municipalities_on(datetime.date(2022, 3, 24)))


def test_population_is_annotated_as_of_the_division_year():
    amsterdam_2014 = selectors.municipalities_on(NUP).get(code="GM0363")
    assert (amsterdam_2014.inhabitants, amsterdam_2014.population_year) == (810_935, 2014)
    assert amsterdam_2014.size_class.code == 8
    amsterdam_2025 = selectors.municipalities_on(datetime.date(2025, 1, 1)).get(code="GM0363")
    assert amsterdam_2025.population_year == 2022
    assert amsterdam_2025.inhabitants > amsterdam_2014.inhabitants
    # Between the two years, the latest figure up to the year counts.
    assert selectors.municipalities_on(datetime.date(2020, 6, 1)).get(code="GM0363").population_year == 2014


def test_population_falls_back_to_the_earliest_figure():
    # Eemsdelta (2021) has no figure for 2014 or earlier: its 2022 figure is used.
    eemsdelta = selectors.with_population(Municipality.objects.filter(code="GM1979"), on=NUP).get()
    assert eemsdelta.population_year == 2022
    assert eemsdelta.size_class.code == 4


def test_no_population_means_no_size_class():
    beerta = selectors.with_population(Municipality.objects.filter(code="GM0006"), on=NUP).get()
    assert beerta.inhabitants is None and beerta.population_year is None
    assert beerta.size_class is None


def test_earliest_figure_is_used_with_several_later_years():
    municipality = MunicipalityFactory(valid_from=datetime.date(2016, 1, 1))
    PopulationFactory(municipality=municipality, year=2024, inhabitants=4_000)
    PopulationFactory(municipality=municipality, year=2020, inhabitants=6_000)
    annotated = selectors.with_population(Municipality.objects.filter(pk=municipality.pk), on=NUP).get()
    assert (annotated.population_year, annotated.inhabitants, annotated.size_class.code) == (2020, 6_000, 2)


@pytest.mark.parametrize("query", ["amsterdam", "AMSTERDAM", "Amsterdam", "0363", "GM0363", "gm0363"])
def test_search_by_name_or_code(query):
    found = codes(selectors.search_municipalities(on=NUP, query=query))
    assert "GM0363" in found
    assert "GM0599" not in found  # Rotterdam


def test_search_by_code_is_exact_enough():
    assert codes(selectors.search_municipalities(on=NUP, query=" 0363 ")) == ["GM0363"]
    assert codes(selectors.search_municipalities(on=NUP, query="Amster")) == ["GM0363"]
    assert codes(selectors.search_municipalities(on=NUP, query="nothing like this")) == []


def test_filter_by_province():
    friesland = selectors.search_municipalities(on=NUP, province="PV21")
    expected = Municipality.objects.on(NUP).filter(province__name="Friesland").count()
    assert friesland.count() == expected == 24
    assert selectors.search_municipalities(on=NUP, province="pv21").count() == expected


def test_filter_by_size_class_partitions_the_division():
    total = 0
    for size in SIZE_CLASSES:
        found = list(selectors.search_municipalities(on=NUP, size_class=size.code))
        assert all(size.contains(municipality.inhabitants) for municipality in found)
        assert all(municipality.size_class == size for municipality in found)
        total += len(found)
    assert total == 403
    big = codes(selectors.search_municipalities(on=NUP, size_class=8))
    assert big == ["GM0344", "GM0363", "GM0518", "GM0599"]


def test_filters_combine():
    found = codes(selectors.search_municipalities(on=NUP, province="PV27", size_class=8, query="am"))
    assert found == ["GM0363"]


def test_list_needs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = [
            (m.code, m.province.name, m.inhabitants, m.population_year, m.size_class)
            for m in selectors.search_municipalities(on=NUP)
        ]
    assert len(rows) == 403


def test_latest_period_of_a_code():
    vianen = selectors.latest_period("gm0620")
    assert (vianen.province.name, vianen.valid_from) == ("Utrecht", datetime.date(2002, 1, 1))
    assert selectors.latest_period("GM9999") is None


def test_history_of_a_merged_municipality():
    history = selectors.municipality_history("GM0003")
    assert history.municipality.name == "Appingedam"
    assert [m.code for m in history.successors] == ["GM1979"]
    assert [p.year for p in history.populations] == [2014]
    assert history.predecessors == []


def test_successor_chain_to_the_current_municipality():
    # Lemsterland → De Friese Meren (2014) → De Fryske Marren (2015).
    history = selectors.municipality_history("GM0082")
    assert [m.code for m in history.successors] == ["GM1921", "GM1940"]
    assert history.successors[-1].valid_to is None


def test_predecessors_are_a_tree():
    history = selectors.municipality_history("GM1940")
    (friese_meren,) = [node for node in history.predecessors if node.municipality.code == "GM1921"]
    assert friese_meren.merged_on == datetime.date(2015, 7, 1)
    children = sorted(node.municipality.code for node in friese_meren.children)
    assert children == ["GM0051", "GM0082", "GM0653"]
    assert all(node.merged_on == datetime.date(2014, 1, 1) for node in friese_meren.children)


def test_predecessors_of_voorne_aan_zee():
    history = selectors.municipality_history("GM1992")
    assert sorted(node.municipality.code for node in history.predecessors) == ["GM0501", "GM0530", "GM0614"]
    assert [p.derived for p in history.populations] == [True]


def test_periods_of_one_code():
    history = selectors.municipality_history("GM0620")
    assert [(p.province.name, p.valid_to) for p in history.periods] == [
        ("Zuid-Holland", datetime.date(2002, 1, 1)),
        ("Utrecht", datetime.date(2019, 1, 1)),
    ]
    assert [m.name for m in history.successors] == ["Vijfheerenlanden"]


def test_history_queries_are_bounded(django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        selectors.municipality_history("GM1940")
