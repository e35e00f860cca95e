# SPDX-License-Identifier: EUPL-1.2
"""Choropleth maps of the municipalities as server-side SVG, from the TopoJSON boundaries in ``data/kaarten``.

A TopoJSON file stores each boundary line once, as an *arc*: a list of quantized points, each but
the first a difference from the one before. A polygon ring lists the arcs it is made of; a
negative index ``~i`` means arc ``i`` walked backwards. ``decode_topology`` turns a file into
rings of longitude/latitude points; ``project`` puts them on the plane (equirectangular, the
longitude scaled by cos 52.2°, which keeps the Netherlands in proportion) and fits them into a
view box. Both run once per file per process (``load_map``), so that drawing a map is only
string assembly: one ``<path>`` per municipality, coloured by a class per category, with a
``<title>`` that names the municipality and its value.

The municipal division decides which boundaries are drawn: the file of 1 January 2014 (the 403
municipalities of Operatie NUP) before 2015, the file of 1 January 2025 after.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Point = tuple[float, float]
Ring = list[Point]

# The boundary files and the divisions they show; the last one whose date is on or before the
# requested division date is used (the earliest one for dates before all of them).
MAP_FILES: list[tuple[datetime.date, str]] = [
    (datetime.date(2014, 1, 1), "gemeente_2014.topojson"),
    (datetime.date(2025, 1, 1), "gemeente_2025.topojson"),
]
# Divisions before this date are drawn with the 2014 boundaries.
SECOND_MAP_FROM = datetime.date(2015, 1, 1)

PARALLEL = 52.2  # degrees north: the middle of the Netherlands
WIDTH = 500.0  # the width of the view box; the height follows from the shape of the country
MARGIN = 2.0
# Classes bp-map__c0 … bp-map__c9 in bouwplaats.css: light to dark, the stops of ui.charts.SEQUENTIAL,
# chosen for a number of categories as ui.charts.sequential_palette does, so maps and charts agree.
PALETTE_STEPS = 10


@dataclass(frozen=True)
class Feature:
    """One geometry of a TopoJSON file: a code, a name and its polygons (each a list of rings)."""

    code: str
    name: str
    polygons: list[list[Ring]]


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str  # the SVG path data, in view-box coordinates


@dataclass(frozen=True)
class ProjectedMap:
    division: datetime.date
    width: float
    height: float
    shapes: tuple[Shape, ...]

    @property
    def codes(self) -> list[str]:
        return [shape.code for shape in self.shapes]

    @property
    def view_box(self) -> str:
        return f"0 0 {_number(self.width)} {_number(self.height)}"


# --- decoding --------------------------------------------------------------------------------


def decode_arcs(topology: Mapping) -> list[list[Point]]:
    """Every arc as absolute longitude/latitude points (delta decoding, then the transform)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_rest in arc])
            continue
        (scale_x, scale_y), (translate_x, translate_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_rest in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def assemble_ring(arcs: Sequence[Sequence[Point]], indexes: Iterable[int]) -> Ring:
    """A closed ring from arc indexes; ``~i`` (negative) is arc ``i`` reversed.

    Consecutive arcs share their meeting point, which is kept once.
    """
    ring: Ring = []
    for index in indexes:
        points = list(arcs[~index])[::-1] if index < 0 else list(arcs[index])
        ring.extend(points[1:] if ring else points)
    return ring


def decode_topology(topology: Mapping, *, object_name: str | None = None, code_property: str = "statcode"):
    """The features of one object of a topology (the first object when no name is given)."""
    objects = topology["objects"]
    collection = objects[object_name] if object_name else next(iter(objects.values()))
    arcs = decode_arcs(topology)
    features = []
    for geometry in collection["geometries"]:
        properties = geometry.get("properties") or {}
        code = str(properties.get(code_property) or geometry.get("id") or "").strip()
        name = str(properties.get("statnaam") or properties.get("name") or code).strip()
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue  # points and lines have no area to colour
        features.append(
            Feature(
                code=code,
                name=name,
                polygons=[[assemble_ring(arcs, ring) for ring in polygon] for polygon in polygons],
            )
        )
    return features


# --- projection ------------------------------------------------------------------------------


def _number(value: float) -> str:
    """A coordinate with one decimal, without a trailing ".0" (and never "-0")."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def project(features: Sequence[Feature], *, division: datetime.date, width: float = WIDTH) -> ProjectedMap:
    """Fit the features into a view box ``width`` wide, north up, with path data per feature."""
    factor = math.cos(math.radians(PARALLEL))
    points = [(lon * factor, lat) for f in features for polygon in f.polygons for ring in polygon for lon, lat in ring]
    if not points:
        return ProjectedMap(division=division, width=width, height=0.0, shapes=())
    min_x = min(x for x, _y in points)
    max_x = max(x for x, _y in points)
    min_y = min(y for _x, y in points)
    max_y = max(y for _x, y in points)
    scale = (width - 2 * MARGIN) / (max_x - min_x) if max_x > min_x else 1.0
    height = round((max_y - min_y) * scale + 2 * MARGIN, 1)
    shapes = []
    for feature in features:
        parts = []
        for polygon in feature.polygons:
            for ring in polygon:
                coordinates = []
                previous = None
                for lon, lat in ring:
                    point = (
                        _number(MARGIN + (lon * factor - min_x) * scale),
                        _number(MARGIN + (max_y - lat) * scale),
                    )
                    if point != previous:
                        coordinates.append(point)
                    previous = point
                if coordinates and coordinates[0] == coordinates[-1]:
                    coordinates.pop()
                if len(coordinates) < 3:
                    continue  # too small to see at this scale
                first, *rest = coordinates
                parts.append(f"M{first[0]} {first[1]}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z")
        shapes.append(Shape(code=feature.code, name=feature.name, d="".join(parts)))
    shapes.sort(key=lambda shape: shape.code)
    return ProjectedMap(division=division, width=width, height=height, shapes=tuple(shapes))


# --- the boundary files ------------------------------------------------------------------------


def map_file_for(division: datetime.date) -> tuple[datetime.date, Path]:
    """The boundary file for a municipal division: 2014 before 2015, 2025 from then on."""
    chosen_date, name = MAP_FILES[0] if division < SECOND_MAP_FROM else MAP_FILES[-1]
    return chosen_date, Path(settings.REFERENCE_DATA_DIR) / "kaarten" / name


@functools.lru_cache(maxsize=8)
def load_map(path: str, division: datetime.date) -> ProjectedMap:
    """Read, decode and project one TopoJSON file (once per file per process)."""
    with open(path, encoding="utf-8") as file:
        topology = json.load(file)
    return project(decode_topology(topology), division=division)


def map_for_division(division: datetime.date) -> ProjectedMap:
    file_date, path = map_file_for(division)
    return load_map(str(path), file_date)


# --- drawing ---------------------------------------------------------------------------------


def palette_class(index: int, count: int) -> str:
    """The colour class of category ``index`` of ``count``, spread over the sequential palette."""
    step = PALETTE_STEPS - 3 if count <= 1 else round(index * (PALETTE_STEPS - 1) / (count - 1))
    return f"bp-map__c{step}"


def choropleth(
    division: datetime.date,
    values: Mapping[str, int],
    categories: Sequence[str],
    *,
    title: str,
    links: Mapping[str, str] | None = None,
    map_id: str = "map",
    no_data_label: str | None = None,
    projected: ProjectedMap | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> SafeString:
    """A map of the municipalities coloured by category, with its legend, as a ``<figure>``.

    ``values`` maps a CBS code (``GM0363``) to the index of its category in ``categories`` (in
    order, lowest first); municipalities without a value are hatched as "no data". ``links`` maps
    codes to URLs: those areas become links (keyboard focusable, named after the municipality and
    its value). ``descriptions`` replaces the category label in an area's title
    where given. ``map_id`` prefixes the ids in the SVG; use a different one for each map on a page.
    """
    projected = projected or map_for_division(division)
    no_data_label = no_data_label if no_data_label is not None else _("no data")
    links = links or {}
    count = len(categories)
    category_labels = [escape(label) for label in categories]
    classes = [palette_class(index, count) for index in range(count)]
    no_data_text = escape(no_data_label)
    map_id = escape(map_id)
    pattern = f"{map_id}-nodata"

    areas = []
    for shape in projected.shapes:
        index = values.get(shape.code)
        known = index is not None and 0 <= index < count
        label = category_labels[index] if known else no_data_text
        if descriptions and shape.code in descriptions:
            label = escape(descriptions[shape.code])
        name = escape(shape.name)
        fill = f'class="bp-map__area {classes[index]}"' if known else f'class="bp-map__area" fill="url(#{pattern})"'
        path = (
            f'<path id="{map_id}-{shape.code}" data-code="{shape.code}" '
            f'data-category="{index if known else ""}" {fill} d="{shape.d}">'
            f"<title>{name}: {label}</title></path>"
        )
        url = links.get(shape.code)
        if url:
            path = f'<a href="{escape(url)}" aria-label="{name}: {label}">{path}</a>'
        areas.append(path)

    has_links = bool(links)
    title_id = f"{map_id}-title"
    role = f'role="group" aria-labelledby="{title_id}"' if has_links else f'role="img" aria-labelledby="{title_id}"'
    svg = (
        f'<svg class="bp-map__svg" xmlns="http://www.w3.org/2000/svg" viewBox="{projected.view_box}" {role}>'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<defs><pattern id="{pattern}" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect class="bp-map__nodata" width="4" height="4"/>'
        f'<path class="bp-map__hatch" d="M0 4L4 0M-1 1L1 -1M3 5L5 3"/></pattern></defs>'
        f'<g class="bp-map__areas">{"".join(areas)}</g></svg>'
    )

    swatch = (
        '<li><svg class="bp-map__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        '{} width="16" height="16"/></svg> {}</li>'
    )
    legend_items = [
        swatch.format(f'<rect class="{css}"', label) for css, label in zip(classes, category_labels, strict=True)
    ]
    legend_items.append(swatch.format(f'<rect fill="url(#{pattern})"', no_data_text))
    division_text = escape(
        ngettext(
            "Boundaries: the municipal division of %(date)s (%(count)d municipality). Source: CBS / PDOK.",
            "Boundaries: the municipal division of %(date)s (%(count)d municipalities). Source: CBS / PDOK.",
            len(projected.shapes),
        )
        % {"date": date_format(projected.division, "j F Y"), "count": len(projected.shapes)}
    )
    legend_title = escape(_("Legend"))
    figure = (
        f'<figure class="bp-map" id="{map_id}">{svg}'
        f'<figcaption class="bp-map__legend"><p class="bp-map__legend-title">{legend_title}</p>'
        f'<ul class="bp-map__legend-items">{"".join(legend_items)}</ul>'
        f'<p class="bp-map__division">{division_text}</p></figcaption></figure>'
    )
    return mark_safe(figure)  # noqa: S308 - every text above is escaped
