"""A map's geometry (kinds/map/geometry.py), pure: no dataset, no figure, checked against
distances and shapes worked out by hand."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
import shapely

from explainer.kinds.map import geometry

BOX = (35.0, 36.0, 51.0, 52.0)  # one degree each way, about Sudzha's latitude


def test_ratio_makes_a_kilometre_as_long_north_south_as_east_west():
    assert geometry.ratio(-1.0, 1.0) == pytest.approx(1.0)
    assert geometry.ratio(59.0, 61.0) == pytest.approx(2.0)  # cos 60° = 1/2
    lat0, lat1 = 51.0, 52.0
    # a degree of latitude on screen is `ratio` times a degree of longitude: the same km each way
    km_x = geometry.km_per_degree_lon((lat0 + lat1) / 2)
    assert km_x * geometry.ratio(lat0, lat1) == pytest.approx(geometry.KM_PER_DEGREE)


def test_km_between_points_on_the_flat_projection():
    assert geometry.km((35.0, 51.0), (35.0, 52.0)) == pytest.approx(111.32)
    east = geometry.km((35.0, 60.0), (36.0, 60.0))
    assert east == pytest.approx(111.32 / 2, rel=1e-9)
    assert geometry.km((35.0, 51.0), (36.0, 52.0)) == pytest.approx(
        math.hypot(geometry.km_per_degree_lon(51.5), 111.32)
    )


def test_side_tells_left_from_right_and_gives_the_distance_to_the_nearest_segment():
    line = [(0.0, 0.0), (0.0, 1.0), (0.0, 2.0)]  # due north along the equator's meridian
    left, dist = geometry.side((-0.1, 1.5), line)
    right, _ = geometry.side((0.1, 0.5), line)
    assert left > 0 > right
    assert dist == pytest.approx(0.1 * geometry.KM_PER_DEGREE * math.cos(math.radians(1.5)))
    _, beyond = geometry.side((0.0, 3.0), line)  # past the end: the distance to the end point
    assert beyond == pytest.approx(geometry.KM_PER_DEGREE)


@pytest.mark.parametrize(
    "points",
    [
        [(35.0, 51.0), (37.0, 51.05)],  # a strip east-west: grown north and south
        [(35.0, 50.0), (35.05, 52.0)],  # a tower: grown east and west
        [(35.2, 51.2), (35.8, 51.7), (35.5, 51.4)],
    ],
)
def test_frame_holds_every_point_with_a_margin_and_keeps_a_readable_aspect(points):
    lon0, lon1, lat0, lat1 = geometry.frame(points)
    for x, y in points:
        assert lon0 < x < lon1 and lat0 < y < lat1
    aspect = (lat1 - lat0) * geometry.ratio(lat0, lat1) / (lon1 - lon0)
    assert 0.5 - 1e-9 <= aspect <= 1.1 + 1e-9


def test_grown_moves_only_the_side_named():
    lon0, lon1, lat0, lat1 = BOX
    assert geometry.grown(BOX, "north", 0.5) == (lon0, lon1, lat0, lat1 + 0.5)
    assert geometry.grown(BOX, "south", 0.5) == (lon0, lon1, lat0 - 0.5, lat1)
    assert geometry.grown(BOX, "west", 0.25) == (lon0 - 0.25, lon1, lat0, lat1)
    assert geometry.grown(BOX, "east", 0.25) == (lon0, lon1 + 0.25, lat0, lat1)


def test_plot_height_follows_the_aspect_within_bounds():
    wide = (30.0, 40.0, 51.0, 51.5)
    tall = (35.0, 35.1, 50.0, 53.0)
    assert geometry.plot_height(wide) == 280
    assert geometry.plot_height(tall) == 440
    square_on_screen = (35.0, 36.0, 51.0, 51.0 + 0.75 / geometry.ratio(51.0, 51.4))
    assert 300 < geometry.plot_height(square_on_screen) < 340  # 440 × 0.75 on screen, give or take


def test_claim_marks_sit_in_a_row_above_the_place_centred_on_it():
    marks = [geometry.claim_mark(35.5, 51.5, i, 3, BOX) for i in range(3)]
    xs = [x for x, _ in marks]
    assert xs == sorted(xs) and xs[1] == pytest.approx(35.5)
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    assert all(y > 51.5 for _, y in marks) and len({y for _, y in marks}) == 1
    assert geometry.claim_mark(35.5, 51.5, 0, 1, BOX)[0] == 35.5


def test_scale_km_is_a_round_number_of_at_most_a_quarter_of_the_width():
    km = geometry.scale_km(BOX)
    width = (BOX[1] - BOX[0]) * geometry.km_per_degree_lon(51.5)  # about 69 km
    assert km in geometry.NICE_KM and km <= width / 4
    assert geometry.NICE_KM[geometry.NICE_KM.index(km) + 1] > width / 4
    assert geometry.scale_km((35.0, 35.001, 51.0, 51.001)) == geometry.NICE_KM[0]  # never no bar


def test_clip_keeps_runs_near_the_box_and_breaks_lines_between_them():
    far = 50.0
    line = [(35.5, 51.5), (35.6, 51.6), (far, 51.6), (far, 51.7), (35.7, 51.7)]
    xs, ys = geometry.clip([line], BOX)
    # the run near the box ends with the first far point; the far stretch is left out
    assert xs == [35.5, 35.6, far, None, far, 35.7]
    assert ys == [51.5, 51.6, 51.6, None, 51.7, 51.7]
    assert geometry.clip([[(far, 0.0), (far + 1, 0.0)]], BOX) == ([], [])


def test_spots_are_the_corners_and_edge_middles_inside_the_box():
    spots = geometry.spots(BOX)
    assert len(spots) == 8 and "middle center" not in spots
    for x, y in spots.values():
        assert BOX[0] < x < BOX[1] and BOX[2] < y < BOX[3]
    assert spots["top left"][0] < spots["top right"][0] and spots["bottom left"][1] < spots["top left"][1]


def test_country_names_go_on_their_own_side_of_the_border_clear_of_places():
    # a border due north through the box's middle: Russia to its left (west), Ukraine to its right
    border = SimpleNamespace(left="Russia", right="Ukraine", lines=[[(35.5, 50.0), (35.5, 53.0)]])
    named = geometry.country_spots(border, [], BOX)
    sides = {country: point for country, _, point in named}
    assert sides["Russia"][0] < 35.5 < sides["Ukraine"][0]
    # a place in every western spot: no clear spot for Russia's name there
    west = [point for corner, point in geometry.spots(BOX).items() if corner.endswith("left")]
    assert [country for country, _, _ in geometry.country_spots(border, west, BOX)] == ["Ukraine"]
    # never in the inset's corner
    corners = {corner for _, corner, _ in geometry.country_spots(border, [], BOX, inset="top right")}
    assert "top right" not in corners


def test_an_inset_hides_what_lies_in_its_corner_only():
    reach = 0.36
    marks = [(35.9, 51.1), (35.1, 51.9)]  # one bottom right, one top left
    river = [[(35.0, 51.05), (36.0, 51.05)]]  # along the bottom edge
    bottom_right = geometry.hidden_by_inset(BOX, "bottom right", reach, marks, river, None)
    top_right = geometry.hidden_by_inset(BOX, "top right", reach, marks, river, None)
    assert bottom_right[0] == 1 and top_right[0] == 0
    assert bottom_right[2] == pytest.approx(reach) and top_right[2] == 0
    # an area filling the box's top right corner: all of the inset's share of the box is covered
    corner = geometry.inset_region(BOX, "top right", reach).intersection(shapely.box(35.0, 51.0, 36.0, 52.0))
    assert geometry.hidden_by_inset(BOX, "top right", reach, [], [], corner)[1] == pytest.approx(1.0)
    assert geometry.hidden_by_inset(BOX, "bottom left", reach, [], [], corner)[1] == 0
