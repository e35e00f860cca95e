# SPDX-License-Identifier: EUPL-1.2
import datetime
import math
import re
from pathlib import Path

import pytest
from django.urls import reverse

from bouwplaats.ui import charts, maps

# Two unit squares side by side, sharing the arc x=1; the right one listed as a MultiPolygon.
# Quantized with scale 0.5 / 2 and translate (4, 50): arc points are deltas.
TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2.0], "translate": [4.0, 50.0]},
    "arcs": [
        [[2, 0], [0, 1]],  # shared edge: (1,0) → (1,2) in lon/lat offsets
        [[2, 1], [-2, 0], [0, -1], [2, 0]],  # left square: (1,2) → (0,2) → (0,0) → (1,0)
        [[2, 0], [2, 0], [0, 1], [-2, 0]],  # right square: (1,0) → (2,0) → (2,2) → (1,2)
    ],
    "objects": {
        "tiny": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"statcode": "GM0001", "statnaam": "West"}},
                {
                    "type": "MultiPolygon",
                    "arcs": [[[2, -1]]],
                    "properties": {"statcode": "GM0002", "statnaam": "Oost & Co"},
                },
                {"type": "Point", "coordinates": [0, 0], "properties": {"statcode": "GM0003"}},
            ],
        }
    },
}


def test_arcs_are_delta_decoded_and_transformed():
    arcs = maps.decode_arcs(TINY)
    assert arcs[0] == [(5.0, 50.0), (5.0, 52.0)]
    assert arcs[1] == [(5.0, 52.0), (4.0, 52.0), (4.0, 50.0), (5.0, 50.0)]
    assert arcs[2] == [(5.0, 50.0), (6.0, 50.0), (6.0, 52.0), (5.0, 52.0)]


def test_negative_arc_indexes_are_reversed_and_shared_points_kept_once():
    arcs = maps.decode_arcs(TINY)
    assert maps.assemble_ring(arcs, [2, -1]) == [
        (5.0, 50.0),
        (6.0, 50.0),
        (6.0, 52.0),
        (5.0, 52.0),
        (5.0, 50.0),
    ]


def test_decode_topology_gives_polygons_per_code_and_skips_points():
    features = maps.decode_topology(TINY)
    assert [(f.code, f.name, len(f.polygons)) for f in features] == [("GM0001", "West", 1), ("GM0002", "Oost & Co", 1)]
    assert features[0].polygons[0][0] == [(5.0, 50.0), (5.0, 52.0), (4.0, 52.0), (4.0, 50.0), (5.0, 50.0)]


def test_projection_fits_the_width_with_exact_rounded_coordinates():
    projected = maps.project(maps.decode_topology(TINY), division=datetime.date(2014, 1, 1), width=100)
    factor = math.cos(math.radians(52.2))
    scale = 96 / (2 * factor)  # 100 wide minus two margins of 2, over two degrees of longitude
    assert projected.height == round(2 * scale + 4, 1)
    bottom = maps._number(2 + 2 * scale)  # latitude 50 is at the bottom
    assert bottom == "158.6"
    shapes = {shape.code: shape.d for shape in projected.shapes}
    assert shapes["GM0001"] == f"M50 {bottom}L50 2 2 2 2 {bottom}Z"
    assert shapes["GM0002"] == f"M50 {bottom}L98 {bottom} 98 2 50 2Z"
    assert projected.view_box == "0 0 100 160.6"


def _render(projected, **kwargs):
    arguments = {"title": "Tiny", "map_id": "tiny"} | kwargs
    return maps.choropleth(
        datetime.date(2014, 1, 1), arguments.pop("values", {}), ["low", "high"], projected=projected, **arguments
    )


def test_categories_classes_titles_no_data_and_links(english_messages):
    projected = maps.project(maps.decode_topology(TINY), division=datetime.date(2014, 1, 1), width=100)
    page = reverse("monitor:municipality-progress", args=["GM0001"])
    html = _render(projected, values={"GM0001": 1}, links={"GM0001": f"{page}?a=1&b=2"})
    assert 'class="bp-map__area bp-map__c9"' in html  # the highest of two categories: the darkest colour
    assert f'<a href="{page}?a=1&amp;b=2" aria-label="West: high">' in html
    assert "<title>West: high</title>" in html
    # No value: hatched, named "no data", and no link; names are escaped.
    assert 'fill="url(#tiny-nodata)" d="M50' in html
    assert "<title>Oost &amp; Co: no data</title>" in html
    assert html.count("<a ") == 1
    assert 'role="group"' in html  # links inside: not an image with presentational children
    assert 'role="img"' in _render(projected, values={"GM0001": 0})
    assert "style=" not in html


def test_palette_spreads_categories_from_light_to_dark_like_the_charts():
    assert [maps.palette_class(i, 4) for i in range(4)] == [f"bp-map__c{step}" for step in (0, 3, 6, 9)]
    css = (Path(__file__).parents[1] / "static" / "ui" / "css" / "bouwplaats.css").read_text()
    colours = dict(re.findall(r"\.bp-map__c(\d) \{ fill: (#[0-9a-f]{6}); \}", css))
    for count in (1, 2, 4, 6, 9):
        expected = [colour.lower() for colour in charts.sequential_palette(count)]
        assert [colours[maps.palette_class(i, count)[len("bp-map__c") :]] for i in range(count)] == expected


def test_division_chooses_the_boundary_file():
    assert maps.map_file_for(datetime.date(2014, 12, 31))[1].name == "gemeente_2014.topojson"
    assert maps.map_file_for(datetime.date(2011, 1, 1))[1].name == "gemeente_2014.topojson"
    assert maps.map_file_for(datetime.date(2015, 1, 1))[1].name == "gemeente_2025.topojson"


@pytest.mark.django_db
def test_the_2014_map_has_the_403_municipalities_of_2014(english_messages):
    from bouwplaats.organisations.models import Municipality

    division = datetime.date(2014, 1, 1)
    codes = sorted(Municipality.objects.on(division).values_list("code", flat=True))
    projected = maps.map_for_division(division)
    assert projected.codes == codes
    assert len(codes) == 403

    html = maps.choropleth(
        division,
        {"GM0363": 2},
        ["niet gestart", "oriëntatie", "in gebruik"],
        title="Test",
        links={"GM0363": reverse("monitor:municipality-progress", args=["GM0363"])},
    )
    paths = re.findall(r'<path id="map-(GM\d{4})"', html)
    assert paths == codes
    assert html.count("<title") == 403 + 1
    assert "<title>Amsterdam: in gebruik</title>" in html
    assert "style=" not in html
    assert "1 January 2014 (403 municipalities)" in html
    assert html == maps.choropleth(
        division,
        {"GM0363": 2},
        ["niet gestart", "oriëntatie", "in gebruik"],
        title="Test",
        links={"GM0363": reverse("monitor:municipality-progress", args=["GM0363"])},
    )
    # Coordinates have at most one decimal.
    assert not re.search(r"\d\.\d\d", html)


def test_the_2025_map_has_342_municipalities():
    projected = maps.map_for_division(datetime.date(2022, 1, 1))
    assert len(projected.shapes) == 342
    assert "GM0363" in projected.codes
    assert projected.division == datetime.date(2025, 1, 1)


def test_parsing_happens_once_per_file():
    maps.load_map.cache_clear()
    first = maps.map_for_division(datetime.date(2014, 1, 1))
    second = maps.map_for_division(datetime.date(2013, 6, 1))
    assert first is second
    assert maps.load_map.cache_info().misses == 1
