"""Every dashboard chart, defined once with Bokeh. The only module that imports bokeh.

Each chart's data source is named after `chartdata.SOURCES`, and each factor
range after `chartdata.RANGES`, so a front end can find them and fill them.
No CustomJS (it would need 'unsafe-eval'): controls are wired by the page.
"""
from __future__ import annotations

import weakref

from bokeh.models import (
    ColumnDataSource,
    DatetimeTickFormatter,
    FactorRange,
    FixedTicker,
    HoverTool,
    LinearColorMapper,
    NumeralTickFormatter,
    Range1d,
    SingleIntervalTicker,
    Span,
)
from bokeh.plotting import figure

from ...figures.insights import PRICE_BANDS
from ..chartdata import GAIN, LOSS, RANGES, SOURCES, WEEKDAYS

_TOOLS = "xpan,xwheel_zoom,reset"
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
#: Pixels left of a plot's frame for its axis labels: room for "-$140,000" and for most
#: category names, so that a filter change seldom changes the plots' layout (the site cuts
#: longer category names to fit). Below a breakdown's frame: room for its money axis, with
#: or without labels, so that an empty chart has the layout of a full one.
MONEY_SPACE, LABEL_SPACE, AXIS_SPACE = 70, 150, 32


def _source(name: str) -> ColumnDataSource:
    return ColumnDataSource({c: [] for c in SOURCES[name]}, name=name)


def _style(fig, money_axis: str = "y"):
    fig.toolbar.logo = None
    fig.toolbar.autohide = True
    fig.outline_line_color = None
    fig.background_fill_color = None
    fig.border_fill_color = None
    for axis in (fig.xaxis, fig.yaxis):
        axis.axis_label_text_font = _FONT
        axis.major_label_text_font = _FONT
        axis.major_label_text_font_size = "11px"
    fig.title.text_font = _FONT
    fig.title.text_font_size = "14px"
    if money_axis == "none":
        return fig
    money = fig.yaxis if money_axis == "y" else fig.xaxis
    money.formatter = NumeralTickFormatter(format="$0,0")
    fig.add_layout(Span(location=0, dimension="width" if money_axis == "y" else "height",
                        line_color="#888", line_width=1))
    return fig


def _legend_above(fig):
    """The legend in a row above the plot, so it never hides data on a narrow screen."""
    legend = fig.legend[0]
    legend.orientation = "horizontal"
    legend.label_text_font_size = "11px"
    legend.spacing = 12
    legend.padding = 2
    legend.border_line_color = None
    fig.add_layout(legend, "above")
    return fig


def _time_axis(fig):
    fig.xaxis.formatter = DatetimeTickFormatter(days="%d %b", months="%b %y", years="%Y")
    fig.xaxis.ticker.desired_num_ticks = 5
    return fig


def pnl_chart():
    """Profit per period (bars up for a gain, down for a loss) and the cumulative line."""
    source, swing = _source("pnl"), _source("swing")
    fig = figure(name="pnl_chart", title="Profit and loss over time", x_axis_type="datetime",
                 height=320, sizing_mode="stretch_width", tools=_TOOLS)
    bars = fig.vbar(x="x", top="profit", width="width", source=source, fill_color="color",
                    line_color="color", legend_label="Profit in period")
    fig.line(x="x", y="cumulative", source=source, line_width=2, color="#1f4e99",
             legend_label="Running total")
    fig.scatter(x="x", y="y", source=swing, size=10, marker="diamond", color="#e6a100",
                line_color="#333", legend_label="Biggest swings")
    fig.add_tools(HoverTool(renderers=[bars], tooltips=[("", "@label")]))
    fig.min_border_left = MONEY_SPACE
    return _style(_time_axis(_legend_above(fig)))


def cash_chart():
    """Deposits (up) against withdrawals (down) per month."""
    source = _source("cash")
    fig = figure(name="cash_chart", title="Per period", x_axis_type="datetime",
                 height=260, sizing_mode="stretch_width", tools=_TOOLS)
    deposits = fig.vbar(x="x_in", top="deposits", width="width", source=source, color="#1f4e99",
                        legend_label="Deposits")
    withdrawals = fig.vbar(x="x_out", top="withdrawals", width="width", source=source, color="#7a9cc6",
                           hatch_pattern="x", hatch_color="white", legend_label="Withdrawals")
    fig.add_tools(HoverTool(renderers=[deposits, withdrawals], tooltips=[("", "@label")]))
    fig.min_border_left = MONEY_SPACE
    return _style(_time_axis(_legend_above(fig)))


