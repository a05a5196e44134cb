"""The patterns on the page (issue 16): the weekday x hour heatmaps, profit by price band and by
number of legs, and the legs view; drawn (pixels, not a blank plot) and equal to summary --json."""
from browserkit import ARTIFACTS, cli_summary, shot, wait_dashboard
from PIL import Image

from tmb_core import sample
from tmb_core.present import chartdata

CHARTS = ("heatmap_bets", "heatmap_profit", "price_bands", "by_legs")
#: The sources' columns as BokehJS holds them, by source name.
SOURCE_DATA = """names => Object.fromEntries(names.map(name => {
  const model = Bokeh.documents.map(d => d.get_model_by_name(name)).find(Boolean);
  return [name, Object.fromEntries(Object.entries(model.data).map(([k, v]) => [k, Array.from(v)]))];
}))"""
LEGS_ROWS = """id => [...document.querySelectorAll(`#${id} tbody tr`)].map(tr => ({...tr.dataset}))"""


def coloured(path, far=60) -> int:
    """Pixels of a screenshot that are neither white-ish nor grey: the chart's coloured marks."""
    data = Image.open(path).convert("RGB").tobytes()
    return sum(1 for r, g, b in zip(data[0::3], data[1::3], data[2::3]) if max(r, g, b) - min(r, g, b) > far)


def assert_drawn(page, name, tag):
    path = ARTIFACTS / f"pattern-{name}-{tag}.png"
    page.locator(f"#chart-{name}").scroll_into_view_if_needed()
    page.locator(f"#chart-{name}").screenshot(path=str(path))
    assert coloured(path) > 300, f"#chart-{name} looks blank ({tag})"


def _legs(rows, keys):
    return [{**{k: r[k] for k in keys}, **{k: int(r[k]) for k in ("legs", "multis", "multis_won", "multis_lost")}}
            for r in rows]


def test_the_patterns_are_drawn_and_equal_the_cli(page, tmp_path):
    page.click("#sample")
    wait_dashboard(page)
    exported = tmp_path / "sample-export.csv"
    exported.write_text(sample.generate_csv(3000, seed=7))
    insights = cli_summary(exported)["insights"]
    page.wait_for_function("() => document.querySelector('#legs-by-sport tbody tr')")
    shown = page.evaluate(SOURCE_DATA, list(CHARTS))
    assert shown == chartdata.pattern_sources(insights)
    assert shown["heatmap_bets"]["bets"] == [c["bets"] for c in insights["weekday_hour"]]
    assert len(shown["heatmap_profit"]["weekday"]) == 7 * 24
    assert shown["price_bands"]["profit"] == [b["net_profit"] for b in insights["price_bands"]]
    assert shown["by_legs"]["legs"] == [r["legs"] for r in insights["by_legs"]]
    sport = page.evaluate(LEGS_ROWS, "legs-by-sport")
    assert _legs(sport, ("sport",)) == insights["legs_by_sport"]
    competition = page.evaluate(LEGS_ROWS, "legs-by-competition")
    assert _legs(competition, ("sport", "competition")) == insights["legs_by_competition"]
    for name in CHARTS:
        assert_drawn(page, name, "desktop")
    page.locator("#patterns").screenshot(path=str(ARTIFACTS / "patterns-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px wide)"
    for name in CHARTS:
        assert_drawn(page, name, "phone")
    page.locator("#patterns").screenshot(path=str(ARTIFACTS / "patterns-phone.png"))
    shot(page, "patterns-page-phone")


def test_the_patterns_follow_the_filters(page, tmp_path):
    page.click("#sample")
    wait_dashboard(page)
    exported = tmp_path / "sample-export.csv"
    exported.write_text(sample.generate_csv(3000, seed=7))
    page.select_option("#filters [name=bet_kind]", "multi")
    page.wait_for_function("() => document.querySelectorAll('#legs-by-sport tbody tr').length"
                           " && document.getElementById('truth').dataset.state !== 'loading'")
    page.wait_for_timeout(300)
    insights = cli_summary(exported, args=("--bet-kind", "multi"))["insights"]
    shown = page.evaluate(SOURCE_DATA, list(CHARTS))
    assert shown["heatmap_bets"]["bets"] == [c["bets"] for c in insights["weekday_hour"]]
    assert sum(shown["price_bands"]["bets"]) == 0 and shown == chartdata.pattern_sources(insights)
    assert _legs(page.evaluate(LEGS_ROWS, "legs-by-sport"), ("sport",)) == insights["legs_by_sport"]
    assert_drawn(page, "heatmap_profit", "multis")
