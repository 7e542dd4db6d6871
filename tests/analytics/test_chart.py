"""The chart drawn as inline SVG: an image with a title and a description, its numbers in a
table for screen readers, every label escaped, the previous period faint, nothing loaded from
anywhere."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from inkwell.analytics.chart import (
    Point,
    count,
    labelled_steps,
    line_chart,
    nice_ceiling,
    sparkline,
    summary,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"


def points(*pairs: tuple[int, int]) -> list[Point]:
    return [Point(f"{n + 1} Dec", v, p, f"Day {n + 1}") for n, (v, p) in enumerate(pairs)]


def parsed(markup: str) -> ET.Element:
    """The markup as XML: it must be well formed (escaping done) to parse at all."""
    return ET.fromstring(markup)


def test_the_svg_is_an_image_labelled_by_its_title_and_description() -> None:
    figure = parsed(line_chart(points((1, 2), (3, 4)), title="Visitors", chart_id="c1"))
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert (title.get("id"), title.text) == ("c1-title", "Visitors")


def test_the_description_sums_up_the_numbers() -> None:
    text = summary(points((1, 2), (3, 9)), points((5, 5)))
    assert text == (
        "2 steps from Day 1 to Day 2: 4 visitors and 11 page views in all; "
        "most page views on Day 2 (9); 5 page views in the previous period."
    )


def test_the_description_leaves_out_visitors_that_add_up_to_no_one() -> None:
    text = summary(points((1, 2), (1, 9)), visitors_add_up=False)
    assert (
        text == "2 steps from Day 1 to Day 2: 11 page views in all; most page views on Day 2 (9)."
    )


def test_every_number_is_in_the_table_for_screen_readers() -> None:
    figure = parsed(line_chart(points((1, 2), (30, 40)), points((5, 6), (7, 8)), title="T"))
    table = figure.find("table")
    assert table is not None and table.get("class") == "visually-hidden"
    cells = [[cell.text for cell in row] for row in table.iter("tr")][1:]
    assert cells == [["Day 1", "1", "2", "5", "6"], ["Day 2", "30", "40", "7", "8"]]


def test_every_label_is_escaped() -> None:
    hostile = [Point(HOSTILE, 1, 2, HOSTILE)]
    markup = line_chart(hostile, title=HOSTILE, chart_id='x" onload="y')
    assert "<script>" not in markup and 'onload="y"' not in markup
    figure = parsed(markup)  # well formed: nothing broke out of its attribute or element
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.find(f"{SVG}title").text == HOSTILE  # type: ignore[union-attr]
    assert figure.find("table/tbody/tr/th").text == HOSTILE  # type: ignore[union-attr]


def test_the_previous_period_is_a_faint_dashed_line_cut_to_the_same_length() -> None:
    figure = parsed(line_chart(points((1, 1), (2, 2)), points((1, 1), (2, 2), (9, 9)), title="T"))
    lines = list(figure.iter(f"{SVG}polyline"))
    faint = [line for line in lines if line.get("stroke-dasharray")]
    assert len(lines) == 4 and len(faint) == 2
    assert all(float(line.get("stroke-opacity", "1")) < 1 for line in faint)
    assert all(len(line.get("points", "").split()) == 2 for line in lines)


def test_without_a_previous_period_there_is_no_faint_line_nor_its_legend() -> None:
    markup = line_chart(points((1, 1)), title="T")
    assert 'stroke-dasharray="5 4" stroke-opacity="0.45"' not in markup
    assert "Previous period" not in markup


def test_nothing_is_loaded_from_elsewhere() -> None:
    markup = line_chart(points((1, 2)), points((1, 1)), title="T") + sparkline([1], label="s")
    assert "<script" not in markup and "href" not in markup and "@font-face" not in markup
    assert markup.count("http://") == markup.count('xmlns="http://www.w3.org/2000/svg"')


def test_an_empty_range_still_draws_an_axis() -> None:
    figure = parsed(line_chart([], title="Nothing"))
    desc = figure.find(f"{SVG}svg/{SVG}desc")
    assert desc is not None and desc.text == "No steps in this range."
    assert list(figure.iter(f"{SVG}line"))


@pytest.mark.parametrize(
    ("highest", "expected"),
    [(0, (4, 1)), (3, (3, 1)), (7, (8, 2)), (10, (10, 5)), (130, (150, 50)), (999, (1000, 500))],
)
def test_the_axis_tops_out_at_a_round_number(highest: int, expected: tuple[int, int]) -> None:
    assert nice_ceiling(highest) == expected


def test_the_axis_has_at_most_five_labels_and_reaches_the_highest_value() -> None:
    for highest in range(0, 5000, 7):
        top, step = nice_ceiling(highest)
        assert top >= highest and top // step <= 5


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (1234, "1,234"), (12_345, "12.3k"), (40_000, "40k"), (4_500_000, "4.5M")],
)
def test_axis_numbers_are_short(value: int, shown: str) -> None:
    assert count(value) == shown


@pytest.mark.parametrize(
    ("steps", "chosen"),
    [
        (0, []),
        (1, [0]),
        (5, [0, 1, 2, 3, 4]),
        (30, [0, 5, 10, 15, 20, 25, 29]),
        (31, [0, 5, 10, 15, 20, 25, 30]),
        (365, [0, 52, 104, 156, 208, 260, 312, 364]),
    ],
)
def test_the_first_and_last_steps_are_always_labelled(steps: int, chosen: list[int]) -> None:
    assert labelled_steps(steps) == chosen


def test_the_axis_never_has_more_than_eight_date_labels() -> None:
    assert max(len(labelled_steps(steps)) for steps in range(400)) == 8


def test_a_sparkline_is_a_labelled_image_listing_its_values() -> None:
    svg = parsed(sparkline([0, 3, 1], label=HOSTILE))
    assert (svg.get("role"), svg.get("aria-label")) == ("img", HOSTILE)
    assert svg.find(f"{SVG}desc").text == "0, 3, 1"  # type: ignore[union-attr]
    line = svg.find(f"{SVG}polyline")
    assert line is not None and len(line.get("points", "").split()) == 3