def breakdown_chart(dimension: str, title: str):
    """Profit per sport, competition, team, market or bet type (top by turnover)."""
    name = f"breakdown_{dimension}"
    source = _source(name)
    fig = figure(name=f"{name}_chart", title=title, height=340, sizing_mode="stretch_width",
                 y_range=FactorRange(name=RANGES[name]), tools="", toolbar_location=None)
    bars = fig.hbar(y="key", right="profit", height=0.7, source=source, fill_color="color",
                    line_color="color")
    fig.add_tools(HoverTool(renderers=[bars], tooltips=[("", "@name: @label, @bets bets")]))
    fig.ygrid.grid_line_color = None
    # A fixed column for the category names (wide enough for most; the site narrows it on a
    # phone): new categories then repaint the plot without laying it out again.
    fig.min_border_left = LABEL_SPACE
    fig.min_border_bottom = AXIS_SPACE
    fig.xaxis.ticker.desired_num_ticks = 4   # dollar labels that do not run into each other on a phone
    return _style(fig, money_axis="x")


#: The comparison's lines: the period solid, the one it is set against dashed (the page's
#: swatches beside each period's dates say which is which, in place of a legend too wide for a phone).
COMPARE_LINES = {"compare_a": ("#1f4e99", "solid"), "compare_b": ("#8a8f98", "dashed")}


def compare_chart():
    """Two periods' running totals of net profit, each from $0 on its day 0."""
    fig = figure(name="compare_chart", title="Net profit so far, day by day", height=300,
                 sizing_mode="stretch_width", tools=_TOOLS)
    lines = [fig.step(x="x", y="y", source=_source(name), mode="after", line_width=2.5, color=color, line_dash=dash)
             for name, (color, dash) in COMPARE_LINES.items()]
    fig.add_tools(HoverTool(renderers=lines, tooltips=[("", "@label")], mode="vline"))
    fig.xaxis.axis_label = "Day of the period"
    fig.xaxis.ticker.desired_num_ticks = 6
    fig.min_border_left = MONEY_SPACE
    return _style(fig)


BREAKDOWN_TITLES = {
    "sport": "Profit by sport", "competition": "Profit by competition or track",
    "team": "Profit by team or player", "market": "Profit by market", "bet_type": "Profit by bet type",
}


def _blend(a: str, b: str, t: float) -> str:
    """The colour a fraction `t` of the way from `a` to `b` (both "#rrggbb")."""
    pa, pb = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(pa, pb))


_PALE, _NONE = "#ebe8df", "#ffffff"   # even: a warm grey; no bets: blank
#: Shades from the largest loss (red) through nothing (pale) to the largest gain (green); bets
#: from none (pale) to the busiest hour (blue).
PROFIT_PALETTE = [_blend(LOSS, _PALE, i / 5) for i in range(5)] + [_PALE] + [_blend(_PALE, GAIN, i / 5) for i in range(1, 6)]
BETS_PALETTE = [_blend("#f7f7f7", "#1f4e99", i / 8) for i in range(9)]


