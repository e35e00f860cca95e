# SPDX-License-Identifier: EUPL-1.2
"""The SVG charts: well-formed, named for assistive technology, deterministic, no inline styles."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from bouwplaats.ui.charts import (
    bar_chart,
    categorical_palette,
    format_value,
    line_chart,
    sequential_palette,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = ["niet gestart", "oriëntatie", "in gebruik"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output


def all_attributes(root: ET.Element) -> set[str]:
    return {name for element in root.iter() for name in element.attrib}


def assert_accessible(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert "viewBox" in root.attrib
    title_element = root.find(f"{SVG}title")
    desc_element = root.find(f"{SVG}desc")
    assert title_element is not None and title_element.text == title
    assert desc_element is not None
    assert root.get("aria-labelledby") == f"{title_element.get('id')} {desc_element.get('id')}"
    assert "style" not in all_attributes(root)
    assert root.find(f".//{SVG}script") is None


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_stacked_bar_chart_structure():
    svg = stacked_bar_chart(
        [("BRP", [3, 2, 5]), ("BAG <&>", [0, 1, 9])], LEVELS, title="Distribution", description="Levels per block"
    )
    root = parse(svg)
    assert_accessible(root, "Distribution")
    rows = root.findall(f".//{SVG}g[@class='bp-chart__row']")
    assert len(rows) == 2
    # One segment per non-zero value, each named with its row, series and value.
    segments = root.findall(f".//{SVG}rect[@class='bp-chart__segment']")
    assert len(segments) == 5
    assert segments[0].find(f"{SVG}title").text == "BRP – niet gestart: 3"
    # The label is escaped, not interpreted.
    assert "BAG &lt;&amp;&gt;" in svg
    # Totals at the end of each bar.
    totals = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "bp-chart__total"]
    assert totals == ["10", "10"]
    # Every series has its own pattern, used by the legend too.
    patterns = root.findall(f".//{SVG}pattern")
    assert len(patterns) == 3
    assert len({pattern.get("id") for pattern in patterns}) == 3
    legend = root.find(f".//{SVG}g[@class='bp-chart__legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == LEVELS
    fills = {rect.get("fill") for rect in legend.iter(f"{SVG}rect")}
    assert fills == {f"url(#{pattern.get('id')})" for pattern in patterns}


def test_stacked_bar_chart_normalises_rows_to_full_width():
    root = parse(stacked_bar_chart([("A", [1, 1, 2]), ("B", [0, 0, 8])], LEVELS, title="T"))
    widths = {}
    for row in root.findall(f".//{SVG}g[@class='bp-chart__row']"):
        label = row.find(f"{SVG}text").text
        widths[label] = sum(float(rect.get("width")) for rect in row.findall(f"{SVG}rect"))
    assert widths["A"] == pytest.approx(widths["B"])
    # Without normalising, bars scale with their totals.
    root = parse(stacked_bar_chart([("A", [1, 1, 2]), ("B", [0, 0, 8])], LEVELS, title="T", normalise=False))
    rows = root.findall(f".//{SVG}g[@class='bp-chart__row']")
    a, b = (sum(float(rect.get("width")) for rect in row.findall(f"{SVG}rect")) for row in rows)
    assert b == pytest.approx(2 * a)


def test_stacked_bar_chart_rejects_mismatched_rows():
    with pytest.raises(ValueError, match="3 series"):
        stacked_bar_chart([("A", [1, 2])], LEVELS, title="T")


def test_charts_are_deterministic_and_ids_differ_per_chart():
    first = stacked_bar_chart([("A", [1, 2, 3])], LEVELS, title="One")
    assert first == stacked_bar_chart([("A", [1, 2, 3])], LEVELS, title="One")
    second = stacked_bar_chart([("A", [1, 2, 3])], LEVELS, title="Two")
    assert parse(first).find(f"{SVG}title").get("id") != parse(second).find(f"{SVG}title").get("id")


def test_bar_chart():
    svg = bar_chart([("BRP", 50), ("BAG", None), ("BGT", 100)], title="Top level", max_value=100)
    root = parse(svg)
    assert_accessible(root, "Top level")
    bars = root.findall(f".//{SVG}rect[@class='bp-chart__bar']")
    assert len(bars) == 2  # none for the missing value
    assert float(bars[1].get("width")) == pytest.approx(2 * float(bars[0].get("width")))
    values = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "bp-chart__total"]
    assert values == ["50", "–", "100"]


def test_line_chart():
    months = [f"2013-{month:02}" for month in range(1, 13)]
    series = [("BRP", [month * 5 for month in range(12)]), ("BAG", [None, None, *range(10)])]
    svg = line_chart(months, series, title="Trend", description="Share at the top level", y_max=100)
    root = parse(svg)
    assert_accessible(root, "Trend")
    groups = root.findall(f".//{SVG}g[@class='bp-chart__series']")
    assert [group.find(f"{SVG}title").text for group in groups] == ["BRP", "BAG"]
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == 2
    assert len(lines[0].get("points").split()) == 12
    assert len(lines[1].get("points").split()) == 10  # the gap is not drawn
    # Lines differ by dash too, not only by colour; each ends with its label and last value.
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    ends = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "bp-chart__end-label"]
    assert ends == ["BRP (55)", "BAG (9)"]
    with pytest.raises(ValueError):
        line_chart(months, [("X", [1])], title="T")


def test_line_chart_thins_x_labels():
    months = [f"m{index}" for index in range(36)]
    root = parse(line_chart(months, [("A", list(range(36)))], title="T", max_x_labels=12))
    axis = root.find(f".//{SVG}g[@class='bp-chart__axis']")
    shown = [text.text for text in axis.iter(f"{SVG}text") if text.text.startswith("m")]
    assert len(shown) <= 13
    assert shown[0] == "m0" and shown[-1] == "m35"


def test_palettes_and_formatting():
    assert len(sequential_palette(6)) == 6
    assert len(set(sequential_palette(6))) == 6
    assert categorical_palette(9)[8] == categorical_palette(9)[0]
    assert format_value(3) == "3"
    assert format_value(12.345) == "12.3"
    with translation.override("nl"):
        assert format_value(12.345) == "12,3"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_numbers_read_as_djangos_number_format(language):
    from decimal import Decimal

    from django.utils import formats

    values = [0, 7, -3, 10**20 + 1, 2.0, 12.345, -0.04, 0.05, 99.95, 1234567.891, Decimal("1500.00"), Decimal("2.25")]
    with translation.override(language):
        for value in values:
            for decimals in (None, 0, 1, 2):
                places = decimals if decimals is not None else (0 if float(value).is_integer() else 1)
                expected = formats.number_format(round(value, places), decimal_pos=places)
                assert format_value(value, decimals) == expected, (value, decimals)


def _axis_texts(svg) -> list[str]:
    axis = parse(svg).find(f"{SVG}g[@class='bp-chart__axis']")
    return [text.text for text in axis.iter(f"{SVG}text")]


@pytest.mark.parametrize("largest", [0, 1, 2, 3, 7, 13, 48])
def test_counts_have_whole_numbers_on_the_axis(largest):
    line = line_chart(["2013-05", "2013-06"], [("Vragen", [0, largest])], title="t", whole_numbers=True)
    bar = bar_chart([("a", largest)], title="t", whole_numbers=True)
    for ticks in (_axis_texts(line)[:-2], _axis_texts(bar)):  # the line chart's last two are the months
        assert ticks[0] == "0" and all(tick.isdigit() for tick in ticks)
        assert int(ticks[-1]) >= largest and len(ticks) <= 6
    # Without it the axis of two questions has half questions (0,5 … 1,5).
    assert "0.5" in _axis_texts(line_chart(["a", "b"], [("x", [0, 2])], title="t"))
