"""The chart contract: every source and range the front end fills exists, with the columns chartdata makes."""
import json

from bokeh.embed import json_item
from bokeh.models import ColumnDataSource, FactorRange

from tmb_core import Ledger, sample
from tmb_core.present import chartdata
from tmb_core.present.bokeh import charts


def _sources(fig):
    return {m.name: m for m in fig.select({"type": ColumnDataSource})}


def test_every_contract_source_and_range_is_in_exactly_one_chart():
    figures = charts.dashboard_charts()
    found = [name for fig in figures.values() for name in _sources(fig)]
    assert sorted(found) == sorted(chartdata.SOURCES)
    ranges = [r.name for fig in figures.values() for r in fig.select({"type": FactorRange}) if r.name]
    assert sorted(ranges) == sorted(chartdata.RANGES.values())
    for fig in figures.values():
        for name, source in _sources(fig).items():
            assert tuple(source.data) == chartdata.SOURCES[name]


def test_chart_data_fills_every_source_with_equal_length_columns():
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(3000, seed=5).encode())
    for period in ("day", "week", "month"):
        sources = chartdata.all_sources(ledger.dashboard(period=period), period)
        assert set(sources) == set(chartdata.SOURCES) - set(chartdata.PATTERN_SOURCES) - set(chartdata.COMPARE_SOURCES)
        for name, columns in sources.items():
            assert tuple(columns) == chartdata.SOURCES[name]
            lengths = {len(v) for v in columns.values()}
            assert len(lengths) == 1, name
        assert len(sources["pnl"]["x"]) > 0 and len(sources["breakdown_sport"]["key"]) > 0
        assert sources["pnl"]["cumulative"][-1] == ledger.headline()["net_profit"]


def test_the_swing_markers_sit_on_the_bets_where_each_swing_starts_and_ends():
    """Not on the closing total of the period around them: a day's low can be below its close."""
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(3000, seed=5).encode())
    running, at = 0.0, {}
    for bet in sorted(ledger.bets(), key=lambda b: (b["placed"], b["bet_id"])):
        running += bet["profit"]
        at[bet["placed"]] = round(running, 2)   # the running total after the minute's last bet
    data = ledger.dashboard(period="month")
    markers = chartdata.all_sources(data, "month")["swing"]
    swings = data["swings"]
    when = [swings["drawdown"]["start"], swings["drawdown"]["finish"], swings["run_up"]["start"], swings["run_up"]["finish"]]
    assert markers["x"] == [chartdata.epoch_ms(t) for t in when]
    assert markers["y"] == [at[t] for t in when]
    assert markers["y"][1] == min(at.values()) and markers["y"][3] == max(at.values()), "its lowest and highest"
    assert not set(markers["y"]) & set(data["series"]["cumulative"]), "none is where a month closed"


def test_pattern_data_fills_every_pattern_source():
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(3000, seed=5).encode())
    insights = ledger.insights()
    sources = chartdata.pattern_sources(insights)
    assert set(sources) == set(chartdata.PATTERN_SOURCES)
    for name, columns in sources.items():
        assert tuple(columns) == chartdata.SOURCES[name] and len({len(v) for v in columns.values()}) == 1, name
    profit = sources["heatmap_profit"]
    shades = [v for v in profit["shade"] if v != chartdata.NO_BETS]
    assert len(profit["shade"]) == 7 * 24 and max(abs(v) for v in shades) == 1 and min(shades) >= -1
    for shade, bets, value in zip(profit["shade"], profit["bets"], profit["net_profit"]):
        assert (shade == chartdata.NO_BETS) == (bets == 0)
        assert bets == 0 or shade * value >= 0   # red is a loss, green a gain
    assert sources["price_bands"]["band"] == [b["band"] for b in insights["price_bands"]]


def test_losses_are_told_by_sign_and_direction_not_colour_alone():
    data = chartdata.breakdown({"key": ["A", "B"], "profit": [-5.0, 7.0], "staked": [10.0, 10.0],
                                "bets": [1, 1], "roi": [-0.5, 0.7], "strike_rate": [0.0, 1.0]})
    assert data["key"] == ["B", "A"]
    assert data["color"] == [chartdata.GAIN, chartdata.LOSS]
    assert data["profit"][1] < 0 < data["profit"][0]          # the bar runs left of zero
    assert data["label"][1].startswith("\u2212$5.00") and data["label"][0].startswith("+$7.00")


def test_filled_charts_serialise_for_the_browser():
    ledger = Ledger.in_memory()
    ledger.import_file("s.csv", sample.generate_csv(500, seed=2).encode())
    figures = charts.dashboard_charts()
    charts.fill(figures, chartdata.all_sources(ledger.dashboard(period="week"), "week"))
    for name, fig in figures.items():
        item = json.loads(json.dumps(json_item(fig, name)))
        assert item["target_id"] == name and item["doc"]["roots"]


def test_no_stylesheet_of_the_site_overrides_bokeh_visuals():
    """site/app/charts.js skips BokehJS's lookups of --bk-* custom properties (each forced a
    style recalculation): they are only right to skip while no stylesheet defines one."""
    from pathlib import Path

    site = Path(__file__).resolve().parents[1] / "site"
    for path in [*site.glob("*.css"), *site.glob("*.html")]:
        assert "--bk-" not in path.read_text(encoding="utf-8"), path.name
