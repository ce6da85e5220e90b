"""How a figure is assembled: the cheaper steps the builders take give the figure plotly's own steps give.

The builders add a loop's annotations and shapes in one step and set the template without validating it again
(plotly's per-call validation was most of a chart's build time); these tests hold each step to the figure that
plotly's ``add_annotation``, ``add_hrect`` and a validated template give. Fast: one small figure each.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from chart_frames import varied_frame
from timeline import charts
from timeline.charts import CHARTS

NOTES = [dict(text="first", x=1, y=2, xref="x", yref="y", showarrow=False, name="label"),
         dict(text="<b>second</b>", x=0, xref="paper", y=0.5, yref="paper", xanchor="left",
              font=dict(size=12, color="#222222"))]


def test_annotations_added_in_one_step_are_those_of_one_add_annotation_each():
    one_by_one, at_once = go.Figure(), go.Figure()
    for fig in (one_by_one, at_once):
        fig.add_annotation(text="already there", x=0, y=0)
    for note in NOTES:
        one_by_one.add_annotation(**note)
    charts._add_annotations(at_once, [dict(n) for n in NOTES])
    assert at_once.to_json() == one_by_one.to_json()
    charts._add_annotations(at_once, [])
    assert at_once.to_json() == one_by_one.to_json()


def test_lane_shading_is_what_add_hrect_draws():
    """The statements chart shades every other lane with shapes of its own making: each is the shape
    ``add_hrect`` draws over the same lane."""
    fig = CHARTS["statements"].build(varied_frame())
    shapes = [s for s in fig.layout.shapes if s.fillcolor == "rgba(0,0,0,0.035)"]
    assert len(shapes) >= 2  # the varied frame has several lanes
    reference = go.Figure()
    for s in shapes:
        reference.add_hrect(y0=s.y0, y1=s.y1, fillcolor="rgba(0,0,0,0.035)", line_width=0, layer="below")
    assert [s.to_plotly_json() for s in shapes] == [s.to_plotly_json() for s in reference.layout.shapes]


def test_the_template_set_without_validation_is_the_validated_one_and_validation_stays_on():
    fig = charts._empty("A title", varied_frame(), "records")  # through _base_layout
    validated = go.Figure(layout=dict(template=charts._TEMPLATE))
    assert fig.layout.template.to_plotly_json() == validated.layout.template.to_plotly_json()
    with pytest.raises(ValueError):  # the layout validates again after the template was set
        fig.update_layout(height="tall")
    with pytest.raises(ValueError):
        fig.update_layout(no_such_property=1)


def test_a_panels_pixel_frame_read_once_is_the_one_read_each_time():
    fig = CHARTS["deployments"].build(varied_frame())
    geometry = charts._geometries(fig, charts.LAYOUT_WIDTH)
    for xref, yref in (("x", "y"), ("x2", "y2")):
        at, area = charts.plot_geometry(fig, xref, yref, charts.LAYOUT_WIDTH)
        cached_at, cached_area = geometry(xref, yref)
        assert cached_area == area
        y = fig.layout.yaxis2.categoryarray[0] if yref == "y2" else 1000.0
        assert cached_at("2024-10-18", y) == at("2024-10-18", y)
    assert geometry("x", "y") is geometry("x", "y")  # read once