def heatmap_chart(value: str, title: str):
    """The week's hours (across) by weekday (down, Monday at the top) coloured by bets placed or
    by profit; the shade is chartdata.heatmap's (-1 to 1, or 0 to 1), an hour without bets blank."""
    name = f"heatmap_{value}"
    source = _source(name)
    fig = figure(name=f"{name}_chart", title=title, height=240, sizing_mode="stretch_width",
                 x_range=Range1d(-0.5, 23.5), y_range=FactorRange(*reversed(WEEKDAYS)),
                 tools="", toolbar_location=None, x_axis_location="above")
    low, palette = (-1, PROFIT_PALETTE) if value == "profit" else (0, BETS_PALETTE)
    mapper = LinearColorMapper(palette=palette, low=low, high=1, low_color=_NONE)   # chartdata.NO_BETS
    cells = fig.rect(x="hour", y="weekday", width=0.94, height=0.92, source=source,
                     fill_color={"field": "shade", "transform": mapper}, line_color="#e6e6e6")
    fig.add_tools(HoverTool(renderers=[cells], tooltips=[("", "@label")]))
    fig.grid.grid_line_color = None
    fig.axis.axis_line_color = None
    fig.axis.major_tick_line_color = None
    fig.xaxis.ticker = FixedTicker(ticks=list(range(0, 24, 3)))   # every third hour: room on a phone
    fig.xaxis.major_label_overrides = {h: f"{h:02d}:00" for h in range(0, 24, 3)}
    fig.min_border_left = 40
    return _style(fig, money_axis="none")


def price_bands_chart():
    """Profit by price band of single fixed-odds bets, every band, shortest price at the top."""
    source = _source("price_bands")
    bands = [name for name, _, _ in PRICE_BANDS]
    fig = figure(name="price_bands_chart", title="Profit by price (single bets)", height=260,
                 sizing_mode="stretch_width", y_range=FactorRange(*reversed(bands)), tools="", toolbar_location=None)
    bars = fig.hbar(y="band", right="profit", height=0.7, source=source, fill_color="color", line_color="color")
    fig.add_tools(HoverTool(renderers=[bars], tooltips=[("", "@band: @label")]))
    fig.ygrid.grid_line_color = None
    fig.min_border_left = 100
    fig.min_border_bottom = AXIS_SPACE
    fig.xaxis.ticker.desired_num_ticks = 4
    return _style(fig, money_axis="x")


def by_legs_chart():
    """Profit of multis by their number of legs."""
    source = _source("by_legs")
    fig = figure(name="by_legs_chart", title="Profit by number of legs (multis)", height=260,
                 sizing_mode="stretch_width", tools="", toolbar_location=None)
    bars = fig.vbar(x="legs", top="profit", width=0.7, source=source, fill_color="color", line_color="color")
    fig.add_tools(HoverTool(renderers=[bars], tooltips=[("", "@legs legs, @label")]))
    fig.xgrid.grid_line_color = None
    fig.xaxis.ticker = SingleIntervalTicker(interval=1)
    fig.xaxis.axis_label = "legs"
    fig.min_border_left = MONEY_SPACE
    return _style(fig)


def dashboard_charts() -> dict:
    """Every dashboard chart, empty, keyed by name."""
    charts = {"pnl": pnl_chart(), "cash": cash_chart(), "compare": compare_chart()}
    for dimension, title in BREAKDOWN_TITLES.items():
        charts[f"breakdown_{dimension}"] = breakdown_chart(dimension, title)
    return {**charts, **pattern_charts()}


def pattern_charts() -> dict:
    """The charts of the patterns (chartdata.PATTERN_SOURCES), empty, keyed by name."""
    return {"heatmap_bets": heatmap_chart("bets", "Bets placed by weekday and hour"),
            "heatmap_profit": heatmap_chart("profit", "Profit by weekday and hour"),
            "price_bands": price_bands_chart(), "by_legs": by_legs_chart()}


def fill(charts: dict, sources: dict[str, dict]) -> None:
    """Put data into the charts' named sources (the CLI report and the workbench; the site does
    it in JS): a source's data, and the factors of a range named after it."""
    for fig in charts.values():
        for model, source in _fillable(fig):
            if source in sources:
                if isinstance(model, ColumnDataSource):
                    model.data = sources[source]
                else:
                    model.factors = list(sources[source]["key"])


_FILLABLE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fillable(fig) -> list[tuple]:
    """A chart's named sources and ranges, each with the source it is filled from: found once,
    as a chart is filled again and again (the workbench, at each filter)."""
    if fig not in _FILLABLE:
        by_range = {r: s for s, r in RANGES.items()}
        _FILLABLE[fig] = ([(m, m.name) for m in fig.select({"type": ColumnDataSource})]
                          + [(r, by_range.get(r.name)) for r in fig.select({"type": FactorRange})])
    return _FILLABLE[fig]
